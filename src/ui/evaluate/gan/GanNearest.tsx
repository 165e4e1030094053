import { useState } from 'react';
import type { GanEvaluation } from '../../../session/gan-evaluation';
import { ImageCanvas } from './ImageCanvas';

type NearestImage = Awaited<ReturnType<GanEvaluation['nearest']>>;

/** Sample A beside the training image nearest to it in the backbone's features (a memorisation check). */
export function GanNearest({
  evaluation,
  image,
  shape,
  which,
}: {
  evaluation: GanEvaluation;
  image: Float32Array;
  shape: readonly number[];
  which: number;
}) {
  const [found, setFound] = useState<NearestImage | null>(null);
  const [state, setState] = useState<'idle' | 'running' | string>('idle');
  const find = () => {
    setState('running');
    evaluation.nearest(image.slice()).then(
      (f) => {
        setFound(f);
        setState('idle');
      },
      (err: unknown) => setState(err instanceof Error ? err.message : String(err)),
    );
  };
  return (
    <section className="gan-eval-card" aria-label="Nearest training image">
      <h3>Nearest training image</h3>
      <p className="gan-muted">
        A sample that is a near copy of one training image means the generator memorised it rather than learned to draw.
      </p>
      <div className="gan-eval-pair">
        <figure>
          <ImageCanvas images={image} n={1} shape={shape} label={`Sample #${which + 1}`} className="gan-eval-medium" />
          <figcaption>Sample A · #{which + 1}</figcaption>
        </figure>
        <figure>
          {found ? (
            <ImageCanvas
              images={found.image}
              n={1}
              shape={shape}
              label={`Training image ${found.index + 1}`}
              className="gan-eval-medium"
              testId="gan-eval-nearest"
            />
          ) : (
            <div className="gan-eval-medium gan-grid-empty">?</div>
          )}
          <figcaption>
            {found
              ? `Training image ${found.index + 1} · feature distance ${found.distance.toFixed(2)}`
              : 'Not searched yet'}
          </figcaption>
        </figure>
      </div>
      <button type="button" onClick={find} disabled={state === 'running'}>
        {state === 'running' ? 'Searching…' : 'Find the nearest training image'}
      </button>
      {state !== 'idle' && state !== 'running' && <p className="gan-error">{state}</p>}
    </section>
  );
}
