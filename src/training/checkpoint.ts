import * as tf from '@tensorflow/tfjs';
import type { NamedArray } from './optimizers';

/** Copies of every model weight (trainable or not) in `model.weights` order. */
export async function readModelWeights(model: tf.LayersModel): Promise<NamedArray[]> {
  return Promise.all(
    model.weights.map(async (w) => ({
      name: w.name,
      shape: [...w.shape] as number[],
      values: Float32Array.from(await w.read().data()),
    })),
  );
}

/** Puts weights read by readModelWeights back, checking that they belong to a model of this shape. */
export function writeModelWeights(model: tf.LayersModel, weights: readonly NamedArray[]): void {
  const targets = model.weights;
  if (targets.length !== weights.length) {
    throw new Error(
      `The checkpoint has ${weights.length} weights but the model has ${targets.length}; it was saved from a different model.`,
    );
  }
  targets.forEach((t, i) => {
    const w = weights[i]!;
    const expected = t.shape.join('×');
    if (w.shape.join('×') !== expected) {
      throw new Error(
        `Checkpoint weight '${w.name}' has shape ${w.shape.join('×')} but the model's '${t.name}' is ${expected}; it was saved from a different model.`,
      );
    }
  });
  const tensors = weights.map((w) => tf.tensor(w.values, [...w.shape], 'float32'));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
