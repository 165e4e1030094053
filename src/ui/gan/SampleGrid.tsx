import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/app-store';

/**
 * The latest 8×8 grid of the fixed latent batch, redrawn as new ones arrive, with a scrubber back
 * through the grids the store keeps. Moving the scrubber holds that grid until it is moved to the end.
 */
export function SampleGrid() {
  const grids = useAppStore((s) => s.ganRun.grids);
  // null follows the newest grid; a number holds that grid's step.
  const [held, setHeld] = useState<number | null>(null);
  const heldIndex = held === null ? -1 : grids.findIndex((g) => g.step === held);
  const index = heldIndex >= 0 ? heldIndex : grids.length - 1;
  const grid = grids[index];
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !grid) return;
    c.width = grid.width;
    c.height = grid.height;
    const image = new ImageData(new Uint8ClampedArray(grid.rgba), grid.width, grid.height);
    c.getContext('2d')?.putImageData(image, 0, 0);
  }, [grid]);
  return (
    <section className="gan-grid-card" aria-label="Samples">
      <h3>Samples of the fixed latent batch</h3>
      {grid ? (
        <canvas
          ref={canvas}
          className="gan-grid-canvas"
          data-testid="gan-grid"
          data-step={grid.step}
          data-grids={grids.length}
          role="img"
          aria-label={`Generated samples at step ${grid.step}`}
        />
      ) : (
        <div className="gan-grid-empty">The generator’s samples appear here once training starts.</div>
      )}
      {grids.length > 0 && (
        <>
          <input
            type="range"
            min={0}
            max={grids.length - 1}
            value={index}
            aria-label="Earlier samples"
            aria-valuetext={grid ? `step ${grid.step}` : undefined}
            onChange={(e) => {
              const i = e.currentTarget.valueAsNumber;
              setHeld(i >= grids.length - 1 ? null : (grids[i]?.step ?? null));
            }}
          />
          <p className="gan-muted">
            {grid ? `Step ${grid.step}${grid.epoch > 0 ? `, epoch ${grid.epoch}` : ' (before training)'}` : ''} · grid{' '}
            {index + 1} of {grids.length}
            {held !== null && heldIndex >= 0 ? ' (held: move to the end to follow)' : ''}
          </p>
        </>
      )}
    </section>
  );
}
