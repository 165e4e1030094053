/**
 * Image augmentation applied on the fly to each training batch: pure functions on row-major
 * `[height, width, channels]` float images in [0, 1], driven by a seeded PRNG so that a run can be
 * repeated. Flip, rotation and shift are combined into one inverse mapping, so an image is
 * resampled (bilinearly, edges extended) at most once.
 */
import type { Rng } from './random';

export type { Rng };

export interface AugmentConfig {
  /** Mirror left–right with probability ½. */
  readonly flip: boolean;
  /** Rotate by a uniform angle in ±`maxRotationDeg` (positive is counter-clockwise on screen). */
  readonly rotate: boolean;
  /** Shift by a whole number of pixels, up to ±`maxShift` of the width and height. */
  readonly shift: boolean;
  /** Add a uniform offset in ±`maxBrightness` to every value, then clip to [0, 1]. */
  readonly brightness: boolean;
  readonly maxRotationDeg?: number;
  readonly maxShift?: number;
  readonly maxBrightness?: number;
}

export const DEFAULT_AUGMENT: Required<AugmentConfig> = {
  flip: true,
  rotate: true,
  shift: true,
  brightness: true,
  maxRotationDeg: 15,
  maxShift: 0.1,
  maxBrightness: 0.2,
};

export const NO_AUGMENT: AugmentConfig = { flip: false, rotate: false, shift: false, brightness: false };

export function isAugmenting(config: AugmentConfig): boolean {
  return config.flip || config.rotate || config.shift || config.brightness;
}

/** One image's random draws; exposed so tests can apply a chosen transform exactly. */
export interface ImageAugmentation {
  readonly flip: boolean;
  /** Radians, counter-clockwise on screen. */
  readonly angle: number;
  /** Pixels, right and down. */
  readonly dx: number;
  readonly dy: number;
  readonly brightness: number;
}

/**
 * Draws one image's augmentation. All five numbers are always drawn, so switching one transform
 * on or off does not change the others' values for the same seed.
 */
export function drawAugmentation(config: AugmentConfig, width: number, height: number, rng: Rng): ImageAugmentation {
  const u = [rng(), rng(), rng(), rng(), rng()] as const;
  const sym = (v: number, max: number) => (2 * v - 1) * max;
  const shiftMax = config.maxShift ?? DEFAULT_AUGMENT.maxShift;
  return {
    flip: config.flip && u[0] < 0.5,
    angle: config.rotate ? (sym(u[1], config.maxRotationDeg ?? DEFAULT_AUGMENT.maxRotationDeg) * Math.PI) / 180 : 0,
    dx: config.shift ? Math.round(sym(u[2], shiftMax * width)) : 0,
    dy: config.shift ? Math.round(sym(u[3], shiftMax * height)) : 0,
    brightness: config.brightness ? sym(u[4], config.maxBrightness ?? DEFAULT_AUGMENT.maxBrightness) : 0,
  };
}

/**
 * Augments `n` images of `shape` ([height, width, channels]) from `x` into `out` (reused when given
 * and large enough, else allocated). `x` is never modified; `out` must not be `x`.
 */
export function augmentBatch(
  x: Float32Array,
  n: number,
  shape: readonly number[],
  config: AugmentConfig,
  rng: Rng,
  out?: Float32Array,
): Float32Array {
  const [height, width, channels] = imageShape(shape);
  const size = height * width * channels;
  if (x.length < n * size)
    throw new RangeError(`augmentBatch: ${n} images of ${shape.join('×')} need ${n * size} values; got ${x.length}`);
  if (out === x) throw new RangeError('augmentBatch: out must be a different buffer from x');
  const dst = out && out.length >= n * size ? out : new Float32Array(n * size);
  for (let i = 0; i < n; i++) {
    const aug = drawAugmentation(config, width, height, rng);
    applyAugmentation(x, i * size, dst, i * size, height, width, channels, aug);
  }
  return dst;
}

/** Applies one image's augmentation from `src` at `srcOff` to `dst` at `dstOff`. */
export function applyAugmentation(
  src: Float32Array,
  srcOff: number,
  dst: Float32Array,
  dstOff: number,
  height: number,
  width: number,
  channels: number,
  aug: ImageAugmentation,
): void {
  const size = height * width * channels;
  if (aug.angle !== 0) warpBilinear(src, srcOff, dst, dstOff, height, width, channels, aug);
  else if (aug.flip || aug.dx !== 0 || aug.dy !== 0) shiftFlip(src, srcOff, dst, dstOff, height, width, channels, aug);
  else dst.set(src.subarray(srcOff, srcOff + size), dstOff);
  if (aug.brightness !== 0) {
    for (let i = dstOff; i < dstOff + size; i++) {
      const v = dst[i]! + aug.brightness;
      dst[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
}

/** Whole-pixel shift and mirror: an exact copy with the edge rows and columns extended. */
function shiftFlip(
  src: Float32Array,
  so: number,
  dst: Float32Array,
  d: number,
  h: number,
  w: number,
  c: number,
  aug: ImageAugmentation,
): void {
  for (let y = 0; y < h; y++) {
    const sy = clamp(y - aug.dy, h - 1);
    for (let x = 0; x < w; x++) {
      const shifted = clamp(x - aug.dx, w - 1);
      const sx = aug.flip ? w - 1 - shifted : shifted;
      const from = so + (sy * w + sx) * c;
      for (let k = 0; k < c; k++) dst[d++] = src[from + k]!;
    }
  }
}

/**
 * For each output pixel, undo the shift, then the rotation about the centre, then the flip, and
 * sample the source bilinearly there (coordinates clamped to the edge).
 */
function warpBilinear(
  src: Float32Array,
  so: number,
  dst: Float32Array,
  d: number,
  h: number,
  w: number,
  c: number,
  aug: ImageAugmentation,
): void {
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const cos = Math.cos(aug.angle);
  const sin = Math.sin(aug.angle);
  for (let y = 0; y < h; y++) {
    const uy = y - aug.dy - cy;
    for (let x = 0; x < w; x++) {
      const ux = x - aug.dx - cx;
      let sx = ux * cos - uy * sin + cx;
      const sy = clamp(ux * sin + uy * cos + cy, h - 1);
      sx = clamp(sx, w - 1);
      if (aug.flip) sx = w - 1 - sx;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, w - 1);
      const y1 = Math.min(y0 + 1, h - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const a = so + (y0 * w + x0) * c;
      const b = so + (y0 * w + x1) * c;
      const e = so + (y1 * w + x0) * c;
      const f = so + (y1 * w + x1) * c;
      for (let k = 0; k < c; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * fx;
        const bottom = src[e + k]! + (src[f + k]! - src[e + k]!) * fx;
        dst[d++] = top + (bottom - top) * fy;
      }
    }
  }
}

const clamp = (v: number, max: number) => (v < 0 ? 0 : v > max ? max : v);

function imageShape(shape: readonly number[]): [number, number, number] {
  const [h, w, c] = shape.length === 2 ? [shape[0], shape[1], 1] : shape;
  if (
    shape.length < 2 ||
    shape.length > 3 ||
    ![h, w, c].every((d) => d !== undefined && Number.isInteger(d) && d > 0)
  ) {
    throw new RangeError(
      `augmentBatch: shape must be [height, width] or [height, width, channels]; got [${shape.join(', ')}]`,
    );
  }
  return [h!, w!, c!];
}
