/**
 * The regression side of the Evaluate page: error scores, residuals with a histogram, and a
 * predicted-vs-actual scatter small enough for an SVG chart.
 */
import { regressionMetrics } from './metrics';
import { MetricsInputError } from './report-input';

export interface HistogramBin {
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

export interface ScatterPoint {
  /** Row in the evaluated split, so a click can show the row. */
  readonly index: number;
  readonly actual: number;
  readonly predicted: number;
}

export interface RegressionReport {
  readonly n: number;
  readonly mse: number;
  readonly rmse: number;
  readonly mae: number;
  /** See RegressionMetrics.r2 for the constant-target case. */
  readonly r2: number;
  /** actual − predicted per row (positive: the model predicted too low). */
  readonly residuals: Float64Array;
  /** Equal-width bins from the smallest to the largest residual, as numpy.histogram counts them. */
  readonly histogram: HistogramBin[];
  /** At most `maxScatterPoints` rows, spread evenly over the split, first and last row included. */
  readonly scatter: ScatterPoint[];
}

export interface RegressionReportOptions {
  readonly maxScatterPoints?: number;
  readonly maxBins?: number;
}

export const DEFAULT_SCATTER_POINTS = 2000;
export const DEFAULT_MAX_BINS = 40;

export function regressionReport(
  predictions: Float32Array,
  targets: Float32Array,
  options: RegressionReportOptions = {},
): RegressionReport {
  checkRegressionInput(predictions, targets);
  const metrics = regressionMetrics(predictions, targets);
  const residuals = new Float64Array(targets.length);
  for (let i = 0; i < targets.length; i++) residuals[i] = targets[i]! - predictions[i]!;
  const maxBins = options.maxBins ?? DEFAULT_MAX_BINS;
  const scatter = evenlySpacedRows(targets.length, options.maxScatterPoints ?? DEFAULT_SCATTER_POINTS).map((index) => ({
    index,
    actual: targets[index]!,
    predicted: predictions[index]!,
  }));
  return {
    n: targets.length,
    mse: metrics.mse,
    rmse: Math.sqrt(metrics.mse),
    mae: metrics.mae,
    r2: metrics.r2,
    residuals,
    histogram: histogram(residuals, histogramBinCount(residuals, maxBins)),
    scatter,
  };
}

/**
 * Freedman–Diaconis (bin width 2·IQR·n^(−1/3)), which copes with the long tails residuals tend to
 * have; Sturges (log₂n + 1 bins) when the middle half of the values is constant and FD's width is 0.
 * Capped at `maxBins` so a few outliers cannot produce hundreds of one-pixel bars.
 */
export function histogramBinCount(values: ArrayLike<number>, maxBins = DEFAULT_MAX_BINS): number {
  if (!Number.isInteger(maxBins) || maxBins < 1) {
    throw new MetricsInputError(`The histogram needs at least 1 bin; got a maximum of ${maxBins}.`);
  }
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const range = sorted[n - 1]! - sorted[0]!;
  if (range === 0) return 1;
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  const bins = iqr > 0 ? Math.ceil(range / (2 * iqr * n ** (-1 / 3))) : Math.ceil(Math.log2(n) + 1);
  return Math.min(maxBins, Math.max(1, bins));
}

/**
 * `binCount` equal-width bins over [min, max], the last one closed on the right, with numpy's edge
 * rule (a value exactly on an edge goes to the bin that starts there). Constant values get one bin
 * of width 1 centred on them, as numpy does.
 */
export function histogram(values: ArrayLike<number>, binCount: number): HistogramBin[] {
  if (values.length === 0 || binCount === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  if (min === max) [min, max] = [min - 0.5, max + 0.5];
  const step = (max - min) / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => (i === binCount ? max : min + i * step));
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let bin = Math.min(binCount - 1, Math.floor(((v - min) / (max - min)) * binCount));
    // Rounding in the division can land a value one bin off its edges; the edges are the truth.
    if (bin > 0 && v < edges[bin]!) bin--;
    else if (bin < binCount - 1 && v >= edges[bin + 1]!) bin++;
    counts[bin]!++;
  }
  return counts.map((count, i) => ({ start: edges[i]!, end: edges[i + 1]!, count }));
}

/** Up to `limit` row indices spread evenly over 0…rows−1 (all rows when there are few enough). */
export function evenlySpacedRows(rows: number, limit: number): number[] {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new MetricsInputError(`The scatter plot needs room for at least 1 point; got ${limit}.`);
  }
  if (rows <= limit) return Array.from({ length: rows }, (_, i) => i);
  if (limit === 1) return [0];
  // Steps are (rows−1)/(limit−1) > 1, so rounding never picks the same row twice.
  return Array.from({ length: limit }, (_, i) => Math.round((i * (rows - 1)) / (limit - 1)));
}

/** Linear interpolation between order statistics (numpy's default percentile method). */
function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

function checkRegressionInput(predictions: Float32Array, targets: Float32Array): void {
  if (predictions.length !== targets.length) {
    const hint =
      targets.length > 0 && predictions.length % targets.length === 0
        ? ` The model has ${predictions.length / targets.length} outputs; a regression report needs exactly 1.`
        : ' Re-run the evaluation so predictions and targets come from the same split.';
    throw new MetricsInputError(`Got ${predictions.length} predictions for ${targets.length} targets.${hint}`);
  }
  for (let i = 0; i < targets.length; i++) {
    if (!Number.isFinite(targets[i]!)) {
      throw new MetricsInputError(`Target of row ${i + 1} is ${targets[i]}; regression targets must be numbers.`);
    }
    if (!Number.isFinite(predictions[i]!)) {
      throw new MetricsInputError(
        `Prediction for row ${i + 1} is ${predictions[i]}: the model's outputs are not finite ` +
          '(the training probably diverged). Lower the learning rate and train again.',
      );
    }
  }
}
