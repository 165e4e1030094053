import * as tf from '@tensorflow/tfjs';
import type { LossName, MetricName } from './config';

/**
 * Losses, label encodings and the batch metric, all from tfjs's own implementations. The model's
 * outputs are activations (softmax, sigmoid), as in Keras, so the probability forms are used.
 * Function forms only (tf.cast, tf.reshape): chained tensor methods vanish when tfjs-core is bundled.
 */

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

const meanOf =
  (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): LossFn =>
  (yTrue, yPred) =>
    tf.mean(f(yTrue, yPred));

export function lossFunction(name: LossName): LossFn {
  switch (name) {
    case 'categorical_crossentropy':
      return meanOf(tf.metrics.categoricalCrossentropy);
    case 'sparse_categorical_crossentropy':
      // tfjs does not export its sparse form; it one-hot encodes internally just the same. A
      // next-token output [batch, seqLen, vocab] is flattened to one row per position, so the
      // mean is over every token; the one-hot rows exist for one batch only.
      return meanOf((indices, probs) => {
        const classes = probs.shape[probs.shape.length - 1]!;
        return tf.metrics.categoricalCrossentropy(
          tf.oneHot(tf.cast(tf.reshape(indices, [-1]), 'int32'), classes),
          tf.reshape(probs, [-1, classes]),
        );
      });
    case 'binary_crossentropy':
      return meanOf(tf.metrics.binaryCrossentropy);
    case 'mse':
      return (t, p) => tf.losses.meanSquaredError(t, p) as tf.Scalar;
    case 'mae':
      return (t, p) => tf.losses.absoluteDifference(t, p) as tf.Scalar;
    case 'huber':
      return (t, p) => tf.losses.huberLoss(t, p) as tf.Scalar;
    case 'hinge':
      // tfjs maps 0/1 labels to −1/+1 itself, as Keras does.
      return (t, p) => tf.losses.hingeLoss(t, p) as tf.Scalar;
  }
}

/**
 * The label tensor a loss expects, from a batch of dataset labels (class indices or targets):
 * indices for sparse cross-entropy, one-hot when the output has several units, else a column.
 * Built per batch so a one-hot copy of the whole dataset never exists.
 */
export function encodeLabels(loss: LossName, y: Float32Array, outputUnits: number): tf.Tensor {
  if (loss === 'sparse_categorical_crossentropy') return tf.tensor1d(y);
  if (outputUnits === 1) return tf.tensor2d(y, [y.length, 1]);
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), outputUnits), 'float32'));
}

/**
 * Mean batch metric: accuracy (argmax for several units; a threshold for one unit, 0 for hinge
 * whose outputs are signed, else 0.5) or mean absolute error.
 */
export function batchMetric(metric: MetricName, loss: LossName, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (metric === 'mae') return tf.mean(tf.abs(tf.sub(yPred, tf.reshape(yTrue, yPred.shape))));
    const units = yPred.shape[yPred.shape.length - 1] ?? 1;
    if (units === 1) {
      const threshold = loss === 'hinge' ? 0 : 0.5;
      const predicted = tf.greater(yPred, threshold);
      const actual = tf.greater(tf.reshape(yTrue, yPred.shape), 0.5);
      return tf.mean(tf.cast(tf.equal(predicted, actual), 'float32'));
    }
    const predicted = tf.argMax(yPred, -1);
    // Sparse labels come flat (n, or n × seqLen for next-token): shaped as the predictions, per token.
    const actual =
      loss === 'sparse_categorical_crossentropy'
        ? tf.reshape(tf.cast(yTrue, 'int32'), predicted.shape)
        : tf.argMax(yTrue, -1);
    return tf.mean(tf.cast(tf.equal(predicted, actual), 'float32'));
  }) as tf.Scalar;
}
