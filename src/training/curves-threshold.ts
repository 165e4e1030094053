/**
 * Binary metrics at a chosen decision threshold, cheap enough to recompute on every slider move:
 * the scores of each class are sorted once, then a threshold costs two binary searches (O(log n)).
 *
 * A row is called positive when its score is > threshold, matching `predictedClasses` and the
 * classification report, so the slider and the confusion matrix never disagree.
 */
import { binaryLabels, MetricsInputError } from './report-input';

export interface ThresholdMetrics {
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** tp / (tp + fp); 0 when nothing is called positive (sklearn's zero_division=0). */
  readonly precision: number;
  /** tp / (tp + fn), also the true-positive rate; 0 when there are no positives. */
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
  /** fp / (fp + tn); 0 when there are no negatives. */
  readonly fpr: number;
  /** tn / (tn + fp); 0 when there are no negatives. */
  readonly specificity: number;
}

export interface ThresholdSweep {
  readonly n: number;
  readonly positives: number;
  readonly negatives: number;
  at(threshold: number): ThresholdMetrics;
}

export function thresholdSweep(scores: Float32Array, labels: Float32Array): ThresholdSweep {
  const positive = binaryLabels(scores, labels);
  let positives = 0;
  for (const p of positive) positives += p;
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(scores.length - positives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positive[i]) positiveScores[p++] = scores[i]!;
    else negativeScores[q++] = scores[i]!;
  }
  positiveScores.sort();
  negativeScores.sort();
  const negatives = negativeScores.length;
  const n = scores.length;

  return {
    n,
    positives,
    negatives,
    at(threshold: number): ThresholdMetrics {
      if (Number.isNaN(threshold)) {
        throw new MetricsInputError('The decision threshold must be a number; got NaN.');
      }
      const tp = positives - countAtMost(positiveScores, threshold);
      const fp = negatives - countAtMost(negativeScores, threshold);
      const fn = positives - tp;
      const tn = negatives - fp;
      return {
        threshold,
        tp,
        fp,
        tn,
        fn,
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, positives),
        f1: ratio(2 * tp, 2 * tp + fp + fn),
        accuracy: ratio(tp + tn, n),
        fpr: ratio(fp, negatives),
        specificity: ratio(tn, negatives),
      };
    },
  };
}

const sweeps = new WeakMap<Float32Array, { labels: Float32Array; sweep: ThresholdSweep }>();

/**
 * One threshold, without keeping a sweep around: the sorted scores are cached per (scores, labels)
 * array pair, so repeated calls with the same arrays are O(log n). The arrays are treated as
 * immutable; after changing one in place, pass a new array (or use `thresholdSweep` directly).
 */
export function metricsAtThreshold(scores: Float32Array, labels: Float32Array, threshold: number): ThresholdMetrics {
  let cached = sweeps.get(scores);
  if (cached?.labels !== labels) {
    cached = { labels, sweep: thresholdSweep(scores, labels) };
    sweeps.set(scores, cached);
  }
  return cached.sweep.at(threshold);
}

/** How many of the ascending `sorted` values are ≤ limit (the index of the first one above it). */
function countAtMost(sorted: Float64Array, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
