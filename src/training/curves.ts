/**
 * ROC and precision–recall curves for binary models, following sklearn.metrics (roc_curve with its
 * default drop_intermediate=True, roc_auc_score, precision_recall_curve, average_precision_score),
 * so a user who checks our numbers in Python gets the same ones. Scores are P(class 1); see
 * `binaryScores` for getting them from a sigmoid or a 2-column softmax.
 *
 * Thresholds here mean "positive when score ≥ threshold", as in sklearn. The threshold slider
 * (curves-threshold.ts) and the report use "> threshold" like Keras; the two agree everywhere
 * except exactly on a score value.
 */
import { binaryLabels } from './report-input';

export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  /** Rows scoring ≥ this are called positive. The first point's is +Infinity (nothing positive). */
  readonly threshold: number;
}

export interface RocCurve {
  readonly points: RocPoint[];
  /** Area under the curve by the trapezoid rule; null when undefined (see `undefinedReason`). */
  readonly auc: number | null;
  /** Why there is no curve: the labels hold only one class, or there are no rows. */
  readonly undefinedReason: string | null;
}

export interface PrPoint {
  readonly precision: number;
  readonly recall: number;
  /** Rows scoring ≥ this are called positive; the first point's is +Infinity (recall 0, precision 1). */
  readonly threshold: number;
}

export interface PrCurve {
  readonly points: PrPoint[];
  /** sklearn's step-wise AP: Σ (Rₙ − Rₙ₋₁)·Pₙ, no interpolation; null when there are no positives. */
  readonly averagePrecision: number | null;
  readonly undefinedReason: string | null;
}

export interface RocOptions {
  /** Drop points that lie on a straight segment between their neighbours (sklearn's default: true). */
  readonly dropIntermediate?: boolean;
}

/** Counts at each distinct score, highest first: rows scoring ≥ thresholds[i] hold tps[i] positives. */
interface ClfCurve {
  readonly thresholds: number[];
  readonly tps: number[];
  readonly fps: number[];
}

export function rocCurve(scores: Float32Array, labels: Float32Array, options: RocOptions = {}): RocCurve {
  const positive = binaryLabels(scores, labels);
  const counts = clfCurve(scores, positive);
  const positives = counts.tps.at(-1) ?? 0;
  const negatives = counts.fps.at(-1) ?? 0;
  const reason = missingClassReason(scores.length, positives, negatives, 'ROC AUC');
  if (reason) return { points: [], auc: null, undefinedReason: reason };

  const keep = (options.dropIntermediate ?? true) ? cornerIndices(counts) : counts.tps.map((_, i) => i);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY }];
  for (const i of keep) {
    points.push({ fpr: counts.fps[i]! / negatives, tpr: counts.tps[i]! / positives, threshold: counts.thresholds[i]! });
  }
  let auc = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    auc += ((b.fpr - a.fpr) * (b.tpr + a.tpr)) / 2;
  }
  return { points, auc, undefinedReason: null };
}

export interface PrOptions {
  /**
   * Drop points inside runs where only false positives grow (recall flat), which a step plot draws
   * as one segment anyway; as sklearn ≥ 1.3's drop_intermediate. Default false, as in sklearn. The
   * average precision is the same either way.
   */
  readonly dropIntermediate?: boolean;
}

export function precisionRecallCurve(scores: Float32Array, labels: Float32Array, options: PrOptions = {}): PrCurve {
  const positive = binaryLabels(scores, labels);
  const counts = clfCurve(scores, positive);
  const positives = counts.tps.at(-1) ?? 0;
  const reason = missingClassReason(scores.length, positives, 1, 'Average precision');
  if (reason) return { points: [], averagePrecision: null, undefinedReason: reason };

  const points: PrPoint[] = [{ precision: 1, recall: 0, threshold: Number.POSITIVE_INFINITY }];
  let averagePrecision = 0;
  let previousRecall = 0;
  const { tps, fps } = counts;
  counts.thresholds.forEach((threshold, i) => {
    const precision = tps[i]! / (tps[i]! + fps[i]!);
    const recall = tps[i]! / positives;
    averagePrecision += (recall - previousRecall) * precision;
    previousRecall = recall;
    const inFlatRun = i > 0 && i < tps.length - 1 && tps[i - 1] === tps[i] && tps[i + 1] === tps[i];
    if (!(options.dropIntermediate && inFlatRun)) points.push({ precision, recall, threshold });
  });
  return { points, averagePrecision, undefinedReason: null };
}

function clfCurve(scores: Float32Array, positive: Uint8Array): ClfCurve {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]!);
  const curve: ClfCurve = { thresholds: [], tps: [], fps: [] };
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < order.length; j++) {
    const row = order[j]!;
    if (positive[row]) tp++;
    else fp++;
    const next = order[j + 1];
    // Equal scores cannot be split by any threshold, so a group of ties makes one point.
    if (next === undefined || scores[next] !== scores[row]) {
      curve.thresholds.push(scores[row]!);
      curve.tps.push(tp);
      curve.fps.push(fp);
    }
  }
  return curve;
}

/** sklearn's drop_intermediate: keep the ends and every point where the curve changes direction. */
function cornerIndices({ tps, fps }: ClfCurve): number[] {
  if (tps.length <= 2) return tps.map((_, i) => i);
  const keep = [0];
  for (let i = 1; i < tps.length - 1; i++) {
    const bendsFp = fps[i - 1]! - 2 * fps[i]! + fps[i + 1]! !== 0;
    const bendsTp = tps[i - 1]! - 2 * tps[i]! + tps[i + 1]! !== 0;
    if (bendsFp || bendsTp) keep.push(i);
  }
  keep.push(tps.length - 1);
  return keep;
}

function missingClassReason(rows: number, positives: number, negatives: number, metric: string): string | null {
  if (rows === 0) return `${metric} is undefined: there are no rows to score.`;
  if (positives === 0) return `${metric} is undefined: no row in this split is class 1 (positive).`;
  if (negatives === 0) return `${metric} is undefined: every row in this split is class 1, so there are no negatives.`;
  return null;
}
