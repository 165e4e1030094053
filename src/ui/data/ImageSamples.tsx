import { useEffect, useRef } from 'react';
import type { PreparedDataset } from '../../data/types';

const PER_CLASS = 6;

/** One sample drawn from the prepared floats ([h, w, c] in 0…1), scaled up without smoothing. */
function Sample({ x, shape, label }: { x: Float32Array; shape: readonly number[]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h = 1, w = 1, c = 1] = shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    for (let p = 0; p < w * h; p++) {
      for (let k = 0; k < 3; k++) img.data[p * 4 + k] = Math.round(255 * x[p * c + (c === 3 ? k : 0)]!);
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [x, w, h, c]);
  return <canvas ref={ref} width={w} height={h} className="data-sample" role="img" aria-label={label} />;
}

/** A few training images of each class, straight from the prepared dataset. */
export function ImageSamples({ dataset }: { dataset: PreparedDataset }) {
  const size = dataset.inputShape.reduce((a, b) => a * b, 1);
  const { x, y, n } = dataset.train;
  const names = dataset.classNames ?? [];
  const picks = names.map((name, cls) => {
    const rows: number[] = [];
    for (let i = 0; i < n && rows.length < PER_CLASS; i++) if (y[i] === cls) rows.push(i);
    return { name, rows };
  });
  return (
    <div className="data-image-grid" aria-label="Sample images">
      {picks.map(({ name, rows }) => (
        <article key={name} className="data-image-class" aria-label={`Class ${name}`}>
          <h4 className="data-name" title={name}>
            {name}
          </h4>
          <div className="data-thumbs">
            {rows.map((r) => (
              <Sample key={r} x={x.subarray(r * size, (r + 1) * size)} shape={dataset.inputShape} label={`${name} sample ${r}`} />
            ))}
          </div>
        </article>
      ))}
    </div>
  );
}
