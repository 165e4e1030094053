import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy } from './metrics';
import { classificationReport, topKAccuracy } from './report';
import { binaryScores, MetricsInputError } from './report-input';

/** Softmax-like rows that put the most weight (0.5) on the given class. */
function rowsPredicting(classes: number[], units: number): Float32Array {
  const out = new Float32Array(classes.length * units).fill(0.5 / (units - 1));
  classes.forEach((c, i) => (out[i * units + c] = 0.5));
  return out;
}

describe('classificationReport, multiclass', () => {
  // 5 classes. Class 2 is in the labels but never predicted; class 3 is predicted but absent from the
  // labels; class 4 appears nowhere.
  const labels = Float32Array.from([0, 0, 0, 1, 1, 2, 2, 0]);
  const predicted = [0, 0, 1, 1, 3, 1, 0, 3];
  const report = classificationReport(rowsPredicting(predicted, 5), 5, labels, 5, {
    classNames: ['cat', 'dog', 'emu', 'fox', 'gnu'],
  });

  it('counts the confusion matrix with true classes as rows', () => {
    // true 0 (rows 0,1,2,7) → predicted 0,0,1,3; true 1 (rows 3,4) → 1,3; true 2 (rows 5,6) → 1,0.
    expect(report.confusion).toEqual([
      [2, 1, 0, 1, 0],
      [0, 1, 0, 1, 0],
      [1, 1, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    // sklearn confusion_matrix(y, p, labels=range(5), normalize='true'): empty rows are all 0.
    expect(report.normalized).toEqual([
      [0.5, 0.25, 0, 0.25, 0],
      [0, 0.5, 0, 0.5, 0],
      [0.5, 0.5, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    expect(report.n).toBe(8);
    expect(report.accuracy).toBe(3 / 8); // diagonal 2 + 1 = 3 of 8
  });

  it('scores each class with zero_division=0', () => {
    const rows = report.perClass.map((c) => [c.name, c.precision, c.recall, c.f1, c.support, c.predicted]);
    // class 0: P = 2/3 (column sum 3), R = 2/4, F1 = 2·2/(2·2 + 1 + 2) = 4/7
    // class 1: P = 1/3, R = 1/2, F1 = 2/(2 + 2 + 1) = 2/5
    // class 2: never predicted → P = 0/0 → 0; R = 0/2; F1 0
    // class 3: predicted twice, never true → P = 0/2; R = 0/0 → 0
    expect(rows).toEqual([
      ['cat', 2 / 3, 0.5, 4 / 7, 4, 3],
      ['dog', 1 / 3, 0.5, 2 / 5, 2, 3],
      ['emu', 0, 0, 0, 2, 0],
      ['fox', 0, 0, 0, 0, 2],
      ['gnu', 0, 0, 0, 0, 0],
    ]);
  });

  it('averages like sklearn classification_report(y, p, zero_division=0)', () => {
    // sklearn 1.2.1 precision_recall_fscore_support(y, p, zero_division=0, average='macro')
    //   → (0.25, 0.25, 0.24285714285714288): over classes 0–3 (class 4 occurs nowhere).
    // By hand: P (2/3 + 1/3 + 0 + 0)/4, R (1/2 + 1/2)/4, F1 (4/7 + 2/5)/4 = 17/70.
    expect(report.macro.precision).toBeCloseTo(0.25, 12);
    expect(report.macro.recall).toBeCloseTo(0.25, 12);
    expect(report.macro.f1).toBeCloseTo(0.24285714285714288, 12);
    // With labels=range(5) sklearn would divide by 5 instead (0.1942857142857143); we do not.
    expect(report.macro.f1).not.toBeCloseTo(0.1942857142857143, 3);
    // sklearn average='weighted' → (0.41666666666666663, 0.375, 0.3857142857142858)
    // By hand with supports 4, 2, 2: P (4·2/3 + 2·1/3)/8 = 5/12, R 3/8, F1 (4·4/7 + 2·2/5)/8 = 27/70.
    expect(report.weighted.precision).toBeCloseTo(0.41666666666666663, 12);
    expect(report.weighted.recall).toBeCloseTo(0.375, 12);
    expect(report.weighted.f1).toBeCloseTo(0.3857142857142858, 12);
    expect(report.macro.support).toBe(8);
  });

  it('reports no top-k for 5 or fewer outputs and names classes when not told', () => {
    expect(report.topK).toEqual([]);
    const plain = classificationReport(rowsPredicting([0, 1], 3), 3, Float32Array.from([0, 1]), 3);
    expect(plain.perClass.map((c) => c.name)).toEqual(['class 0', 'class 1', 'class 2']);
  });
});

describe('classificationReport, binary', () => {
  const scores = Float32Array.from([0.1, 0.4, 0.35, 0.8, 0.8, 0.9, 0.4]);
  const labels = Float32Array.from([0, 0, 1, 1, 1, 0, 1]);
  const twoColumns = Float32Array.from(Array.from(scores).flatMap((p) => [1 - p, p]));

  it('treats one sigmoid unit and a two-column softmax alike', () => {
    // > 0.5 → predicted [0,0,0,1,1,1,0]. True 0 (rows 0,1,5) → 0,0,1; true 1 (rows 2,3,4,6) → 0,1,1,0.
    const sigmoid = classificationReport(scores, 1, labels, 2);
    expect(sigmoid.confusion).toEqual([
      [2, 1],
      [2, 2],
    ]);
    expect(sigmoid.accuracy).toBeCloseTo(4 / 7, 12);
    // class 1: P = 2/3, R = 2/4, F1 = 4/(4 + 1 + 2) = 4/7; class 0: P = 2/4, R = 2/3, F1 = 4/7
    expect(sigmoid.perClass[1]).toMatchObject({ precision: 2 / 3, recall: 0.5, f1: 4 / 7 });
    expect(sigmoid.perClass[0]).toMatchObject({ precision: 0.5, recall: 2 / 3, f1: 4 / 7 });
    const softmax = classificationReport(twoColumns, 2, labels, 2);
    expect(softmax.confusion).toEqual(sigmoid.confusion);
    expect(softmax.accuracy).toBe(accuracy(twoColumns, 2, labels));
  });

  it('applies the threshold to the class-1 probability for both heads', () => {
    // > 0.36 → predicted [0,1,0,1,1,1,1]. True 0 → 0,1,1; true 1 → 0,1,1,1.
    const expected = [
      [1, 2],
      [1, 3],
    ];
    expect(classificationReport(scores, 1, labels, 2, { threshold: 0.36 }).confusion).toEqual(expected);
    expect(classificationReport(twoColumns, 2, labels, 2, { threshold: 0.36 }).confusion).toEqual(expected);
    expect(() => classificationReport(scores, 1, labels, 2, { threshold: Number.NaN })).toThrow(/threshold/);
  });

  it('takes class 1 scores from either head', () => {
    expect(Array.from(binaryScores(twoColumns, 2))).toEqual(Array.from(scores));
    expect(binaryScores(scores, 1)).toBe(scores);
    expect(() => binaryScores(new Float32Array(6), 3)).toThrow(/binary model/);
  });
});

describe('topKAccuracy', () => {
  const scores = Float32Array.from(
    [
      [0.3, 0.3, 0.1, 0.1, 0.1, 0.1], // true 0: tied with class 1, which ranks first → rank 1
      [0.05, 0.1, 0.15, 0.2, 0.22, 0.28], // true 0: lowest → rank 5
      [0.05, 0.1, 0.15, 0.2, 0.22, 0.28], // true 2: 3 higher → rank 3
      [0.2, 0.2, 0.2, 0.2, 0.1, 0.1], // true 0: tied with 1, 2, 3 (all ahead) → rank 3
      [0.1, 0.1, 0.1, 0.1, 0.1, 0.5], // true 1: 5 higher, 2–4 tied ahead → rank 4
      [0.1, 0.2, 0.1, 0.1, 0.1, 0.4], // true 1: 5 higher → rank 1
    ].flat(),
  );
  const labels = Float32Array.from([0, 0, 2, 0, 1, 1]);

  it('matches sklearn top_k_accuracy_score, ties ranking the higher class index first', () => {
    // sklearn 1.2.1 top_k_accuracy_score(Y, S, k=k, labels=range(6)): k=1 → 0.0, k=3 → 1/3, k=5 → 5/6
    // (rank < k: k=3 rows 0 and 5; k=5 rows 0, 2, 3, 4, 5)
    expect(topKAccuracy(scores, 6, labels, 1)).toBe(0);
    expect(topKAccuracy(scores, 6, labels, 3)).toBeCloseTo(1 / 3, 12);
    expect(topKAccuracy(scores, 6, labels, 5)).toBeCloseTo(5 / 6, 12);
    expect(topKAccuracy(scores, 6, labels, 6)).toBe(1);
    // argmax prefers the lower index on ties, so plain accuracy gets rows 0 and 3 right.
    expect(accuracy(scores, 6, labels)).toBeCloseTo(2 / 6, 12);
  });

  it('is part of the report for more than 5 outputs', () => {
    const report = classificationReport(scores, 6, labels, 6);
    expect(report.topK).toEqual([
      { k: 3, accuracy: 1 / 3 },
      { k: 5, accuracy: 5 / 6 },
    ]);
  });

  it('rejects a k that is not a positive whole number', () => {
    expect(() => topKAccuracy(scores, 6, labels, 0)).toThrow(/whole number of at least 1/);
  });
});

describe('bad input', () => {
  it('names the problem and the row', () => {
    const probs = rowsPredicting([0, 1], 3);
    expect(() => classificationReport(probs, 3, Float32Array.from([0, 3]), 3)).toThrow(/Label of row 2 is 3.*0 to 2/);
    expect(() => classificationReport(probs, 3, Float32Array.from([0, 0.5]), 3)).toThrow(MetricsInputError);
    expect(() => classificationReport(probs, 3, Float32Array.from([0]), 3)).toThrow(/Expected 1 rows × 3/);
    expect(() => classificationReport(probs, 3, Float32Array.from([0, 1]), 4)).toThrow(/3 outputs but .* 4 classes/);
    expect(() => classificationReport(probs, 1, Float32Array.from([0, 1]), 3)).toThrow(/one sigmoid/);
    const diverged = Float32Array.from([0.2, Number.NaN, 0.8, 0.3, 0.3, 0.4]);
    expect(() => classificationReport(diverged, 3, Float32Array.from([0, 1]), 3)).toThrow(/row 1 is NaN/);
  });

  it('gives an all-zero report for an empty split', () => {
    const report = classificationReport(new Float32Array(0), 3, new Float32Array(0), 3);
    expect(report.n).toBe(0);
    expect(report.accuracy).toBe(0);
    expect(report.macro).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });
});

describe('classificationReport properties', () => {
  const cases = fc
    .integer({ min: 1, max: 7 })
    .chain((units) =>
      fc.tuple(
        fc.constant(units),
        fc.array(
          fc.tuple(
            fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: units, maxLength: units }),
            fc.integer({ min: 0, max: units === 1 ? 1 : units - 1 }),
          ),
          { maxLength: 60 },
        ),
      ),
    );

  it('sums to n, keeps every score in [0, 1] and agrees with accuracy()', () => {
    fc.assert(
      fc.property(cases, ([units, rows]) => {
        const predictions = Float32Array.from(rows.flatMap(([p]) => p));
        const labels = Float32Array.from(rows.map(([, y]) => y));
        const report = classificationReport(predictions, units, labels, units === 1 ? 2 : units);
        expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(rows.length);
        for (const avg of [report.macro, report.weighted]) {
          for (const v of [avg.precision, avg.recall, avg.f1]) expect(v >= 0 && v <= 1).toBe(true);
        }
        expect(report.accuracy).toBeCloseTo(accuracy(predictions, units, labels), 12);
        // Weighted recall is accuracy by definition: Σ support·(tp/support) / n.
        expect(report.weighted.recall).toBeCloseTo(report.accuracy, 12);
      }),
    );
  });
});
