/**
 * The classification report behind the Evaluate page: confusion matrix, per-class precision /
 * recall / F1 and their averages, with scikit-learn's definitions and `zero_division=0` (a ratio
 * whose denominator is 0 is reported as 0, never NaN), so numbers match what a user gets in Python.
 */
import { predictedClasses } from './metrics';
import { checkPredictionShape, classCountOf, classLabels, MetricsInputError } from './report-input';

export interface ClassScores {
  readonly classIndex: number;
  readonly name: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Rows whose true class is this one. */
  readonly support: number;
  /** Rows predicted as this class. */
  readonly predicted: number;
}

export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface TopKAccuracy {
  readonly k: number;
  readonly accuracy: number;
}

export interface ClassificationReport {
  readonly n: number;
  readonly classCount: number;
  /** counts[true][predicted]. */
  readonly confusion: number[][];
  /** Each row of `confusion` divided by its sum (the recall view); a class with no rows is all 0. */
  readonly normalized: number[][];
  readonly accuracy: number;
  readonly perClass: ClassScores[];
  /**
   * Unweighted mean over the classes that occur in the labels or the predictions (sklearn's default
   * `labels=None`): a class never predicted counts with precision 0, a class absent from both is left
   * out rather than dragging the mean down with zeros it did nothing to earn.
   */
  readonly macro: AveragedScores;
  /** Mean weighted by support. */
  readonly weighted: AveragedScores;
  /** Top-3 and top-5 accuracy when the model has more than 5 outputs; empty otherwise. */
  readonly topK: TopKAccuracy[];
}

export interface ClassificationReportOptions {
  /**
   * Binary models only: a row is class 1 when its class-1 probability is > threshold (as
   * `predictedClasses` and Keras' binaryAccuracy). Default 0.5 for one sigmoid unit; for two softmax
   * columns, the default is the argmax, which agrees with `accuracy()` in metrics.ts.
   */
  readonly threshold?: number;
  readonly classNames?: readonly string[];
}

const TOP_K = [3, 5] as const;

/**
 * Predicted class per row. Like `predictedClasses`, but for a 2-column softmax an explicit
 * threshold is applied to column 1 so the threshold slider works for both binary heads.
 */
export function classPredictions(predictions: Float32Array, units: number, threshold?: number): Int32Array {
  if (threshold !== undefined && !Number.isFinite(threshold)) {
    throw new MetricsInputError(`The decision threshold must be a finite number; got ${threshold}.`);
  }
  if (units !== 2 || threshold === undefined) return predictedClasses(predictions, units, threshold ?? 0.5);
  const out = new Int32Array(predictions.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = predictions[i * 2 + 1]! > threshold ? 1 : 0;
  return out;
}

/** counts[true][predicted] as a square matrix. */
export function confusionMatrix(trueClasses: Int32Array, predicted: Int32Array, classCount: number): number[][] {
  const counts = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < trueClasses.length; i++) counts[trueClasses[i]!]![predicted[i]!]!++;
  return counts;
}

export function classificationReport(
  predictions: Float32Array,
  units: number,
  labels: Float32Array,
  classCount: number,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  if (classCount !== classCountOf(units)) {
    throw new MetricsInputError(
      units === 1
        ? `A model with one sigmoid output separates 2 classes, but the data has ${classCount}.`
        : `The model has ${units} outputs but the data has ${classCount} classes; the last layer needs one unit per class.`,
    );
  }
  checkPredictionShape(predictions, units, labels.length);
  const trueClasses = classLabels(labels, classCount);
  const predicted = classPredictions(predictions, units, options.threshold);
  const confusion = confusionMatrix(trueClasses, predicted, classCount);
  const n = labels.length;

  const perClass: ClassScores[] = confusion.map((row, c) => {
    const tp = row[c]!;
    const support = sum(row);
    const predictedCount = confusion.reduce((total, other) => total + other[c]!, 0);
    return {
      classIndex: c,
      name: options.classNames?.[c] ?? `class ${c}`,
      precision: ratio(tp, predictedCount),
      recall: ratio(tp, support),
      // 2tp / (2tp + fp + fn): equal to 2PR/(P+R) wherever that is defined, and 0 where it is not.
      f1: ratio(2 * tp, support + predictedCount),
      support,
      predicted: predictedCount,
    };
  });

  let correct = 0;
  for (let c = 0; c < classCount; c++) correct += confusion[c]![c]!;
  return {
    n,
    classCount,
    confusion,
    normalized: confusion.map((row) => row.map((count) => ratio(count, sum(row)))),
    accuracy: ratio(correct, n),
    perClass,
    macro: average(
      perClass.filter((s) => s.support > 0 || s.predicted > 0),
      () => 1,
      n,
    ),
    weighted: average(perClass, (s) => s.support, n),
    topK: units > 5 ? TOP_K.map((k) => ({ k, accuracy: topKAccuracy(predictions, units, labels, k) })) : [],
  };
}

/**
 * Share of rows whose true class is among the k highest scores, as sklearn's top_k_accuracy_score.
 * Ties: sklearn ranks with a stable ascending argsort read backwards, so among equal scores the
 * higher class index ranks first; we do the same so results match it exactly (with k = 1 this can
 * differ from argmax accuracy, which prefers the lower index, only when scores tie).
 */
export function topKAccuracy(predictions: Float32Array, units: number, labels: Float32Array, k: number): number {
  if (!Number.isInteger(k) || k < 1) {
    throw new MetricsInputError(`Top-k accuracy needs k to be a whole number of at least 1; got ${k}.`);
  }
  checkPredictionShape(predictions, units, labels.length);
  const trueClasses = classLabels(labels, classCountOf(units));
  if (labels.length === 0) return 0;
  if (units === 1) {
    // sklearn scores a single column as P(class 1); with two classes any k ≥ 2 is a hit.
    if (k >= 2) return 1;
    return ratio(countEqual(trueClasses, predictedClasses(predictions, 1)), labels.length);
  }
  let hits = 0;
  for (let i = 0; i < trueClasses.length; i++) {
    const t = trueClasses[i]!;
    const own = predictions[i * units + t]!;
    let ahead = 0;
    for (let c = 0; c < units && ahead < k; c++) {
      const score = predictions[i * units + c]!;
      if (score > own || (score === own && c > t)) ahead++;
    }
    if (ahead < k) hits++;
  }
  return hits / labels.length;
}

function average(classes: readonly ClassScores[], weight: (s: ClassScores) => number, rows: number): AveragedScores {
  let total = 0;
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const s of classes) {
    const w = weight(s);
    total += w;
    precision += w * s.precision;
    recall += w * s.recall;
    f1 += w * s.f1;
  }
  return { precision: ratio(precision, total), recall: ratio(recall, total), f1: ratio(f1, total), support: rows };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function countEqual(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same;
}
