import type { DataFix } from '../../data/errors';
import { useAppStore } from '../../store/app-store';
import { fixActions } from './fixes';

/** The buttons that follow a problem's advice. */
export function FixButtons({ fix }: { fix: DataFix | undefined }) {
  const busy = useAppStore((s) => s.dataPage.busy);
  const actions = fixActions(fix);
  if (actions.length === 0) return null;
  return (
    <span className="data-fixes">
      {actions.map((a) => (
        <button key={a.label} type="button" disabled={busy} onClick={() => void a.run()}>
          {a.label}
        </button>
      ))}
    </span>
  );
}
