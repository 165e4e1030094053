import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImageBuiltin } from './builtins';
import { DataError } from './errors';
import { resizeImageDataset, resizeImages } from './image-resize';
import type { PreparedDataset } from './types';

const DIR = join(__dirname, '..', '..', 'public', 'datasets');
const readPublic = async (name: string) => new Uint8Array(await readFile(join(DIR, name)));

const gray = (h: number, w: number) => ({ height: h, width: w, channels: 1 });

describe('resizeImages (bilinear, pixel centres aligned)', () => {
  it('keeps a constant image constant and an image of the same size unchanged', () => {
    const flat = new Float32Array(2 * 3 * 3).fill(0.25);
    expect(Array.from(resizeImages(flat, 2, gray(3, 3), { width: 7, height: 5, channels: 1 }))).toEqual(
      new Array(70).fill(0.25),
    );
    const ramp = Float32Array.from({ length: 16 }, (_, i) => i / 15);
    expect(Array.from(resizeImages(ramp, 1, gray(4, 4), { width: 4, height: 4, channels: 1 }))).toEqual(
      Array.from(ramp),
    );
  });

  it('interpolates between pixel centres and clamps at the edges', () => {
    // A 1×2 image [0, 1] stretched to 1×4: samples at source x = -0.25, 0.25, 0.75, 1.25.
    const out = resizeImages(Float32Array.of(0, 1), 1, gray(1, 2), { width: 4, height: 1, channels: 1 });
    expect(Array.from(out)).toEqual([0, 0.25, 0.75, 1]);
    // 2×2 → 4×4: the centre four take a quarter, three quarters of each neighbour.
    const square = resizeImages(Float32Array.of(0, 1, 1, 0), 1, gray(2, 2), { width: 4, height: 4, channels: 1 });
    expect(square[5]).toBeCloseTo(0.375, 6); // row 1, col 1: 0.75·(0.75·0 + 0.25·1) + 0.25·(0.75·1 + 0.25·0)
    expect(square[0]).toBe(0);
    expect(square[3]).toBe(1);
  });

  it('downsamples by averaging the two nearest pixels per axis', () => {
    const row = Float32Array.of(0, 1, 2, 3);
    expect(Array.from(resizeImages(row, 1, gray(1, 4), { width: 2, height: 1, channels: 1 }))).toEqual([0.5, 2.5]);
  });

  it('converts grayscale to RGB by copying and RGB to grayscale by BT.601 luma', () => {
    const rgb = resizeImages(Float32Array.of(0.5), 1, gray(1, 1), { width: 1, height: 1, channels: 3 });
    expect(Array.from(rgb)).toEqual([0.5, 0.5, 0.5]);
    const luma = resizeImages(
      Float32Array.of(1, 0, 0),
      1,
      { height: 1, width: 1, channels: 3 },
      { width: 1, height: 1, channels: 1 },
    );
    expect(luma[0]).toBeCloseTo(0.299, 6);
  });

  it('refuses sizes it cannot make, naming the value', () => {
    const one = new Float32Array(4);
    expect(() => resizeImages(one, 1, gray(2, 2), { width: 0, height: 2, channels: 1 })).toThrow(
      /width must be a whole number from 1 to 4096, not 0/,
    );
    expect(() => resizeImages(one, 1, gray(2, 2), { width: 2, height: 2.5, channels: 1 })).toThrow(
      /height .* not 2\.5/,
    );
    expect(() => resizeImages(one, 1, gray(2, 2), { width: 2, height: 2, channels: 2 as 1 })).toThrow(
      /1 \(grayscale\) or 3 \(RGB\) channels, not 2/,
    );
    expect(() => resizeImages(one, 2, gray(2, 2), { width: 2, height: 2, channels: 1 })).toThrow(
      /expected 2 images of 2×2×1 \(8 values\), got 4/,
    );
    expect(() => resizeImages(one, 1, gray(2, 2), { width: 0, height: 2, channels: 1 })).toThrow(DataError);
  });
});

describe('resizeImageDataset', () => {
  it('turns the 8×8 digits into 28×28×1 images in [0, 1], labels and split sizes unchanged', async () => {
    const digits = await loadImageBuiltin('digits', readPublic, { seed: 7 });
    const big = resizeImageDataset(digits, { width: 28, height: 28, channels: 1 });
    expect(big.inputShape).toEqual([28, 28, 1]);
    expect(big.transform).toMatchObject({ kind: 'image', width: 28, height: 28, channels: 1 });
    for (const name of ['train', 'validation', 'test'] as const) {
      expect(big[name].n).toBe(digits[name].n);
      expect(big[name].x.length).toBe(digits[name].n * 784);
      expect(big[name].y).toBe(digits[name].y);
      expect(big[name].x.reduce((m, v) => Math.min(m, v), Infinity)).toBeGreaterThanOrEqual(0);
      expect(big[name].x.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThanOrEqual(1);
    }
    // Upsampling keeps the overall brightness of each image (within interpolation error at the edges).
    const mean = (x: Float32Array, from: number, count: number) =>
      x.subarray(from, from + count).reduce((s, v) => s + v, 0) / count;
    for (const i of [0, 17, 100])
      expect(mean(big.test.x, i * 784, 784)).toBeCloseTo(mean(digits.test.x, i * 64, 64), 1);
  });

  it('returns the same dataset when the size already matches, and refuses a table', () => {
    const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
    const image: PreparedDataset = {
      id: 'i',
      name: 'i',
      kind: 'image',
      task: 'multiclass',
      inputShape: [4, 4, 1],
      classNames: ['a', 'b'],
      train: empty,
      validation: empty,
      test: empty,
      transform: null,
    };
    expect(resizeImageDataset(image, { width: 4, height: 4, channels: 1 })).toBe(image);
    expect(() =>
      resizeImageDataset(
        { ...image, kind: 'tabular', inputShape: [4], name: 'iris' },
        { width: 4, height: 4, channels: 1 },
      ),
    ).toThrow(/only image datasets can be resized; "iris" is a table/);
  });
});
