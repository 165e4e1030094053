import { describe, expect, it } from 'vitest';
import { minMaxDownsample, smooth } from './downsample';

describe('minMaxDownsample', () => {
  it('returns short series whole, dropping non-finite values', () => {
    const points = minMaxDownsample([1, 2, 3], [0.5, Number.NaN, 0.25], 3);
    expect(points).toEqual([
      { x: 1, y: 0.5 },
      { x: 3, y: 0.25 },
    ]);
  });

  it('thins a long series to about the target and keeps the extremes of each bucket', () => {
    const n = 100_000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 500));
    ys[54_321] = 42; // a spike
    ys[77_777] = -42;
    const points = minMaxDownsample(xs, ys, n, 1000);
    expect(points.length).toBeLessThanOrEqual(1000);
    expect(points.length).toBeGreaterThan(900);
    expect(points).toContainEqual({ x: 54_321, y: 42 });
    expect(points).toContainEqual({ x: 77_777, y: -42 });
    for (let i = 1; i < points.length; i++) expect(points[i]!.x).toBeGreaterThan(points[i - 1]!.x);
  });

  it('reads only the first `length` values of a larger buffer', () => {
    const points = minMaxDownsample(new Float64Array([0, 1, 2, 99]), new Float64Array([5, 6, 7, 99]), 3);
    expect(points.map((p) => p.y)).toEqual([5, 6, 7]);
  });
});

describe('smooth', () => {
  it('starts at the first value and follows a constant exactly', () => {
    const out = smooth([2, 2, 2, 2], 4, 0.9);
    for (const v of out) expect(v).toBeCloseTo(2, 12);
  });

  it('lags behind a step', () => {
    const out = smooth([0, 0, 10, 10], 4, 0.5);
    expect(out[2]!).toBeGreaterThan(0);
    expect(out[2]!).toBeLessThan(10);
    expect(out[3]!).toBeGreaterThan(out[2]!);
  });
});
