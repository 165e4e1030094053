import { describe, expect, it } from 'vitest';
import { LiveDownsampler, LiveSmoother, minMaxDownsample, smooth, type Point } from './downsample';

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

/** A pseudo-random walk with a few spikes, the shape of a real loss curve. */
function noisyCurve(n: number): { xs: Float64Array; ys: Float64Array } {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const xs = Float64Array.from({ length: n }, (_, i) => i + 1);
  const ys = Float64Array.from({ length: n }, (_, i) => 2 / Math.sqrt(i + 1) + rand() * 0.1);
  return { xs, ys };
}

function feed(d: LiveDownsampler, xs: ArrayLike<number>, ys: ArrayLike<number>, from = 0, to = xs.length): void {
  for (let i = from; i < to; i++) d.push(xs[i]!, ys[i]!);
}

describe('LiveDownsampler', () => {
  it('keeps every finite point while there are no more than the target', () => {
    const d = new LiveDownsampler(10);
    feed(d, [1, 2, 3, 4, 5], [0.5, Number.NaN, 0.25, Infinity, 0.75]);
    expect(d.points()).toEqual(minMaxDownsample([1, 2, 3, 4, 5], [0.5, Number.NaN, 0.25, Infinity, 0.75], 5, 10));
  });

  it('stays within the target for any length, in x order, using only input points', () => {
    const { xs, ys } = noisyCurve(20_000);
    const d = new LiveDownsampler(1000);
    const input = new Set(Array.from(xs, (x, i) => `${x}:${ys[i]}`));
    for (const n of [999, 1000, 1001, 1500, 4321, 20_000]) {
      d.clear();
      feed(d, xs, ys, 0, n);
      const points = d.points();
      expect(points.length).toBeLessThanOrEqual(1000);
      expect(points.length).toBeGreaterThan(n > 1000 ? 480 : n - 1);
      for (let i = 1; i < points.length; i++) expect(points[i]!.x).toBeGreaterThan(points[i - 1]!.x);
      for (const p of points) expect(input.has(`${p.x}:${p.y}`)).toBe(true);
    }
  });

  it('keeps spikes however far the series is thinned', () => {
    const { xs, ys } = noisyCurve(100_000);
    ys[54_321] = 42;
    ys[77_777] = -42;
    ys[3] = 99; // early, so it survives many halvings
    const d = new LiveDownsampler(1000);
    feed(d, xs, ys);
    const points = d.points();
    expect(points).toContainEqual({ x: xs[54_321], y: 42 });
    expect(points).toContainEqual({ x: xs[77_777], y: -42 });
    expect(points).toContainEqual({ x: xs[3], y: 99 });
    expect(points.at(-1)!.x).toBeGreaterThan(99_000);
  });

  it('gives the same points whether fed at once or in pieces, and starts over after clear', () => {
    const { xs, ys } = noisyCurve(7_777);
    const whole = new LiveDownsampler(500);
    feed(whole, xs, ys);
    const pieces = new LiveDownsampler(500);
    feed(pieces, [1, 2, 3], [9, 9, 9]);
    pieces.clear();
    for (let from = 0; from < xs.length; from += 333) feed(pieces, xs, ys, from, Math.min(xs.length, from + 333));
    expect(pieces.points()).toEqual(whole.points());
  });

  it('covers the same range as the batch downsampler', () => {
    const { xs, ys } = noisyCurve(50_000);
    const d = new LiveDownsampler(1000);
    feed(d, xs, ys);
    const extent = (ps: Point[]) => [Math.min(...ps.map((p) => p.y)), Math.max(...ps.map((p) => p.y))];
    expect(extent(d.points())).toEqual(extent(minMaxDownsample(xs, ys, xs.length, 1000)));
  });

  it('refuses a target too small to hold a low and a high per bucket', () => {
    expect(() => new LiveDownsampler(3)).toThrow(/at least 4/);
  });
});

describe('LiveSmoother', () => {
  it('matches smooth() value for value, NaN gaps included', () => {
    const ys = [3, 1, Number.NaN, 4, 1, 5, 9, 2, 6];
    const s = new LiveSmoother(0.8);
    const live = ys.map((y) => s.next(y));
    const batch = Array.from(smooth(ys, ys.length, 0.8));
    live.forEach((v, i) => (Number.isNaN(batch[i]!) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(batch[i]!, 12)));
  });
});
