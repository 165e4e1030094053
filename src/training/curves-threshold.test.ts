import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocCurve } from './curves';
import { metricsAtThreshold, thresholdSweep } from './curves-threshold';
import { classificationReport } from './report';

const scores = Float32Array.from([0.1, 0.4, 0.35, 0.8, 0.8, 0.9, 0.4]);
const labels = Float32Array.from([0, 0, 1, 1, 1, 0, 1]);

describe('thresholdSweep', () => {
  it('counts the rows above the threshold', () => {
    const sweep = thresholdSweep(scores, labels);
    expect([sweep.n, sweep.positives, sweep.negatives]).toEqual([7, 4, 3]);
    // > 0.5: rows 3, 4 (positive) and 5 (negative) → tp 2, fp 1, fn 2, tn 2
    expect(sweep.at(0.5)).toEqual({
      threshold: 0.5,
      tp: 2,
      fp: 1,
      tn: 2,
      fn: 2,
      precision: 2 / 3,
      recall: 2 / 4,
      f1: 4 / 7, // 2·2 / (2·2 + 1 + 2)
      accuracy: 4 / 7,
      fpr: 1 / 3,
      specificity: 2 / 3,
    });
  });

  it('calls a row positive only when its score is strictly above the threshold', () => {
    const sweep = thresholdSweep(scores, labels);
    // Exactly 0.4 (as float32) leaves both 0.4 rows negative; just below it takes both.
    expect(sweep.at(Math.fround(0.4))).toMatchObject({ tp: 2, fp: 1 });
    expect(sweep.at(0.39)).toMatchObject({ tp: 3, fp: 2 });
    expect(sweep.at(Number.NEGATIVE_INFINITY)).toMatchObject({ tp: 4, fp: 3, tn: 0, fn: 0, recall: 1, fpr: 1 });
    // Nothing called positive: precision is 0/0 → 0 (zero_division=0), recall 0.
    expect(sweep.at(1)).toMatchObject({ tp: 0, fp: 0, precision: 0, recall: 0, f1: 0, accuracy: 3 / 7 });
    expect(() => sweep.at(Number.NaN)).toThrow(/threshold must be a number/);
  });

  it('agrees with the ROC points one score below each threshold', () => {
    // ROC thresholds mean ≥ (sklearn); "> next lower score" selects the same rows.
    const roc = rocCurve(scores, labels, { dropIntermediate: false });
    const distinct = [...new Set(scores)].sort((a, b) => b - a);
    roc.points.slice(1).forEach((point, i) => {
      const below = distinct[i + 1] ?? Number.NEGATIVE_INFINITY;
      const m = metricsAtThreshold(scores, labels, below);
      expect([m.fpr, m.recall]).toEqual([point.fpr, point.tpr]);
    });
  });

  it('reports zeros rather than NaN when a class is missing', () => {
    const m = thresholdSweep(Float32Array.from([0.2, 0.9]), Float32Array.from([1, 1])).at(0.5);
    expect(m).toMatchObject({ tp: 1, fn: 1, fp: 0, tn: 0, fpr: 0, specificity: 0, precision: 1, recall: 0.5 });
    expect(thresholdSweep(new Float32Array(0), new Float32Array(0)).at(0.5).accuracy).toBe(0);
  });
});

describe('metricsAtThreshold', () => {
  it('rebuilds its cache when the labels change', () => {
    expect(metricsAtThreshold(scores, labels, 0.5).tp).toBe(2);
    const flipped = labels.map((y) => 1 - y);
    // > 0.5 now holds one positive (row 5) and two negatives (rows 3, 4).
    expect(metricsAtThreshold(scores, flipped, 0.5)).toMatchObject({ tp: 1, fp: 2 });
  });

  it('matches the confusion matrix of classificationReport at any threshold', () => {
    const rows = fc.array(fc.tuple(fc.float({ min: 0, max: 1, noNaN: true }), fc.boolean()), { maxLength: 60 });
    fc.assert(
      // Half the time the threshold is one of the scores, where "> vs ≥" matters.
      fc.property(rows, fc.float({ min: 0, max: 1, noNaN: true }), fc.option(fc.nat()), (data, free, pick) => {
        const threshold = pick !== null && data.length > 0 ? data[pick % data.length]![0] : free;
        const s = Float32Array.from(data.map(([x]) => x));
        const y = Float32Array.from(data.map(([, positive]) => (positive ? 1 : 0)));
        const m = metricsAtThreshold(s, y, threshold);
        const [[tn, fp], [fn, tp]] = classificationReport(s, 1, y, 2, { threshold }).confusion as [
          [number, number],
          [number, number],
        ];
        expect({ tp: m.tp, fp: m.fp, tn: m.tn, fn: m.fn }).toEqual({ tp, fp, tn, fn });
      }),
    );
  });
});
