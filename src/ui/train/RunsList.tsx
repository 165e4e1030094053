import { useAppStore } from '../../store/app-store';
import type { TrainingRun } from '../../store/training-slice';
import { CompareChart } from '../charts/EpochCharts';
import { formatDuration } from './TrainProgress';

function testText(run: TrainingRun): string {
  const m = run.test?.metrics;
  if (!m) return '–';
  return m.kind === 'classification' ? `accuracy ${m.accuracy.toFixed(4)}` : `MAE ${m.mae.toFixed(4)}`;
}

/** Every run with its final numbers; ticked runs are overlaid on one chart. */
export function RunsList() {
  const runs = useAppStore((s) => s.runs);
  const compared = useAppStore((s) => s.comparedRunIds);
  const patch = useAppStore((s) => s.patchTraining);
  if (runs.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    patch({ comparedRunIds: on ? [...compared, id] : compared.filter((c) => c !== id) });
  const selected = runs.filter((r) => compared.includes(r.id));
  return (
    <section className="train-runs" aria-label="Runs">
      <h3>Runs</h3>
      <table>
        <thead>
          <tr>
            <th>Compare</th>
            <th>Run</th>
            <th>Backend</th>
            <th>Status</th>
            <th>Epochs</th>
            <th>Final loss</th>
            <th>Test</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const last = run.epochs.at(-1);
            return (
              <tr key={run.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${run.name}`}
                    checked={compared.includes(run.id)}
                    onChange={(e) => toggle(run.id, e.currentTarget.checked)}
                  />
                </td>
                <td>{run.name}</td>
                <td>{run.backendLabel}</td>
                <td data-testid="run-status">{run.status}</td>
                <td data-testid="run-epochs">{run.epochs.map((e) => e.epoch).join(', ') || '–'}</td>
                <td>{last ? last.loss.toFixed(4) : '–'}</td>
                <td data-testid="run-test">{testText(run)}</td>
                <td>{formatDuration(run.seconds)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected.length >= 2 ? <CompareChart runs={selected} /> : <p className="train-muted">Tick two or more runs to compare their curves.</p>}
    </section>
  );
}
