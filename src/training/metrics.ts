/**
 * Scores from predictions held as plain arrays (row-major, `units` values per row). Pure, so
 * the UI can recompute them from saved predictions without tfjs.
 */

export interface ClassificationMetrics {
  readonly kind: 'classification';
  readonly accuracy: number;
}

export interface RegressionMetrics {
  readonly kind: 'regression';
  readonly mae: number;
  readonly mse: number;
  /** 1 − SSres/SStot (−∞…1); when the targets do not vary: 1 if every prediction is exact, else 0. */
  readonly r2: number;
}

export type EvaluationMetrics = ClassificationMetrics | RegressionMetrics;

/** Predicted class per row: argmax for several units, `value > threshold` for one. */
export function predictedClasses(predictions: Float32Array, units: number, threshold = 0.5): Int32Array {
  const n = Math.floor(predictions.length / units);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (units === 1) {
      out[i] = predictions[i]! > threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let k = 1; k < units; k++) if (predictions[i * units + k]! > predictions[i * units + best]!) best = k;
    out[i] = best;
  }
  return out;
}

export function accuracy(predictions: Float32Array, units: number, labels: Float32Array, threshold = 0.5): number {
  if (labels.length === 0) return 0;
  const classes = predictedClasses(predictions, units, threshold);
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (classes[i] === Math.round(labels[i]!)) right++;
  return right / labels.length;
}

export function regressionMetrics(predictions: Float32Array, targets: Float32Array): RegressionMetrics {
  const n = targets.length;
  if (n === 0) return { kind: 'regression', mae: 0, mse: 0, r2: 0 };
  let abs = 0;
  let sq = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += targets[i]!;
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = predictions[i]! - targets[i]!;
    abs += Math.abs(e);
    sq += e * e;
    total += (targets[i]! - mean) ** 2;
  }
  const r2 = total === 0 ? (sq === 0 ? 1 : 0) : 1 - sq / total;
  return { kind: 'regression', mae: abs / n, mse: sq / n, r2 };
}
