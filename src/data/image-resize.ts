/**
 * Resizing an image dataset that is already in tensors (a built-in's stored pixels), so a model
 * made for another size can use it: the 8×8 digits scaled up to the 28×28 a pretrained backbone
 * expects. Bilinear, sampling at pixel centres as a canvas draws a scaled image, so a built-in
 * resized here looks like the same images uploaded and resized by the browser.
 */
import { DataError } from './errors';
import { imageTransform } from './images/transform';
import type { PreparedDataset, Split } from './types';

/** What a built-in image set is resized to: the model's `[height, width, channels]` as a size. */
export interface ImageResize {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

/** `[height, width, channels]` of the stored images. */
export interface ImageGeometry {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export const MAX_RESIZE_SIDE = 4096;
/** Float32 bytes a resized dataset may take, as for tables (src/data/tabular.ts). */
const MAX_OUTPUT_BYTES = 1.5 * 1024 ** 3;

/** BT.601 luma, the same weights src/data/images uses to turn an RGB upload into grayscale. */
const LUMA = [0.299, 0.587, 0.114] as const;

function checkSize(to: ImageResize): void {
  for (const [what, side] of [
    ['width', to.width],
    ['height', to.height],
  ] as const) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_RESIZE_SIDE)
      throw new DataError(
        'bad-option',
        `the resize ${what} must be a whole number from 1 to ${MAX_RESIZE_SIDE}, not ${side}`,
      );
  }
  if (to.channels !== 1 && to.channels !== 3)
    throw new DataError(
      'bad-option',
      `images can be resized to 1 (grayscale) or 3 (RGB) channels, not ${String(to.channels)}`,
    );
}

/** Where output row/column `i` samples the source (pixel centres aligned), as two taps and a weight. */
function taps(outSize: number, inSize: number): { lo: Int32Array; hi: Int32Array; t: Float32Array } {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const t = new Float32Array(outSize);
  const scale = inSize / outSize;
  for (let i = 0; i < outSize; i++) {
    const at = Math.min(inSize - 1, Math.max(0, (i + 0.5) * scale - 0.5));
    lo[i] = Math.floor(at);
    hi[i] = Math.min(inSize - 1, lo[i]! + 1);
    t[i] = at - lo[i]!;
  }
  return { lo, hi, t };
}

/**
 * Resizes `n` images stored row-major `[n, height, width, channels]` (channels last) to `to`.
 * Grayscale becomes RGB by copying the grey value; RGB becomes grayscale by BT.601 luma.
 */
export function resizeImages(x: Float32Array, n: number, from: ImageGeometry, to: ImageResize): Float32Array {
  checkSize(to);
  const inC = from.channels;
  if (inC !== 1 && inC !== 3)
    throw new DataError('bad-option', `only 1- or 3-channel images can be resized, not ${inC}-channel ones`);
  const perIn = from.height * from.width * inC;
  if (x.length !== n * perIn)
    throw new DataError(
      'bad-option',
      `expected ${n} images of ${from.height}×${from.width}×${inC} (${n * perIn} values), got ${x.length} values`,
    );
  const outC = to.channels;
  const perOut = to.height * to.width * outC;
  if (n * perOut * 4 > MAX_OUTPUT_BYTES)
    throw new DataError(
      'too-large',
      `${n} images of ${to.height}×${to.width}×${outC} would not fit in memory; choose a smaller size`,
    );
  const rows = taps(to.height, from.height);
  const cols = taps(to.width, from.width);
  const out = new Float32Array(n * perOut);
  const pixel = new Float32Array(inC);
  for (let img = 0; img < n; img++) {
    const base = img * perIn;
    for (let r = 0; r < to.height; r++) {
      const r0 = base + rows.lo[r]! * from.width * inC;
      const r1 = base + rows.hi[r]! * from.width * inC;
      const ty = rows.t[r]!;
      for (let c = 0; c < to.width; c++) {
        const c0 = cols.lo[c]! * inC;
        const c1 = cols.hi[c]! * inC;
        const tx = cols.t[c]!;
        for (let k = 0; k < inC; k++) {
          const top = x[r0 + c0 + k]! * (1 - tx) + x[r0 + c1 + k]! * tx;
          const bottom = x[r1 + c0 + k]! * (1 - tx) + x[r1 + c1 + k]! * tx;
          pixel[k] = top * (1 - ty) + bottom * ty;
        }
        const at = img * perOut + (r * to.width + c) * outC;
        if (inC === outC) out.set(pixel, at);
        else if (outC === 3) out.fill(pixel[0]!, at, at + 3);
        else out[at] = LUMA[0] * pixel[0]! + LUMA[1] * pixel[1]! + LUMA[2] * pixel[2]!;
      }
    }
  }
  return out;
}

function resizeSplit(split: Split, from: ImageGeometry, to: ImageResize): Split {
  return { n: split.n, x: resizeImages(split.x, split.n, from, to), y: split.y };
}

/** An image dataset at another size; its transform says the new size, so exports and try-it match. */
export function resizeImageDataset(dataset: PreparedDataset, to: ImageResize): PreparedDataset {
  if (dataset.kind !== 'image' || dataset.inputShape.length !== 3)
    throw new DataError('bad-option', `only image datasets can be resized; "${dataset.name}" is a table`);
  const [height, width, channels] = dataset.inputShape as [number, number, number];
  if (height === to.height && width === to.width && channels === to.channels) return dataset;
  const from = { height, width, channels };
  return {
    ...dataset,
    inputShape: [to.height, to.width, to.channels],
    train: resizeSplit(dataset.train, from, to),
    validation: resizeSplit(dataset.validation, from, to),
    test: resizeSplit(dataset.test, from, to),
    transform: imageTransform(to),
  };
}
