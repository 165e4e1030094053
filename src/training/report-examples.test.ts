import { describe, expect, it } from 'vitest';
import { examplesInCell, misclassified, worstRows } from './report-examples';

const f32 = Math.fround;

// Six rows, three classes:            predicted  confidence  P(true class)
const predictions = Float32Array.from(
  [
    [0.7, 0.2, 0.1], //   r0 true 0 →  0          0.7         0.7
    [0.1, 0.8, 0.1], //   r1 true 0 →  1          0.8         0.1
    [0.3, 0.3, 0.4], //   r2 true 1 →  2          0.4         0.3
    [0.05, 0.05, 0.9], // r3 true 1 →  2          0.9         0.05
    [0.2, 0.6, 0.2], //   r4 true 1 →  1          0.6         0.6
    [0.1, 0.8, 0.1], //   r5 true 2 →  1          0.8         0.1
  ].flat(),
);
const labels = Float32Array.from([0, 0, 1, 1, 1, 2]);

describe('misclassified', () => {
  it('lists wrong rows by confidence, ties by row', () => {
    const rows = misclassified(predictions, 3, labels, 10);
    // r3 (0.9), then r1 and r5 tied at 0.8 in row order, then r2 (0.4); r0 and r4 are right.
    expect(rows.map((r) => r.index)).toEqual([3, 1, 5, 2]);
    expect(rows[0]).toEqual({ index: 3, trueClass: 1, predictedClass: 2, confidence: f32(0.9) });
    expect(misclassified(predictions, 3, labels, 2).map((r) => r.index)).toEqual([3, 1]);
    expect(misclassified(predictions, 3, labels, 0)).toEqual([]);
    expect(() => misclassified(predictions, 3, labels, -1)).toThrow(/whole number ≥ 0/);
  });

  it('reads binary confidence from one sigmoid unit, honouring the threshold', () => {
    const scores = Float32Array.from([0.9, 0.2, 0.6, 0.45]);
    const binaryLabels = Float32Array.from([0, 0, 1, 1]);
    // > 0.5 → predicted [1, 0, 1, 0]: r0 wrong with P(1) = 0.9; r3 wrong with P(0) = 1 − 0.45 = 0.55.
    const rows = misclassified(scores, 1, binaryLabels, 10);
    expect(rows.map((r) => [r.index, r.predictedClass])).toEqual([
      [0, 1],
      [3, 0],
    ]);
    expect(rows[1]!.confidence).toBeCloseTo(0.55, 6);
    // > 0.4 → r3 is now predicted 1, which is right.
    expect(misclassified(scores, 1, binaryLabels, 10, { threshold: 0.4 }).map((r) => r.index)).toEqual([0]);
  });
});

describe('examplesInCell', () => {
  it('returns the rows behind one confusion-matrix cell', () => {
    // true 1, predicted 2: r3 (0.9) and r2 (0.4).
    expect(examplesInCell(predictions, 3, labels, 1, 2).map((r) => r.index)).toEqual([3, 2]);
    expect(examplesInCell(predictions, 3, labels, 0, 0).map((r) => r.index)).toEqual([0]);
    expect(examplesInCell(predictions, 3, labels, 2, 2)).toEqual([]);
    expect(examplesInCell(predictions, 3, labels, 1, 2, { limit: 1 }).map((r) => r.index)).toEqual([3]);
    expect(() => examplesInCell(predictions, 3, labels, 3, 0)).toThrow(/true class must be .* 0 to 2; got 3/);
  });
});

describe('worstRows', () => {
  it('ranks classification rows by the probability given to the true class', () => {
    const rows = worstRows(predictions, labels, 'multiclass', 4);
    // P(true): r3 0.05 < r1 0.1 = r5 0.1 < r2 0.3 < r4 0.6 < r0 0.7
    expect(rows.map((r) => r.index)).toEqual([3, 1, 5, 2]);
    expect(rows[0]).toMatchObject({ kind: 'classification', trueClassProbability: f32(0.05), predictedClass: 2 });
  });

  it('uses 1 − p for class 0 of a sigmoid', () => {
    const rows = worstRows(Float32Array.from([0.9, 0.2, 0.6, 0.45]), Float32Array.from([0, 0, 1, 1]), 'binary', 4);
    // P(true): r0 1 − 0.9 = 0.1, r1 0.8, r2 0.6, r3 0.45
    expect(rows.map((r) => r.index)).toEqual([0, 3, 2, 1]);
  });

  it('ranks regression rows by absolute error', () => {
    // errors (predicted − actual): −0.5, 3, 0, 1
    const rows = worstRows(Float32Array.from([1, 5, 2, 10]), Float32Array.from([1.5, 2, 2, 9]), 'regression', 3);
    expect(rows).toEqual([
      { kind: 'regression', index: 1, actual: 2, predicted: 5, error: 3 },
      { kind: 'regression', index: 3, actual: 9, predicted: 10, error: 1 },
      { kind: 'regression', index: 0, actual: 1.5, predicted: 1, error: -0.5 },
    ]);
  });

  it('explains shapes that do not fit the task', () => {
    expect(() => worstRows(new Float32Array(6), Float32Array.from([0, 1]), 'binary', 1)).toThrow(
      /1 or 2 model outputs/,
    );
    expect(() => worstRows(new Float32Array(5), Float32Array.from([0, 1]), 'multiclass', 1)).toThrow(
      /not a whole number of outputs per row/,
    );
    expect(() => worstRows(new Float32Array(4), Float32Array.from([0, 1]), 'regression', 1)).toThrow(
      /Expected 2 rows × 1/,
    );
  });
});
