import { useCallback, useEffect, useRef } from 'react';

const PAD = 224;

/**
 * A square to draw on (white ink on black, like MNIST and the digits set). After every stroke
 * the picture is shrunk to the model's input size and handed to `onPicture` as RGBA bytes.
 */
export function DrawPad({ width, height, onPicture }: { width: number; height: number; onPicture(rgba: Uint8ClampedArray): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const lastSent = useRef(0);

  const clear = useCallback(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, PAD, PAD);
  }, []);

  useEffect(clear, [clear]);

  const send = useCallback(() => {
    const pad = ref.current;
    if (!pad) return;
    const small = document.createElement('canvas');
    small.width = width;
    small.height = height;
    const ctx = small.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(pad, 0, 0, width, height);
    onPicture(ctx.getImageData(0, 0, width, height).data);
  }, [width, height, onPicture]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  };

  const stroke = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = ref.current?.getContext('2d');
    const from = drawing.current;
    if (!ctx || !from) return;
    const to = point(e);
    ctx.strokeStyle = '#fff';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    // About 2 input pixels wide whatever the model's size, like a pen stroke in the training data.
    ctx.lineWidth = Math.max(8, (PAD / Math.max(width, height)) * 2);
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    drawing.current = to;
    if (performance.now() - lastSent.current > 120) {
      lastSent.current = performance.now();
      send();
    }
  };

  return (
    <div className="eval-drawpad">
      <canvas
        ref={ref}
        width={PAD}
        height={PAD}
        aria-label={`Drawing area: draw with the mouse or a finger; it is read at ${width}×${height} pixels`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = point(e);
          stroke(e);
        }}
        onPointerMove={stroke}
        onPointerUp={() => {
          drawing.current = null;
          send();
        }}
      />
      <button type="button" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
