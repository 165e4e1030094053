import { appSession } from '../../session/app';
import { choiceOf } from '../../session/evaluation';
import { languageModelSummary } from '../../session/language-model';
import { useAppStore } from '../../store/app-store';
import { formatBytes } from '../../store/persistence/bundle';
import { weightsBytes } from '../../store/persistence/project-db';
import type { TrainingRun } from '../../store/training-slice';
import { CompareChart } from '../charts/EpochCharts';
import { reportFailure } from './report-failure';
import { formatDuration } from './TrainProgress';

function testText(run: TrainingRun): string {
  const m = run.test?.metrics;
  if (!m) return '–';
  const lm = run.test?.languageModel;
  if (lm) return languageModelSummary(lm);
  return m.kind === 'classification' ? `accuracy ${m.accuracy.toFixed(4)}` : `MAE ${m.mae.toFixed(4)}`;
}

/** "1, 2, 3", or "1–500" for a long unbroken run; a gap is always spelled out so it shows. */
export function epochsText(epochs: readonly number[]): string {
  if (epochs.length === 0) return '–';
  const unbroken = epochs.every((e, i) => e === i + 1);
  return unbroken && epochs.length > 8 ? `1–${epochs.length}` : epochs.join(', ');
}

/** The settings that tell runs apart, in a few words: "adam 0.001 · batch 32 · seed 42". */
export function settingsText(run: TrainingRun): string {
  const c = run.config;
  const opt = c.optimizer as { name?: string; learningRate?: number } | undefined;
  const parts = [
    opt?.name ? `${opt.name}${opt.learningRate != null ? ` ${opt.learningRate}` : ''}` : null,
    c.batchSize != null ? `batch ${c.batchSize}` : null,
    c.seed != null ? `seed ${c.seed}` : null,
  ];
  return parts.filter(Boolean).join(' · ') || 'defaults';
}

/** Every run with its settings, scores and stored size; ticked runs are overlaid on one chart. */
export function RunsList() {
  const runs = useAppStore((s) => s.runs);
  const weights = useAppStore((s) => s.runWeights);
  const compared = useAppStore((s) => s.comparedRunIds);
  const currentId = useAppStore((s) => s.currentRunId);
  const idle = useAppStore((s) => s.trainingStatus === 'idle');
  const inUse = useAppStore((s) => choiceOf(s)?.id ?? null);
  const setCompared = useAppStore((s) => s.setComparedRuns);
  if (runs.length === 0) return null;
  const toggle = (id: string, on: boolean) => setCompared(on ? [...compared, id] : compared.filter((c) => c !== id));
  const selected = runs.filter((r) => compared.includes(r.id));
  return (
    <section className="train-runs" aria-label="Runs">
      <h3>Runs</h3>
      <div className="train-runs-scroll">
        <table>
          <thead>
            <tr>
              <th>Compare</th>
              <th>Run</th>
              <th>Settings</th>
              <th>Status</th>
              <th>Epochs</th>
              <th>Test · final loss</th>
              <th>Weights</th>
              <th>Time</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const last = run.epochs.at(-1);
              const w = weights[run.id];
              const busy = run.id === currentId && !idle;
              return (
                <tr key={run.id} data-testid="run-row" aria-current={run.id === currentId ? 'true' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare ${run.name}`}
                      checked={compared.includes(run.id)}
                      onChange={(e) => toggle(run.id, e.currentTarget.checked)}
                    />
                  </td>
                  <td>
                    <span className="run-name">{run.name}</span>
                    {run.id === currentId && <span className="run-badge">current</span>}
                    {run.id === inUse && (
                      <span className="run-badge run-badge-use" title="The run Evaluate and Deploy use">
                        evaluated
                      </span>
                    )}
                  </td>
                  <td className="run-settings">
                    {settingsText(run)}
                    <small>{run.backendLabel}</small>
                  </td>
                  <td data-testid="run-status">{run.status}</td>
                  <td data-testid="run-epochs">{epochsText(run.epochs.map((e) => e.epoch))}</td>
                  <td>
                    <span data-testid="run-test">{testText(run)}</span>
                    <small>loss {last ? last.loss.toFixed(4) : '–'}</small>
                  </td>
                  <td data-testid="run-size">{w ? formatBytes(weightsBytes(w)) : '–'}</td>
                  <td>{formatDuration(run.seconds)}</td>
                  <td>
                    <button
                      type="button"
                      className="run-delete"
                      disabled={busy}
                      title={busy ? 'Stop the run first' : 'Delete this run and free its storage'}
                      aria-label={`Delete ${run.name}`}
                      onClick={() => appSession().training.deleteRun(run.id).catch(reportFailure)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {selected.length >= 2 ? (
        <CompareChart runs={selected} />
      ) : (
        <p className="train-muted">Tick two or more runs to compare their curves.</p>
      )}
    </section>
  );
}
