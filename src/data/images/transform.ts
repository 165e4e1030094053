/**
 * How a decoded image becomes a model input. The same `ImageTransform` is stored with the dataset
 * so exports and try-it prepare a new image exactly as training did.
 */
import type { Graph } from '../../model/graph';

export type ImageFit = 'stretch' | 'center-crop';

export interface ImageTransform {
  readonly kind: 'image';
  readonly width: number;
  readonly height: number;
  /** 1: grayscale as BT.601 luma (0.299 R + 0.587 G + 0.114 B); 3: R, G, B. */
  readonly channels: 1 | 3;
  /** Each 0–255 sample divided by 255. Transparent pixels are composited onto black first. */
  readonly scale: '0-1';
  readonly channelOrder: 'RGB';
  /** `stretch` resizes the whole image to width × height; `center-crop` first cuts the largest centred region of that aspect ratio. */
  readonly fit: ImageFit;
}

export interface ImageSize {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

export const DEFAULT_IMAGE_SIZE: ImageSize = { width: 32, height: 32, channels: 3 };

export function imageTransform(size: ImageSize, fit: ImageFit = 'stretch'): ImageTransform {
  return {
    kind: 'image',
    width: size.width,
    height: size.height,
    channels: size.channels,
    scale: '0-1',
    channelOrder: 'RGB',
    fit,
  };
}

/**
 * The image size the model expects: its single Input's shape `[height, width, 1 or 3]`.
 * Null when the model has no such input (several inputs, a flat input, a free dimension).
 */
export function imageSizeFromGraph(graph: Graph): ImageSize | null {
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  if (inputs.length !== 1) return null;
  const shape = inputs[0]!.params.shape;
  if (!Array.isArray(shape) || shape.length !== 3) return null;
  const [h, w, c] = shape as readonly number[];
  if (!isSide(h) || !isSide(w) || (c !== 1 && c !== 3)) return null;
  return { width: w, height: h, channels: c };
}

const isSide = (d: number | undefined): d is number => d !== undefined && Number.isInteger(d) && d > 0 && d <= 4096;

/** The image size to use: the model's when it has one, else 32 × 32 RGB. */
export function chooseImageSize(graph: Graph | null): ImageSize {
  return (graph && imageSizeFromGraph(graph)) ?? DEFAULT_IMAGE_SIZE;
}

/**
 * The source rectangle `center-crop` takes from a `srcWidth × srcHeight` image: the largest
 * centred region with the target's aspect ratio.
 */
export function centerCropRect(
  srcWidth: number,
  srcHeight: number,
  width: number,
  height: number,
): { sx: number; sy: number; sw: number; sh: number } {
  const target = width / height;
  if (srcWidth / srcHeight > target) {
    const sw = Math.max(1, Math.round(srcHeight * target));
    return { sx: Math.floor((srcWidth - sw) / 2), sy: 0, sw, sh: srcHeight };
  }
  const sh = Math.max(1, Math.round(srcWidth / target));
  return { sx: 0, sy: Math.floor((srcHeight - sh) / 2), sw: srcWidth, sh };
}

/**
 * RGBA bytes (as `getImageData` returns them, `width × height × 4`) to floats in [0, 1],
 * `[height, width, channels]` row-major, written into `out` at `offset` (a new array by default).
 */
export function rgbaToInput(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  channels: 1 | 3,
  out?: Float32Array,
  offset = 0,
): Float32Array {
  const pixels = width * height;
  if (rgba.length !== pixels * 4)
    throw new RangeError(`expected ${pixels * 4} RGBA bytes for ${width}×${height}, got ${rgba.length}`);
  const dst = out ?? new Float32Array(pixels * channels);
  const k = 1 / (255 * 255);
  for (let p = 0, s = 0, d = offset; p < pixels; p++, s += 4) {
    const a = rgba[s + 3]! * k;
    const r = rgba[s]! * a;
    const g = rgba[s + 1]! * a;
    const b = rgba[s + 2]! * a;
    if (channels === 1) {
      dst[d++] = 0.299 * r + 0.587 * g + 0.114 * b;
    } else {
      dst[d++] = r;
      dst[d++] = g;
      dst[d++] = b;
    }
  }
  return dst;
}
