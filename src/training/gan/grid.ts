/**
 * The sample grid: images laid out in rows of `columns` with a 1-pixel gap, as 8-bit RGBA (what a
 * PNG encoder and a canvas ImageData both take). Grey images fill R, G and B alike.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** `images` row-major, `n` of `[h, w, c]` (c 1 or 3) with values in [0, 1]. */
export function sampleGrid(images: Float32Array, n: number, shape: readonly number[], columns = 8, gap = 1): RgbaImage {
  const [h = 0, w = 0, c = 1] = shape;
  if (c !== 1 && c !== 3) throw new Error(`A sample grid shows grey or RGB images; these have ${c} channels`);
  const rows = Math.ceil(n / columns);
  const width = columns * w + (columns - 1) * gap;
  const height = rows * h + (rows - 1) * gap;
  const rgba = new Uint8Array(width * height * 4);
  const byte = (v: number) => Math.round(Math.min(Math.max(v, 0), 1) * 255);
  for (let i = 0; i < n; i++) {
    const top = Math.floor(i / columns) * (h + gap);
    const left = (i % columns) * (w + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((i * h + y) * w + x) * c;
        const dst = ((top + y) * width + left + x) * 4;
        for (let k = 0; k < 3; k++) rgba[dst + k] = byte(images[src + (c === 3 ? k : 0)]!);
        rgba[dst + 3] = 255;
      }
    }
  }
  return { width, height, rgba };
}
