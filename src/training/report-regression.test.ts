import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evenlySpacedRows, histogram, histogramBinCount, regressionReport } from './report-regression';

// Targets 0…29; predictions off by (−1, 0, 1, −0.5, 0.5) in a repeating pattern, and row 29
// over-predicted by 10.5 — one outlier in a tight cloud.
const targets = Float32Array.from({ length: 30 }, (_, i) => i);
const predictions = Float32Array.from({ length: 30 }, (_, i) => i + (((i * 7) % 5) - 2) * 0.5 + (i === 29 ? 10 : 0));

describe('regressionReport', () => {
  const report = regressionReport(predictions, targets);

  it('matches sklearn mean_squared_error, mean_absolute_error and r2_score', () => {
    // Residuals: 6 rows each of 1, −1, 0.5, −0.5, 5 rows of 0, and −10.5.
    // SSE = 6·1 + 6·1 + 6·0.25 + 6·0.25 + 110.25 = 125 → MSE 125/30; MAE (6 + 6 + 3 + 3 + 10.5)/30 = 28.5/30
    // sklearn 1.2.1: mse 4.166666666666667, mae 0.9333333333333333, r2 0.9443826473859844
    expect(report.n).toBe(30);
    expect(report.mse).toBeCloseTo(4.166666666666667, 10);
    expect(report.rmse).toBeCloseTo(2.041241452319315, 10);
    expect(report.mae).toBeCloseTo(0.9333333333333333, 10);
    expect(report.r2).toBeCloseTo(0.9443826473859844, 10);
    expect(Array.from(report.residuals.slice(0, 5))).toEqual([1, 0, -1, 0.5, -0.5]);
    expect(report.residuals[29]).toBe(-10.5);
  });

  it('bins residuals with Freedman–Diaconis, as numpy.histogram(res, bins="fd")', () => {
    // IQR = 0.5 − (−0.5) = 1, width = 2·1·30^(−1/3) ≈ 0.644, range 11.5 → ceil(17.87) = 18 bins.
    // numpy 1.24 np.histogram(res, bins='fd') → 18 bins, counts [1, 0 ×13, 6, 5, 6, 12],
    // edges from −10.5 to 1.0 in steps of 11.5/18 (edge 14 is −1.5555555555555571).
    expect(report.histogram).toHaveLength(18);
    expect(report.histogram.map((b) => b.count)).toEqual([1, ...new Array<number>(13).fill(0), 6, 5, 6, 12]);
    expect(report.histogram[0]!.start).toBe(-10.5);
    expect(report.histogram[14]!.start).toBe(-1.5555555555555571);
    expect(report.histogram[17]!.end).toBe(1);
  });

  it('keeps every row in the scatter when there are few, and at most the limit otherwise', () => {
    expect(report.scatter).toHaveLength(30);
    expect(report.scatter[29]).toEqual({ index: 29, actual: 29, predicted: 39.5 });
    const small = regressionReport(predictions, targets, { maxScatterPoints: 4 });
    // 0, 29/3 ≈ 9.67 → 10, 58/3 ≈ 19.33 → 19, 29
    expect(small.scatter.map((p) => p.index)).toEqual([0, 10, 19, 29]);
  });

  it('caps the bin count', () => {
    expect(regressionReport(predictions, targets, { maxBins: 5 }).histogram).toHaveLength(5);
    expect(() => regressionReport(predictions, targets, { maxBins: 0 })).toThrow(/at least 1 bin/);
  });

  it('explains mismatched or non-finite input', () => {
    expect(() => regressionReport(new Float32Array(4), new Float32Array(2))).toThrow(/model has 2 outputs/);
    expect(() => regressionReport(new Float32Array(3), new Float32Array(2))).toThrow(/3 predictions for 2 targets/);
    expect(() => regressionReport(Float32Array.from([1, Number.NaN]), Float32Array.from([1, 2]))).toThrow(
      /Prediction for row 2 is NaN/,
    );
    expect(() => regressionReport(Float32Array.from([1, 2]), Float32Array.from([Number.POSITIVE_INFINITY, 2]))).toThrow(
      /Target of row 1 is Infinity/,
    );
  });

  it('handles an empty split', () => {
    const empty = regressionReport(new Float32Array(0), new Float32Array(0));
    expect([empty.n, empty.histogram.length, empty.scatter.length]).toEqual([0, 0, 0]);
  });
});

describe('histogram', () => {
  it('falls back to Sturges when the middle half is constant', () => {
    // IQR 0 → Sturges: ceil(log2(11) + 1) = ceil(4.46) = 5 bins over [−3, 1], width 0.8.
    // numpy np.histogram(r, bins='sturges') → counts [1, 0, 0, 9, 1]
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, -3];
    expect(histogramBinCount(values)).toBe(5);
    expect(histogram(values, 5).map((b) => b.count)).toEqual([1, 0, 0, 9, 1]);
  });

  it('puts constant values in one bin of width 1 (numpy: edges [2, 3])', () => {
    expect(histogramBinCount([2.5, 2.5, 2.5])).toBe(1);
    expect(histogram([2.5, 2.5, 2.5], 1)).toEqual([{ start: 2, end: 3, count: 3 }]);
  });

  it('counts every value exactly once, values on an edge going to the bin that starts there', () => {
    // Edges 0, 1, 2, 3: 1 and 2 start bins 1 and 2; 3 is in the last bin, which is closed.
    expect(histogram([0, 1, 2, 3], 3).map((b) => b.count)).toEqual([1, 1, 2]);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const bins = histogram(values, histogramBinCount(values));
          expect(bins.length).toBeGreaterThanOrEqual(1);
          expect(bins.length).toBeLessThanOrEqual(40);
          expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
          for (const [i, b] of bins.entries()) {
            const inside = values.filter((v) => v >= b.start && (v < b.end || (i === bins.length - 1 && v <= b.end)));
            expect(inside).toHaveLength(b.count);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('evenlySpacedRows', () => {
  it('returns distinct, increasing rows including both ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 300 }), (rows, limit) => {
        const picked = evenlySpacedRows(rows, limit);
        expect(picked).toHaveLength(Math.min(rows, limit));
        for (let i = 1; i < picked.length; i++) expect(picked[i]!).toBeGreaterThan(picked[i - 1]!);
        if (rows > 0) expect(picked[0]).toBe(0);
        if (rows > 1 && limit > 1) expect(picked.at(-1)).toBe(rows - 1);
      }),
    );
    expect(() => evenlySpacedRows(10, 0)).toThrow(/at least 1 point/);
  });
});
