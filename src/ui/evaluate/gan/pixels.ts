/**
 * Drawing generated images (row-major floats in [0, 1], each [h, w, c] with c 1 or 3) on a
 * canvas, as a grid with a 1-pixel gap; the page scales it up with pixelated rendering.
 */
export const GRID_COLUMNS = 8;
const GAP = 1;

/** One image of a row-major batch. */
export function imageAt(images: Float32Array, index: number, shape: readonly number[]): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  return images.subarray(index * size, (index + 1) * size);
}

/** Draws `n` images in rows of `columns` on `canvas`, resizing it to fit exactly. */
export function drawImages(
  canvas: HTMLCanvasElement,
  images: Float32Array,
  n: number,
  shape: readonly number[],
  columns = Math.min(n, GRID_COLUMNS),
): void {
  const [h = 0, w = 0, c = 1] = shape;
  const rows = Math.ceil(n / columns);
  const width = columns * w + (columns - 1) * GAP;
  const height = rows * h + (rows - 1) * GAP;
  canvas.width = width;
  canvas.height = height;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < n; i++) {
    const top = Math.floor(i / columns) * (h + GAP);
    const left = (i % columns) * (w + GAP);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((i * h + y) * w + x) * c;
        const dst = ((top + y) * width + left + x) * 4;
        for (let k = 0; k < 3; k++) data[dst + k] = Math.round(images[src + (c === 3 ? k : 0)]! * 255);
        data[dst + 3] = 255;
      }
    }
  }
  canvas.getContext('2d')?.putImageData(new ImageData(data, width, height), 0, 0);
}

/** The grid cell under a click at (`x`, `y`) in CSS pixels of a canvas drawn by drawImages, or null in a gap. */
export function cellAt(
  canvas: HTMLCanvasElement,
  x: number,
  y: number,
  shape: readonly number[],
  n: number,
): number | null {
  const [h = 1, w = 1] = shape;
  const rect = canvas.getBoundingClientRect();
  const px = ((x - rect.left) / rect.width) * canvas.width;
  const py = ((y - rect.top) / rect.height) * canvas.height;
  const col = Math.floor(px / (w + GAP));
  const row = Math.floor(py / (h + GAP));
  const columns = Math.min(n, GRID_COLUMNS);
  if (col < 0 || col >= columns || row < 0) return null;
  const index = row * columns + col;
  return index < n ? index : null;
}
