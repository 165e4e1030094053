/**
 * Seeded train/validation/test splits. Classification uses a stratified split (every class is cut
 * by the ratios on its own, so each split keeps the class proportions to within one sample);
 * regression a plain seeded shuffle and cut.
 */
import { DataError } from './errors';
import type { Rng } from './random';

export interface SplitRatios {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export const DEFAULT_SPLIT: SplitRatios = { train: 0.7, validation: 0.15, test: 0.15 };

/** Item indices per split, each split in shuffled order. */
export interface SplitPlan {
  readonly train: number[];
  readonly validation: number[];
  readonly test: number[];
}

/** The ratios scaled to sum to 1; a clear error for negative, non-finite or all-zero ratios. */
export function normalizeRatios(ratios: SplitRatios): SplitRatios {
  const parts = [ratios.train, ratios.validation, ratios.test];
  if (parts.some((p) => !Number.isFinite(p) || p < 0)) {
    throw new DataError(
      'bad-option',
      `split ratios must be non-negative numbers; got train ${ratios.train}, validation ${ratios.validation}, test ${ratios.test}`,
    );
  }
  const total = parts[0]! + parts[1]! + parts[2]!;
  if (!(ratios.train > 0)) throw new DataError('bad-option', 'the training split ratio must be above 0');
  return { train: ratios.train / total, validation: ratios.validation / total, test: ratios.test / total };
}

/**
 * How many of `n` items go to test, validation and train. Cumulative rounding keeps each count
 * within one item of `n × ratio`; at least one item stays in training whenever n ≥ 1.
 */
export function splitCounts(n: number, ratios: SplitRatios): { train: number; validation: number; test: number } {
  const r = normalizeRatios(ratios);
  let test = Math.round(n * r.test);
  let validation = Math.round(n * (r.test + r.validation)) - test;
  if (n > 0 && n - test - validation < 1) {
    if (validation >= test && validation > 0) validation--;
    else test--;
  }
  return { train: n - test - validation, validation, test };
}

/** `SplitPlan` as typed arrays: what prepareTabular uses for a million rows. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/**
 * Stratified split of items by class (`labels[i]` is item i's class; any integers). The same
 * labels, ratios and seed give the same plan.
 */
export function stratifiedSplit(labels: ArrayLike<number>, ratios: SplitRatios, rng: Rng): SplitPlan {
  return asPlan(stratifiedSplitIndices(labels, ratios, rng));
}

/** `stratifiedSplit` into typed arrays (the same plan for the same labels, ratios and seed). */
export function stratifiedSplitIndices(labels: ArrayLike<number>, ratios: SplitRatios, rng: Rng): SplitIndices {
  const { ids, classes } = denseClasses(labels);
  // Group the items by class with a counting sort: no per-item allocation for a million rows.
  const start = new Int32Array(classes + 1);
  for (let i = 0; i < ids.length; i++) start[ids[i]! + 1]!++;
  for (let k = 0; k < classes; k++) start[k + 1]! += start[k]!;
  const next = start.slice(0, classes);
  const grouped = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) grouped[next[ids[i]!]!++] = i;
  const perClass = Array.from({ length: classes }, (_, k) => splitCounts(start[k + 1]! - start[k]!, ratios));
  const total = (name: keyof SplitRatios) => perClass.reduce((sum, counts) => sum + counts[name], 0);
  const plan = {
    train: new Int32Array(total('train')),
    validation: new Int32Array(total('validation')),
    test: new Int32Array(total('test')),
  };
  let train = 0;
  let validation = 0;
  let test = 0;
  // Classes in ascending label order, so the random stream is consumed the same way every time.
  for (let k = 0; k < classes; k++) {
    const members = shuffleInt32(grouped.subarray(start[k]!, start[k + 1]!), rng);
    const counts = perClass[k]!;
    plan.test.set(members.subarray(0, counts.test), test);
    plan.validation.set(members.subarray(counts.test, counts.test + counts.validation), validation);
    plan.train.set(members.subarray(counts.test + counts.validation), train);
    test += counts.test;
    validation += counts.validation;
    train += counts.train;
  }
  shuffleInt32(plan.train, rng);
  shuffleInt32(plan.validation, rng);
  shuffleInt32(plan.test, rng);
  return plan;
}

/** `shuffleInPlace` for Int32Array: the same swaps from the same random numbers, without generic element access. */
function shuffleInt32(items: Int32Array, rng: Rng): Int32Array {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

function asPlan(indices: SplitIndices): SplitPlan {
  return {
    train: Array.from(indices.train),
    validation: Array.from(indices.validation),
    test: Array.from(indices.test),
  };
}

/** Labels renumbered 0…k-1 in ascending label order. */
function denseClasses(labels: ArrayLike<number>): { ids: Int32Array; classes: number } {
  const small = smallIntegerClasses(labels);
  if (small) return small;
  const distinct = new Set<number>();
  let last = NaN;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label !== last) distinct.add((last = label));
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  const idOf = new Map(sorted.map((label, k) => [label, k]));
  const ids = new Int32Array(labels.length);
  last = NaN;
  let id = -1;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label !== last) id = idOf.get((last = label))!;
    ids[i] = id;
  }
  return { ids, classes: sorted.length };
}

/** Plain seeded shuffle and cut of `n` items (regression, or when there are no classes). */
export function shuffleSplit(n: number, ratios: SplitRatios, rng: Rng): SplitPlan {
  return asPlan(shuffleSplitIndices(n, ratios, rng));
}

/** `shuffleSplit` into typed arrays. */
export function shuffleSplitIndices(n: number, ratios: SplitRatios, rng: Rng): SplitIndices {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInt32(order, rng);
  const counts = splitCounts(n, ratios);
  return {
    test: order.slice(0, counts.test),
    validation: order.slice(counts.test, counts.test + counts.validation),
    train: order.slice(counts.test + counts.validation),
  };
}

/** The common case — class indices 0…k-1 or other small integers — without a hash lookup per item. */
function smallIntegerClasses(labels: ArrayLike<number>): { ids: Int32Array; classes: number } | null {
  if (labels.length === 0) return { ids: new Int32Array(0), classes: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label)) return null;
    if (label < min) min = label;
    if (label > max) max = label;
  }
  if (max - min >= 65_536) return null;
  const idOf = new Int32Array(max - min + 1).fill(-1);
  for (let i = 0; i < labels.length; i++) idOf[labels[i]! - min] = 0;
  let classes = 0;
  for (let v = 0; v < idOf.length; v++) if (idOf[v] === 0) idOf[v] = classes++;
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) ids[i] = idOf[labels[i]! - min]!;
  return { ids, classes };
}
