/**
 * Checks shared by the evaluation reports. The reports run on predictions saved from a worker or
 * loaded from a project file, so a mismatch (wrong row count, a label outside the classes, a NaN
 * from a diverged model) must come back as a sentence naming the row, not as a NaN in a chart.
 */

export class MetricsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricsInputError';
  }
}

/** Throws unless `predictions` holds exactly `rows` × `units` finite values. */
export function checkPredictionShape(predictions: Float32Array, units: number, rows: number): void {
  if (!Number.isInteger(units) || units < 1) {
    throw new MetricsInputError(`The model's output width must be a whole number of at least 1; got ${units}.`);
  }
  if (predictions.length !== rows * units) {
    throw new MetricsInputError(
      `Expected ${rows} rows × ${units} outputs = ${rows * units} predictions, got ${predictions.length}. ` +
        'Re-run the evaluation so predictions and labels come from the same split.',
    );
  }
  for (let i = 0; i < predictions.length; i++) {
    if (!Number.isFinite(predictions[i]!)) {
      throw new MetricsInputError(
        `Prediction for row ${Math.floor(i / units) + 1} is ${predictions[i]}: the model's outputs are not finite ` +
          '(the training probably diverged). Lower the learning rate and train again.',
      );
    }
  }
}

/**
 * Class index per row, rejecting labels that are not whole numbers in [0, classCount). Rounds first,
 * as metrics.ts does, because labels travel as float32.
 */
export function classLabels(labels: Float32Array, classCount: number): Int32Array {
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const cls = Math.round(label);
    if (!Number.isFinite(label) || Math.abs(label - cls) > 1e-6 || cls < 0 || cls >= classCount) {
      throw new MetricsInputError(
        `Label of row ${i + 1} is ${label}, but class labels must be whole numbers from 0 to ${classCount - 1}. ` +
          'Check that the target column is categorical.',
      );
    }
    out[i] = cls;
  }
  return out;
}

/** Classes the outputs can tell apart: one sigmoid unit scores two classes. */
export function classCountOf(units: number): number {
  return units === 1 ? 2 : units;
}

/**
 * Probability of class 1 per row for a binary model: the sigmoid itself when units === 1, the second
 * softmax column when units === 2.
 */
export function binaryScores(predictions: Float32Array, units: number): Float32Array {
  if (units === 1) return predictions;
  if (units !== 2) {
    throw new MetricsInputError(
      `ROC and precision–recall curves need a binary model (1 sigmoid or 2 softmax outputs); this one has ${units}.`,
    );
  }
  const out = new Float32Array(predictions.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = predictions[i * 2 + 1]!;
  return out;
}

/** Checks scores and 0/1 labels for the binary curves; returns the labels as booleans-in-bytes. */
export function binaryLabels(scores: Float32Array, labels: Float32Array): Uint8Array {
  if (scores.length !== labels.length) {
    throw new MetricsInputError(
      `Got ${scores.length} scores but ${labels.length} labels; they must come from the same rows.`,
    );
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i]!)) {
      throw new MetricsInputError(
        `Score of row ${i + 1} is ${scores[i]}: the model's outputs are not finite (the training probably diverged).`,
      );
    }
  }
  const positive = classLabels(labels, 2);
  return Uint8Array.from(positive);
}
