import { describe, expect, it } from 'vitest';
import { axisFor, extentOf, formatTick, linePath, nearestIndex, niceStep } from './chart-scale';

describe('niceStep', () => {
  it('rounds to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(1, 4)).toBe(0.5);
    expect(niceStep(0.003, 4)).toBeCloseTo(0.001, 12);
    expect(niceStep(7000, 6)).toBe(2000);
  });
});

describe('axisFor', () => {
  it('snaps a y extent out to whole steps, with ticks on the steps', () => {
    const axis = axisFor({ min: 0.13, max: 0.87 }, 4, true);
    expect(axis.min).toBeLessThanOrEqual(0.13);
    expect(axis.max).toBeGreaterThanOrEqual(0.87);
    expect(axis.ticks[0]).toBe(axis.min);
    expect(axis.ticks.at(-1)).toBe(axis.max);
    expect(axis.ticks).toContain(0.4); // exactly, not 0.4000000000000001
  });

  it('keeps an x extent and puts ticks inside it', () => {
    const axis = axisFor({ min: 1, max: 937 }, 6, false);
    expect([axis.min, axis.max]).toEqual([1, 937]);
    expect(axis.ticks.every((t) => t >= 1 && t <= 937)).toBe(true);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps ticks on whole numbers when asked (epochs 1 to 2 give 1 and 2, not 1.2)', () => {
    expect(axisFor({ min: 1, max: 2 }, 6, false, 1).ticks).toEqual([1, 2]);
  });

  it('widens a single value, and has an axis when there is no data', () => {
    const flat = axisFor({ min: 5, max: 5 }, 4, true);
    expect(flat.min).toBeLessThan(5);
    expect(flat.max).toBeGreaterThan(5);
    expect(axisFor(null, 4, true).ticks.length).toBeGreaterThan(1);
  });
});

describe('extentOf', () => {
  it('spans every series and skips non-finite values', () => {
    const a = [{ x: 1, y: 3 }, { x: 2, y: Number.NaN }];
    const b = [{ x: 0, y: -1 }, { x: 9, y: 2 }];
    expect(extentOf([a, b], 'x')).toEqual({ min: 0, max: 9 });
    expect(extentOf([a, b], 'y')).toEqual({ min: -1, max: 3 });
    expect(extentOf([[]], 'y')).toBeNull();
  });
});

describe('linePath', () => {
  it('maps the extent corners to the box corners, y upwards', () => {
    const d = linePath([{ x: 0, y: 0 }, { x: 10, y: 1 }], { min: 0, max: 10 }, { min: 0, max: 1 }, 1000, 400);
    expect(d).toBe('M0.0,400.0L1000.0,0.0');
  });

  it('draws a lone point as a zero-length segment', () => {
    expect(linePath([{ x: 5, y: 0.5 }], { min: 0, max: 10 }, { min: 0, max: 1 }, 100, 100)).toBe('M50.0,50.0L50.0,50.0');
  });
});

describe('nearestIndex', () => {
  const points = [1, 4, 9, 16].map((x) => ({ x, y: x }));
  it('finds the closest x on either side and clamps at the ends', () => {
    expect(nearestIndex(points, 5)).toBe(1);
    expect(nearestIndex(points, 7)).toBe(2);
    expect(nearestIndex(points, -3)).toBe(0);
    expect(nearestIndex(points, 100)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});

describe('formatTick', () => {
  it('shows the decimals the step needs', () => {
    expect(formatTick(0.15, 0.05)).toBe('0.15');
    expect(formatTick(200, 50)).toBe('200');
    expect(formatTick(0.00001, 0.00001)).toBe('1.0e-5');
  });
});

describe('axisFor on degenerate extents', () => {
  it('returns for an extent one ulp wide (a smoothed first batch), with a few ticks', () => {
    const axis = axisFor({ min: 0.3333333333333333, max: 0.33333333333333337 }, 4, true);
    expect(axis.ticks.length).toBeGreaterThan(1);
    expect(axis.ticks.length).toBeLessThanOrEqual(20);
    expect(axis.min).toBeLessThan(0.3333333333333333);
    expect(axis.max).toBeGreaterThan(0.33333333333333337);
  });

  it('falls back to 0…1 for non-finite or reversed extents', () => {
    expect(axisFor({ min: NaN, max: 1 }, 4, true).ticks).toContain(0);
    expect(axisFor({ min: 2, max: 1 }, 4, false).max).toBe(1);
  });
});
