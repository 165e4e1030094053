import { useEffect, useRef } from 'react';

/** One sample of a split ([h, w, c] floats in 0…1) drawn pixel-exact, scaled up with CSS. */
export function SampleImage({ x, index, shape, size = 56, label }: { x: Float32Array; index: number; shape: readonly number[]; size?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h = 1, w = 1, c = 1] = shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    const base = index * h * w * c;
    for (let p = 0; p < h * w; p++) {
      const at = base + p * c;
      const r = x[at]!;
      img.data[p * 4] = r * 255;
      img.data[p * 4 + 1] = (c === 3 ? x[at + 1]! : r) * 255;
      img.data[p * 4 + 2] = (c === 3 ? x[at + 2]! : r) * 255;
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [x, index, h, w, c]);
  return <canvas ref={ref} width={w} height={h} className="eval-sample" style={{ width: size, height: size }} role="img" aria-label={label} />;
}
