import { describe, expect, it } from 'vitest';
import { gather, mean, median, minMax, mode, std } from './preprocess-stats';

describe('preprocessing statistics', () => {
  const values = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
  it('computes mean and population standard deviation', () => {
    expect(mean(values)).toBe(5);
    expect(std(values)).toBe(2);
  });
  it('skips missing values (NaN)', () => {
    const withGaps = Float64Array.from([NaN, 2, 4, NaN, 4, 4, 5, 5, 7, 9, NaN]);
    expect([mean(withGaps), std(withGaps), median(withGaps), mode(withGaps)]).toEqual([5, 2, 4.5, 4]);
    expect(minMax(withGaps)).toEqual({ min: 2, max: 9 });
  });
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 3, 2])).toBe(2.5);
    expect(median([-5])).toBe(-5);
  });
  it('takes the most frequent value, the smallest on a tie', () => {
    expect(mode([3, 1, 3, 2, 1])).toBe(1);
    expect(mode([0.5, 7, 7, 0.5, 7])).toBe(7);
  });
  it('returns NaN when there is nothing to measure', () => {
    const empty = Float64Array.from([NaN, NaN]);
    expect([mean(empty), std(empty), median(empty), mode(empty)].every(Number.isNaN)).toBe(true);
    expect(minMax(empty)).toEqual({ min: NaN, max: NaN });
  });
  it('gathers the present values of given rows', () => {
    expect(Array.from(gather(Float64Array.from([10, NaN, 30, 40]), [3, 1, 0]))).toEqual([40, 10]);
  });
});
