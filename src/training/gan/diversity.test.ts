import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/random';
import { COLLAPSE_RATIO, diversityReport, meanPairwiseDistance } from './diversity';

const rng = mulberry32(8);
const varied = Float32Array.from({ length: 16 * 10 }, () => rng());

describe('diversityReport', () => {
  it('measures mean pairwise distance by hand: points 0, 3 and 4 on a line give (3 + 4 + 1) / 3', () => {
    expect(meanPairwiseDistance(Float32Array.from([0, 3, 4]), 3)).toBeCloseTo(8 / 3, 9);
  });

  it('raises no warning for samples as varied as the real images', () => {
    const report = diversityReport(varied, 16, varied, 16);
    expect(report.ratio).toBeCloseTo(1, 9);
    expect(report.collapsed).toBe(false);
    expect(report.warning).toBeNull();
  });

  it('warns, with the share, when the samples collapse to one image with a little jitter', () => {
    const collapsed = Float32Array.from({ length: 16 * 10 }, (_, i) => varied[i % 10]! + 0.05 * rng());
    const report = diversityReport(collapsed, 16, varied, 16);
    expect(report.ratio).toBeLessThan(COLLAPSE_RATIO);
    expect(report.collapsed).toBe(true);
    expect(report.warning).toMatch(new RegExp(`only ${Math.round(report.ratio * 100)}% as much`));
    expect(report.warning).toMatch(/collapsing to a few modes/);
  });
});
