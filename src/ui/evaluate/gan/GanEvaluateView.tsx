import { useCallback, useEffect, useState } from 'react';
import { appGanEvaluation } from '../../../session/gan-app';
import type { GanSamples } from '../../../session/gan-evaluation';
import { useAppStore } from '../../../store/app-store';
import { GanInterpolation } from './GanInterpolation';
import { GanNearest } from './GanNearest';
import { GanScores } from './GanScores';
import { ImageCanvas } from './ImageCanvas';
import { cellAt, imageAt } from './pixels';
import './gan-eval.css';

/** The seed of the first grid: fixed, so the page opens on the same samples each time. */
const FIRST_SEED = 1;

/**
 * The Evaluate page of a GAN: an 8×8 grid from the trained generator (by seed), two picked samples
 * to interpolate between, the nearest training image of the picked one, and the quality scores.
 */
export function GanEvaluateView() {
  const evaluation = appGanEvaluation();
  const weights = useAppStore((s) => s.ganRun.weights);
  const dataset = useAppStore((s) => s.dataset);
  const blocker = useAppStore(() => evaluation.blocker());
  const [seedText, setSeedText] = useState(String(FIRST_SEED));
  const [samples, setSamples] = useState<GanSamples | null>(null);
  const [picked, setPicked] = useState<{ a: number; b: number }>({ a: 0, b: 1 });
  const [next, setNext] = useState<'a' | 'b'>('a');
  const [error, setError] = useState<string | null>(null);

  const draw = useCallback(
    (seed: number) => {
      evaluation
        .samples(seed)
        .then(setSamples, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    },
    [evaluation],
  );
  useEffect(() => {
    if (!evaluation.blocker()) draw(FIRST_SEED);
  }, [evaluation, draw, weights, dataset]);

  const seed = Number(seedText);
  const seedOk = Number.isInteger(seed) && seed >= 0;
  return (
    <div className="eval-page gan-eval">
      <header className="eval-header">
        <h2>Evaluate</h2>
        <p className="eval-note">
          The trained generator{dataset ? ` of ${dataset.name}` : ''}: its samples, a walk between two of them, each
          sample’s nearest training image, and scores against held-out real images.
        </p>
      </header>
      {blocker ? (
        <p className="gan-eval-blocker" role="status">
          {blocker}
        </p>
      ) : (
        <div className="gan-eval-layout">
          <section className="gan-eval-card" aria-label="Samples">
            <h3>Samples</h3>
            <div className="gan-eval-row">
              <label>
                Seed{' '}
                <input
                  type="number"
                  min={0}
                  step={1}
                  value={seedText}
                  aria-invalid={!seedOk}
                  onChange={(e) => setSeedText(e.currentTarget.value)}
                />
              </label>
              <button type="button" disabled={!seedOk} onClick={() => draw(seed)}>
                New samples
              </button>
            </div>
            {!seedOk && <p className="gan-error">The seed must be a whole number of 0 or more.</p>}
            {samples ? (
              <ImageCanvas
                images={samples.images}
                n={samples.n}
                shape={samples.shape}
                label={`64 generated samples from seed ${samples.seed}`}
                testId="gan-eval-grid"
                onPick={(canvas, x, y) => {
                  const cell = cellAt(canvas, x, y, samples.shape, samples.n);
                  if (cell === null) return;
                  setPicked((p) => ({ ...p, [next]: cell }));
                  setNext(next === 'a' ? 'b' : 'a');
                }}
              />
            ) : (
              <div className="gan-grid-empty">{error ?? 'Generating…'}</div>
            )}
            <p className="gan-muted">
              Click a sample to pick {next === 'a' ? 'A' : 'B'} (A: #{picked.a + 1}, B: #{picked.b + 1}).
            </p>
          </section>
          {samples && (
            <GanInterpolation
              key={`${samples.seed}-${picked.a}-${picked.b}`}
              evaluation={evaluation}
              samples={samples}
              a={picked.a}
              b={picked.b}
            />
          )}
          {samples && (
            <GanNearest
              key={`${samples.seed}-${picked.a}`}
              evaluation={evaluation}
              image={imageAt(samples.images, picked.a, samples.shape)}
              shape={samples.shape}
              which={picked.a}
            />
          )}
          <GanScores key={String(weights !== null)} evaluation={evaluation} />
        </div>
      )}
    </div>
  );
}
