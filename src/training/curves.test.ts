import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precisionRecallCurve, rocCurve } from './curves';
import { binaryScores } from './report-input';

const f32 = Math.fround;

// P = 4 positives, N = 3 negatives. Rows by descending score, ties grouped:
//   0.9 (neg)        → tp 0, fp 1
//   0.8 (pos, pos)   → tp 2, fp 1
//   0.4 (neg, pos)   → tp 3, fp 2   (a tie across classes: one point, not two)
//   0.35 (pos)       → tp 4, fp 2
//   0.1 (neg)        → tp 4, fp 3
const scores = Float32Array.from([0.1, 0.4, 0.35, 0.8, 0.8, 0.9, 0.4]);
const labels = Float32Array.from([0, 0, 1, 1, 1, 0, 1]);

describe('rocCurve', () => {
  it('matches sklearn roc_curve, one point per distinct score', () => {
    const roc = rocCurve(scores, labels);
    // sklearn 1.2.1 roc_curve(y, s): fpr [0, 1/3, 1/3, 2/3, 2/3, 1], tpr [0, 0, .5, .75, 1, 1],
    // thresholds [1.9, .9, .8, .4, .35, .1] (sklearn ≥ 1.3 writes inf instead of max + 1, as we do).
    expect(roc.points).toEqual([
      { fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY },
      { fpr: 1 / 3, tpr: 0, threshold: f32(0.9) },
      { fpr: 1 / 3, tpr: 0.5, threshold: f32(0.8) },
      { fpr: 2 / 3, tpr: 0.75, threshold: f32(0.4) },
      { fpr: 2 / 3, tpr: 1, threshold: f32(0.35) },
      { fpr: 1, tpr: 1, threshold: f32(0.1) },
    ]);
    // Trapezoids: (1/3)·(0.5 + 0.75)/2 + (1/3)·(1 + 1)/2 = 5/24 + 8/24 = 13/24.
    // Mann–Whitney check: of 12 (pos, neg) pairs, 6 ranked right and one tie (0.4, 0.4) → 6.5/12.
    // sklearn roc_auc_score(y, s) → 0.5416666666666667
    expect(roc.auc).toBeCloseTo(0.5416666666666667, 12);
    expect(roc.undefinedReason).toBeNull();
  });

  it('drops collinear points like sklearn drop_intermediate, without changing the area', () => {
    // score = ((i·37) mod 11)/10, label = (i·13 mod 7) < 3, for i = 0…39: 11 distinct scores, many ties.
    const many = Float32Array.from({ length: 40 }, (_, i) => ((i * 37) % 11) / 10);
    const manyLabels = Float32Array.from({ length: 40 }, (_, i) => ((i * 13) % 7 < 3 ? 1 : 0));
    const dropped = rocCurve(many, manyLabels);
    const full = rocCurve(many, manyLabels, { dropIntermediate: false });
    // sklearn roc_curve(y3, s3) keeps 10 points, thresholds [2, 1, .8, .6, .5, .4, .3, .2, .1, 0]
    // (0.9 and 0.7 lie on straight runs); roc_auc_score(y3, s3) → 0.5026041666666666
    expect(dropped.points.map((p) => p.threshold)).toEqual(
      [Number.POSITIVE_INFINITY, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0].map(f32),
    );
    expect(dropped.points[4]).toEqual({ fpr: 0.5416666666666666, tpr: 0.5, threshold: 0.5 });
    expect(full.points).toHaveLength(12);
    expect(dropped.auc).toBeCloseTo(0.5026041666666666, 12);
    expect(full.auc).toBeCloseTo(0.5026041666666666, 12);
  });

  it('says AUC is undefined when the labels hold one class', () => {
    const onlyPositives = rocCurve(Float32Array.from([0.2, 0.7]), Float32Array.from([1, 1]));
    expect(onlyPositives).toEqual({ points: [], auc: null, undefinedReason: expect.stringMatching(/no negatives/) });
    const onlyNegatives = rocCurve(Float32Array.from([0.2, 0.7]), Float32Array.from([0, 0]));
    expect(onlyNegatives.auc).toBeNull();
    expect(onlyNegatives.undefinedReason).toMatch(/no row in this split is class 1/);
    expect(rocCurve(new Float32Array(0), new Float32Array(0)).undefinedReason).toMatch(/no rows/);
  });

  it('works on both binary heads through binaryScores', () => {
    const twoColumns = Float32Array.from(Array.from(scores).flatMap((p) => [1 - p, p]));
    expect(rocCurve(binaryScores(twoColumns, 2), labels)).toEqual(rocCurve(binaryScores(scores, 1), labels));
  });

  it('rejects bad input with a sentence', () => {
    expect(() => rocCurve(Float32Array.from([0.5]), Float32Array.from([2]))).toThrow(/Label of row 1 is 2/);
    expect(() => rocCurve(Float32Array.from([Number.NaN]), Float32Array.from([1]))).toThrow(/row 1 is NaN/);
    expect(() => rocCurve(Float32Array.from([0.5]), Float32Array.from([1, 0]))).toThrow(/1 scores but 2 labels/);
  });

  it('gives AUC 1 for perfectly separated scores and a value in [0, 1] always', () => {
    const labelled = fc.array(fc.tuple(fc.float({ min: 0, max: 1, noNaN: true }), fc.boolean()), { maxLength: 80 });
    fc.assert(
      fc.property(labelled, (rows) => {
        const s = Float32Array.from(rows.map(([x]) => x));
        const y = Float32Array.from(rows.map(([, positive]) => (positive ? 1 : 0)));
        const roc = rocCurve(s, y);
        const hasBoth = rows.some(([, p]) => p) && rows.some(([, p]) => !p);
        expect(roc.auc === null).toBe(!hasBoth);
        if (roc.auc !== null) expect(roc.auc >= 0 && roc.auc <= 1 + 1e-12).toBe(true);
        // Shift every positive above every negative: the curve must hug the top-left corner.
        const separated = Float32Array.from(rows.map(([x, positive]) => (positive ? 2 + x : x)));
        if (hasBoth) expect(rocCurve(separated, y).auc).toBe(1);
      }),
    );
  });
});

describe('precisionRecallCurve', () => {
  it('matches sklearn precision_recall_curve and average_precision_score', () => {
    const pr = precisionRecallCurve(scores, labels);
    // Per threshold (precision = tp/(tp + fp), recall = tp/4):
    //   0.9 → 0/1, 0;  0.8 → 2/3, 1/2;  0.4 → 3/5, 3/4;  0.35 → 4/6, 1;  0.1 → 4/7, 1
    // sklearn 1.2.1 precision_recall_curve(y, s) gives the same points in the opposite order, ending
    // with (precision 1, recall 0), which we put first with threshold +Infinity.
    expect(pr.points).toEqual([
      { precision: 1, recall: 0, threshold: Number.POSITIVE_INFINITY },
      { precision: 0, recall: 0, threshold: f32(0.9) },
      { precision: 2 / 3, recall: 0.5, threshold: f32(0.8) },
      { precision: 3 / 5, recall: 0.75, threshold: f32(0.4) },
      { precision: 4 / 6, recall: 1, threshold: f32(0.35) },
      { precision: 4 / 7, recall: 1, threshold: f32(0.1) },
    ]);
    // AP = Σ ΔR·P = 0.5·2/3 + 0.25·3/5 + 0.25·4/6 + 0·4/7 = 1/3 + 0.15 + 1/6 = 0.65
    // sklearn average_precision_score(y, s) → 0.6499999999999999
    expect(pr.averagePrecision).toBeCloseTo(0.65, 12);
  });

  it('matches sklearn AP on a curve with many ties', () => {
    const many = Float32Array.from({ length: 40 }, (_, i) => ((i * 37) % 11) / 10);
    const manyLabels = Float32Array.from({ length: 40 }, (_, i) => ((i * 13) % 7 < 3 ? 1 : 0));
    // sklearn average_precision_score(y3, s3) → 0.4071938529199558; 12 points (11 scores + the end).
    const pr = precisionRecallCurve(many, manyLabels);
    expect(pr.averagePrecision).toBeCloseTo(0.4071938529199558, 12);
    expect(pr.points).toHaveLength(12);
  });

  it('can drop points inside runs of false positives, keeping the average precision', () => {
    // Descending: 0.9 pos (tp 1), 0.8 neg, 0.7 neg, 0.6 neg (tp stays 1), 0.5 pos (tp 2).
    // 0.8 and 0.7 sit inside the flat run of tp = 1; 0.6 ends it, so it stays.
    const s = Float32Array.from([0.9, 0.8, 0.7, 0.6, 0.5]);
    const y = Float32Array.from([1, 0, 0, 0, 1]);
    const full = precisionRecallCurve(s, y);
    const thin = precisionRecallCurve(s, y, { dropIntermediate: true });
    expect(full.points).toHaveLength(6);
    expect(thin.points.map((p) => p.threshold)).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.6, 0.5].map(f32));
    // AP = 1/2·1 (at 0.9) + 1/2·2/5 (at 0.5) = 0.7
    expect(thin.averagePrecision).toBeCloseTo(0.7, 12);
    expect(full.averagePrecision).toBeCloseTo(0.7, 12);
  });

  it('is undefined without positives and 1 when every row is positive', () => {
    const none = precisionRecallCurve(Float32Array.from([0.3, 0.6]), Float32Array.from([0, 0]));
    expect(none.averagePrecision).toBeNull();
    expect(none.undefinedReason).toMatch(/no row in this split is class 1/);
    const all = precisionRecallCurve(Float32Array.from([0.3, 0.6]), Float32Array.from([1, 1]));
    // 0.6 → P 1, R 1/2; 0.3 → P 1, R 1 → AP = 1/2·1 + 1/2·1
    expect(all.averagePrecision).toBe(1);
  });
});
