import { describe, expect, it } from 'vitest';
import type { AugmentConfig, ImageAugmentation } from './augment';
import { applyAugmentation, augmentBatch, DEFAULT_AUGMENT, drawAugmentation, NO_AUGMENT } from './augment';
import { mulberry32 } from './random';

const none: ImageAugmentation = { flip: false, angle: 0, dx: 0, dy: 0, brightness: 0 };

/** A [h, w, 1] image with a single 1 at (x, y). */
function dot(h: number, w: number, x: number, y: number): Float32Array {
  const img = new Float32Array(h * w);
  img[y * w + x] = 1;
  return img;
}

function apply(src: Float32Array, h: number, w: number, c: number, aug: Partial<ImageAugmentation>): Float32Array {
  const dst = new Float32Array(src.length);
  applyAugmentation(src, 0, dst, 0, h, w, c, { ...none, ...aug });
  return dst;
}

const where = (img: Float32Array, w: number) => {
  const i = img.findIndex((v) => v > 0.99);
  return [i % w, Math.floor(i / w)];
};

describe('single transforms', () => {
  it('no augmentation is an exact copy', () => {
    const src = Float32Array.from({ length: 4 * 3 * 2 }, (_, i) => i / 24);
    expect(apply(src, 4, 3, 2, {})).toEqual(src);
  });

  it('a horizontal flip moves a pixel to the mirrored column and keeps channel order', () => {
    const src = new Float32Array(2 * 3 * 3);
    src.set([0.1, 0.2, 0.3], (0 * 3 + 0) * 3); // (x0, y0)
    const out = apply(src, 2, 3, 3, { flip: true });
    expect(Array.from(out.subarray((0 * 3 + 2) * 3, (0 * 3 + 2) * 3 + 3)).map((v) => +v.toFixed(3))).toEqual([
      0.1, 0.2, 0.3,
    ]);
    expect(out[0]).toBe(0);
  });

  it('rotation by 0 is the identity; a full turn through the bilinear path comes back to it', () => {
    const src = Float32Array.from({ length: 5 * 5 }, (_, i) => ((i * 7) % 11) / 10);
    expect(apply(src, 5, 5, 1, { angle: 0 })).toEqual(src);
    expect(augmentBatch(src, 1, [5, 5, 1], { ...NO_AUGMENT, rotate: true, maxRotationDeg: 0 }, mulberry32(3))).toEqual(
      src,
    );
    const turned = apply(src, 5, 5, 1, { angle: 2 * Math.PI });
    turned.forEach((v, i) => expect(v).toBeCloseTo(src[i]!, 5));
  });

  it('rotating 90° counter-clockwise moves the right-middle pixel to the top-middle', () => {
    const out = apply(dot(5, 5, 4, 2), 5, 5, 1, { angle: Math.PI / 2 });
    expect(where(out, 5)).toEqual([2, 0]);
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });

  it('rotating 45° samples between pixels bilinearly', () => {
    // Output (4, 2) looks up source (3 + √2, 3): √2 − 1 of the way from (4, 3) to the dot at (5, 3).
    const out = apply(dot(7, 7, 5, 3), 7, 7, 1, { angle: Math.PI / 4 });
    expect(out[2 * 7 + 4]).toBeCloseTo(Math.SQRT2 - 1, 5);
    expect(Math.max(...out)).toBeCloseTo(Math.SQRT2 - 1, 5);
    expect(out[3 * 7 + 5]).toBe(0); // the dot's own place is now empty
  });

  it('a shift moves a pixel by whole pixels and extends the edges', () => {
    const out = apply(dot(4, 4, 1, 1), 4, 4, 1, { dx: 2, dy: 1 });
    expect(where(out, 4)).toEqual([3, 2]);
    const edge = apply(Float32Array.from([1, 0, 0, 0]), 1, 4, 1, { dx: 2 });
    expect(Array.from(edge)).toEqual([1, 1, 1, 0]); // the left column is repeated into the gap
  });

  it('brightness adds the offset and clips to [0, 1]', () => {
    const src = Float32Array.from([0, 0.5, 0.95]);
    expect(Array.from(apply(src, 1, 3, 1, { brightness: 0.1 })).map((v) => +v.toFixed(4))).toEqual([0.1, 0.6, 1]);
    expect(Array.from(apply(src, 1, 3, 1, { brightness: -0.2 })).map((v) => +v.toFixed(4))).toEqual([0, 0.3, 0.75]);
  });
});

describe('drawAugmentation', () => {
  it('stays within the configured ranges and leaves switched-off transforms at zero', () => {
    const rng = mulberry32(9);
    for (let i = 0; i < 500; i++) {
      const a = drawAugmentation(DEFAULT_AUGMENT, 32, 20, rng);
      expect(Math.abs(a.angle)).toBeLessThanOrEqual((15 * Math.PI) / 180);
      expect(Math.abs(a.dx)).toBeLessThanOrEqual(3);
      expect(Math.abs(a.dy)).toBeLessThanOrEqual(2);
      expect(Math.abs(a.brightness)).toBeLessThanOrEqual(0.2);
    }
    expect(drawAugmentation(NO_AUGMENT, 32, 32, mulberry32(1))).toEqual(none);
  });

  it('switching one transform off does not change the others for the same seed', () => {
    const all = drawAugmentation(DEFAULT_AUGMENT, 32, 32, mulberry32(4));
    const noRotate = drawAugmentation({ ...DEFAULT_AUGMENT, rotate: false }, 32, 32, mulberry32(4));
    expect(noRotate).toEqual({ ...all, angle: 0 });
  });

  it('flips about half the images', () => {
    const rng = mulberry32(2);
    const flips = Array.from(
      { length: 2000 },
      () => drawAugmentation({ ...NO_AUGMENT, flip: true }, 8, 8, rng).flip,
    ).filter(Boolean).length;
    expect(flips).toBeGreaterThan(900);
    expect(flips).toBeLessThan(1100);
  });
});

describe('augmentBatch', () => {
  const shape = [6, 5, 3] as const;
  const n = 4;
  const x = Float32Array.from({ length: n * 90 }, (_, i) => ((i * 37) % 101) / 100);

  it('same seed ⇒ same output; another seed ⇒ different output; the input is untouched', () => {
    const before = x.slice();
    const a = augmentBatch(x, n, shape, DEFAULT_AUGMENT, mulberry32(1));
    const b = augmentBatch(x, n, shape, DEFAULT_AUGMENT, mulberry32(1));
    const c = augmentBatch(x, n, shape, DEFAULT_AUGMENT, mulberry32(2));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(x).toEqual(before);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
  });

  it('with everything off it copies the batch', () => {
    expect(augmentBatch(x, n, shape, NO_AUGMENT, mulberry32(1))).toEqual(x);
  });

  it('each image gets its own draw, applied in batch order', () => {
    const config: AugmentConfig = { ...NO_AUGMENT, brightness: true };
    const zeros = new Float32Array(3 * 2);
    const rng = mulberry32(11);
    const out = augmentBatch(zeros, 3, [1, 2, 1], config, rng);
    const replay = mulberry32(11);
    const expected = [0, 1, 2].map(() => Math.max(0, drawAugmentation(config, 2, 1, replay).brightness));
    expect(Array.from(out).map((v) => +v.toFixed(6))).toEqual(expected.flatMap((v) => [+v.toFixed(6), +v.toFixed(6)]));
  });

  it('reuses a large-enough output buffer and refuses to write into its input', () => {
    const out = new Float32Array(n * 90 + 10);
    expect(augmentBatch(x, n, shape, DEFAULT_AUGMENT, mulberry32(1), out)).toBe(out);
    expect(augmentBatch(x, n, shape, DEFAULT_AUGMENT, mulberry32(1), new Float32Array(5))).toHaveLength(n * 90);
    expect(() => augmentBatch(x, n, shape, DEFAULT_AUGMENT, mulberry32(1), x)).toThrow(
      'out must be a different buffer from x',
    );
    expect(() => augmentBatch(x, n, [4], DEFAULT_AUGMENT, mulberry32(1))).toThrow(
      'shape must be [height, width] or [height, width, channels]',
    );
    expect(() => augmentBatch(x, 9, shape, DEFAULT_AUGMENT, mulberry32(1))).toThrow('need 810 values; got 360');
  });
});
