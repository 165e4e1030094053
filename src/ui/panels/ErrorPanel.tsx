import { appStore, useAppStore } from '../../store/app-store';

/** Every validation error; clicking one selects its layer. */
export function ErrorPanel() {
  const errors = useAppStore((s) => s.analysis.errors);
  if (errors.length === 0) return null;
  return (
    <section className="error-panel" aria-label="Problems">
      <h3>
        {errors.length} problem{errors.length === 1 ? '' : 's'}
      </h3>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.nodeId}-${i}`}>
            <button
              type="button"
              disabled={!e.nodeId}
              onClick={() => {
                if (!e.nodeId) return;
                appStore.getState().select([e.nodeId]);
              }}
            >
              {e.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
