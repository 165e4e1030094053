/**
 * Rows worth looking at: confident mistakes, the rows behind a confusion-matrix cell, and the rows
 * the model got most wrong. Every list is sorted with ties broken by row index, so the UI shows the
 * same rows each time.
 */
import type { Task } from '../data/types';
import { classPredictions } from './report';
import { checkPredictionShape, classCountOf, classLabels, MetricsInputError } from './report-input';

export interface ClassifiedRow {
  readonly index: number;
  readonly trueClass: number;
  readonly predictedClass: number;
  /** Probability the model gave its predicted class. */
  readonly confidence: number;
}

export interface ExampleOptions {
  /** Decision threshold for binary models; see ClassificationReportOptions.threshold. */
  readonly threshold?: number;
}

export interface WorstRegressionRow {
  readonly kind: 'regression';
  readonly index: number;
  readonly actual: number;
  readonly predicted: number;
  /** predicted − actual. */
  readonly error: number;
}

export interface WorstClassificationRow extends ClassifiedRow {
  readonly kind: 'classification';
  readonly trueClassProbability: number;
}

export type WorstRow = WorstRegressionRow | WorstClassificationRow;

/** Wrongly classified rows, most confident mistake first. */
export function misclassified(
  predictions: Float32Array,
  units: number,
  labels: Float32Array,
  limit: number,
  options: ExampleOptions = {},
): ClassifiedRow[] {
  const rows = classifiedRows(predictions, units, labels, options.threshold);
  return top(
    rows.filter((r) => r.trueClass !== r.predictedClass),
    limit,
    (a, b) => b.confidence - a.confidence,
  );
}

/** The rows counted in confusion[trueClass][predictedClass], most confident first. */
export function examplesInCell(
  predictions: Float32Array,
  units: number,
  labels: Float32Array,
  trueClass: number,
  predictedClass: number,
  options: ExampleOptions & { readonly limit?: number } = {},
): ClassifiedRow[] {
  const classCount = classCountOf(units);
  for (const [what, value] of [
    ['true', trueClass],
    ['predicted', predictedClass],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value >= classCount) {
      throw new MetricsInputError(
        `The ${what} class must be a whole number from 0 to ${classCount - 1}; got ${value}.`,
      );
    }
  }
  const rows = classifiedRows(predictions, units, labels, options.threshold);
  return top(
    rows.filter((r) => r.trueClass === trueClass && r.predictedClass === predictedClass),
    options.limit ?? rows.length,
    (a, b) => b.confidence - a.confidence,
  );
}

/**
 * The rows the model did worst on. Regression: largest |predicted − actual|. Classification: the
 * lowest probability given to the true class (a confident mistake ranks above a near miss). The
 * output width is read from the array sizes: predictions.length / actual.length.
 */
export function worstRows(
  predictions: Float32Array,
  actual: Float32Array,
  task: Task,
  limit: number,
  options: ExampleOptions = {},
): WorstRow[] {
  const units = actual.length === 0 ? 1 : predictions.length / actual.length;
  if (!Number.isInteger(units)) {
    throw new MetricsInputError(
      `Got ${predictions.length} predictions for ${actual.length} rows, which is not a whole number of outputs per row. ` +
        'Re-run the evaluation so predictions and labels come from the same split.',
    );
  }
  if (task === 'regression') {
    checkPredictionShape(predictions, 1, actual.length);
    const rows: WorstRegressionRow[] = Array.from(actual, (value, index) => ({
      kind: 'regression',
      index,
      actual: value,
      predicted: predictions[index]!,
      error: predictions[index]! - value,
    }));
    return top(rows, limit, (a, b) => Math.abs(b.error) - Math.abs(a.error));
  }
  if (task === 'binary' && units > 2) {
    throw new MetricsInputError(`A binary task needs 1 or 2 model outputs per row; got ${units}.`);
  }
  const rows: WorstClassificationRow[] = classifiedRows(predictions, units, actual, options.threshold).map((r) => ({
    ...r,
    kind: 'classification',
    trueClassProbability: classProbability(predictions, units, r.index, r.trueClass),
  }));
  return top(rows, limit, (a, b) => a.trueClassProbability - b.trueClassProbability);
}

function classifiedRows(
  predictions: Float32Array,
  units: number,
  labels: Float32Array,
  threshold: number | undefined,
): ClassifiedRow[] {
  checkPredictionShape(predictions, units, labels.length);
  const trueClasses = classLabels(labels, classCountOf(units));
  const predicted = classPredictions(predictions, units, threshold);
  return Array.from(trueClasses, (trueClass, index) => ({
    index,
    trueClass,
    predictedClass: predicted[index]!,
    confidence: classProbability(predictions, units, index, predicted[index]!),
  }));
}

/** P(class) for a row; one sigmoid unit holds P(class 1), so class 0 gets 1 − p. */
function classProbability(predictions: Float32Array, units: number, row: number, cls: number): number {
  if (units === 1) return cls === 1 ? predictions[row]! : 1 - predictions[row]!;
  return predictions[row * units + cls]!;
}

function top<T extends { readonly index: number }>(rows: T[], limit: number, order: (a: T, b: T) => number): T[] {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new MetricsInputError(`The number of rows to list must be a whole number ≥ 0; got ${limit}.`);
  }
  return rows.sort((a, b) => order(a, b) || a.index - b.index).slice(0, limit);
}
