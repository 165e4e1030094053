import { useEffect, useState } from 'react';
import type { GanEvaluation, GanSamples } from '../../../session/gan-evaluation';
import { ImageCanvas } from './ImageCanvas';
import { imageAt } from './pixels';

const STEPS = 20;

/** A slider from sample A to sample B: the generator's image at each point between their latents. */
export function GanInterpolation({
  evaluation,
  samples,
  a,
  b,
}: {
  evaluation: GanEvaluation;
  samples: GanSamples;
  a: number;
  b: number;
}) {
  const [step, setStep] = useState(STEPS / 2);
  const [image, setImage] = useState<Float32Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const dim = samples.latent.length / samples.n;
    const latentA = samples.latent.subarray(a * dim, (a + 1) * dim);
    const latentB = samples.latent.subarray(b * dim, (b + 1) * dim);
    evaluation.between(latentA, latentB, step / STEPS).then(
      (img) => live && setImage(img),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [evaluation, samples, a, b, step]);
  return (
    <section className="gan-eval-card" aria-label="Latent interpolation">
      <h3>Latent interpolation</h3>
      <div className="gan-eval-trio">
        <figure>
          <ImageCanvas
            images={imageAt(samples.images, a, samples.shape)}
            n={1}
            shape={samples.shape}
            label="Sample A"
            className="gan-eval-small"
          />
          <figcaption>A · #{a + 1}</figcaption>
        </figure>
        <figure>
          {image ? (
            <ImageCanvas
              images={image}
              n={1}
              shape={samples.shape}
              label={`Generated ${Math.round((step / STEPS) * 100)}% of the way from A to B`}
              className="gan-eval-large"
              testId="gan-eval-between"
            />
          ) : (
            <div className="gan-eval-large gan-grid-empty">{error ?? '…'}</div>
          )}
          <figcaption>{Math.round((step / STEPS) * 100)}% towards B</figcaption>
        </figure>
        <figure>
          <ImageCanvas
            images={imageAt(samples.images, b, samples.shape)}
            n={1}
            shape={samples.shape}
            label="Sample B"
            className="gan-eval-small"
          />
          <figcaption>B · #{b + 1}</figcaption>
        </figure>
      </div>
      <input
        type="range"
        min={0}
        max={STEPS}
        value={step}
        aria-label="From A to B"
        onChange={(e) => setStep(e.currentTarget.valueAsNumber)}
      />
    </section>
  );
}
