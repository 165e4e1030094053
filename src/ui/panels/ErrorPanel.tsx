import { useReactFlow } from '@xyflow/react';
import { appStore, useAppStore } from '../../store/app-store';

/** Every validation error; clicking one selects its layer. */
export function ErrorPanel() {
  const errors = useAppStore((s) => s.analysis.errors);
  const flow = useReactFlow();
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
                const node = flow.getNode(e.nodeId);
                if (node) {
                  const w = node.measured?.width ?? 200;
                  const h = node.measured?.height ?? 90;
                  void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
                }
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
