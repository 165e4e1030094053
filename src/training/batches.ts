import type * as tf from '@tensorflow/tfjs';
import { augmentBatch, type AugmentConfig } from '../data/augment';
import type { Split } from '../data/types';
import { rowsToInputs, type FeedSlice } from './model-feed';

/** Row length of one sample: the product of the input shape. */
export function sampleSize(inputShape: readonly number[]): number {
  return inputShape.reduce((a, b) => a * b, 1);
}

export interface BatchSource {
  readonly split: Split;
  readonly inputShape: readonly number[];
  /** The model's input dtype: Embedding-first models take int32 token ids. */
  readonly inputDtype: 'float32' | 'int32';
  /**
   * Several Inputs (PreparedDataset.inputs): each row's slices in the model's Input order
   * (`planFeed`). Absent or null: the whole row feeds the one Input.
   */
  readonly slices?: readonly FeedSlice[] | null;
  /** Training batches of images only: a fresh random augmentation per image. */
  readonly augment?: { readonly config: AugmentConfig; readonly rng: () => number };
}

/**
 * The features of rows `order[start…end)` as the model's inputs (copied, so the split is never
 * aliased): one tensor, or one per Input when `src.slices` is set.
 */
export function batchInputs(
  src: BatchSource,
  order: Uint32Array | null,
  start: number,
  end: number,
): tf.Tensor | tf.Tensor[] {
  const d = sampleSize(src.inputShape);
  const n = end - start;
  let rows: Float32Array;
  if (!order) {
    rows = src.split.x.subarray(start * d, end * d);
  } else {
    rows = new Float32Array(n * d);
    for (let k = 0; k < n; k++) {
      const i = order[start + k]!;
      rows.set(src.split.x.subarray(i * d, (i + 1) * d), k * d);
    }
    if (src.augment) rows = augmentBatch(rows, n, src.inputShape, src.augment.config, src.augment.rng);
  }
  return rowsToInputs(rows, n, src.inputShape, src.inputDtype, src.slices ?? null);
}

/**
 * The labels of the same rows, as plain numbers (the loss decides their encoding). `width` labels
 * per row: 1 for a class or target, the sequence length for next-token (the next id at each position).
 */
export function batchLabels(
  split: Split,
  order: Uint32Array | null,
  start: number,
  end: number,
  width = 1,
): Float32Array {
  if (!order) return split.y.slice(start * width, end * width);
  const out = new Float32Array((end - start) * width);
  if (width === 1) {
    for (let k = 0; k < out.length; k++) out[k] = split.y[order[start + k]!]!;
    return out;
  }
  for (let k = 0; k < end - start; k++) {
    const i = order[start + k]!;
    out.set(split.y.subarray(i * width, (i + 1) * width), k * width);
  }
  return out;
}
