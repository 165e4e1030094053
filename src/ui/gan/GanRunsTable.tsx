import { useAppStore } from '../../store/app-store';
import type { GanRunRecord } from '../../store/gan-slice';

const STATUS: Record<GanRunRecord['status'], string> = {
  running: 'training',
  completed: 'finished',
  stopped: 'stopped',
  failed: 'failed',
};

const num = (v: number | null | undefined, digits: number) => (v == null ? '–' : v.toFixed(digits));

/** The project's GAN runs, newest first: epochs, the last epoch's losses and D outputs, and the Fréchet distance once scored. */
export function GanRunsTable() {
  const runs = useAppStore((s) => s.gan?.runs ?? []);
  const current = useAppStore((s) => s.ganRun.runId);
  if (runs.length === 0) return null;
  return (
    <section className="gan-runs" aria-label="GAN runs">
      <h3>Runs</h3>
      <table className="gan-runs-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Epochs</th>
            <th scope="col">D loss</th>
            <th scope="col">G loss</th>
            <th scope="col">D(x)</th>
            <th scope="col">D(G(z))</th>
            <th scope="col">Fréchet ↓</th>
          </tr>
        </thead>
        <tbody>
          {[...runs].reverse().map((run) => {
            const last = run.epochs.at(-1);
            return (
              <tr key={run.id} className={run.id === current ? 'is-current' : undefined}>
                <th scope="row">
                  {run.name}{' '}
                  <span className="gan-muted">
                    ({STATUS[run.status]}, seed {run.seed})
                  </span>
                </th>
                <td>
                  {last?.epoch ?? 0} / {run.settings.epochs}
                </td>
                <td>{num(last?.dLoss, 3)}</td>
                <td>{num(last?.gLoss, 3)}</td>
                <td>{num(last?.realScore, 2)}</td>
                <td>{num(last?.fakeScore, 2)}</td>
                <td>{num(run.scores?.score.frechet, 2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
