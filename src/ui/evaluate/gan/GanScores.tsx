import { useState } from 'react';
import type { GanEvaluation } from '../../../session/gan-evaluation';

type Report = Awaited<ReturnType<GanEvaluation['score']>>;

/** Seeds the scoring latents apart from the grid's seeds. */
const SCORE_SEED = 20_241;

function Bar({ value, max, kind }: { value: number; max: number; kind: string }) {
  const width = max > 0 ? Math.max(2, Math.min(100, (value / max) * 100)) : 0;
  return (
    <span className="gan-score-bar">
      <span className={`gan-score-fill is-${kind}`} style={{ width: `${width}%` }} />
    </span>
  );
}

/**
 * The Inception-style score and Fréchet distance of generated images against held-out real ones,
 * beside the real-vs-real and noise bounds, computed in the evaluation worker on demand.
 */
export function GanScores({ evaluation }: { evaluation: GanEvaluation }) {
  const [report, setReport] = useState<Report | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    setError(null);
    setProgress('Starting…');
    evaluation.score(SCORE_SEED, setProgress).then(
      (r) => {
        setReport(r);
        setProgress(null);
      },
      (err: unknown) => {
        setProgress(null);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  const rows = report
    ? [
        { kind: 'real', name: 'Real images (best possible)', s: report.bounds.real },
        { kind: 'model', name: 'This generator', s: report.score },
        { kind: 'noise', name: 'Uniform noise (learned nothing)', s: report.bounds.noise },
      ]
    : [];
  const maxIs = Math.max(10, ...rows.map((r) => r.s.inception));
  const maxFd = Math.max(...rows.map((r) => r.s.frechet), 1e-9);
  return (
    <section className="gan-eval-card gan-eval-scores" aria-label="Quality scores">
      <h3>Quality scores</h3>
      <p className="gan-muted">
        Measured with the project’s Fashion-MNIST backbone. Inception-style score: higher is better (1 to 10). Fréchet
        distance to held-out real images: lower is better.
      </p>
      {report && (
        <table className="gan-score-table" data-testid="gan-scores">
          <thead>
            <tr>
              <th scope="col">Images</th>
              <th scope="col">Inception-style ↑</th>
              <th scope="col">Fréchet distance ↓</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.kind} className={r.kind === 'model' ? 'is-model' : undefined}>
                <th scope="row">{r.name}</th>
                <td>
                  <span className="gan-score-value">{r.s.inception.toFixed(2)}</span>
                  <Bar value={r.s.inception} max={maxIs} kind={r.kind} />
                </td>
                <td>
                  <span className="gan-score-value">{r.s.frechet.toFixed(2)}</span>
                  <Bar value={r.s.frechet} max={maxFd} kind={r.kind} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && <p className="gan-muted">{report.n} images in each set.</p>}
      <button type="button" onClick={run} disabled={progress !== null}>
        {report ? 'Score again' : 'Compute scores'}
      </button>
      {progress && (
        <p className="gan-muted" role="status" data-testid="gan-score-progress">
          {progress}
        </p>
      )}
      {error && <p className="gan-error">{error}</p>}
    </section>
  );
}
