import { useEffect, useRef } from 'react';
import { drawImages } from './pixels';

/** A batch of generated or real images as one pixelated canvas. */
export function ImageCanvas({
  images,
  n,
  shape,
  label,
  className = 'gan-eval-canvas',
  testId,
  onPick,
}: {
  images: Float32Array;
  n: number;
  shape: readonly number[];
  label: string;
  className?: string;
  testId?: string;
  /** Hears clicks with the canvas and the click's client position. */
  onPick?: (canvas: HTMLCanvasElement, x: number, y: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) drawImages(canvas.current, images, n, shape);
  }, [images, n, shape]);
  return (
    <canvas
      ref={canvas}
      className={className}
      role="img"
      aria-label={label}
      data-testid={testId}
      onClick={onPick ? (e) => onPick(e.currentTarget, e.clientX, e.clientY) : undefined}
    />
  );
}
