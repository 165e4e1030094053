import * as tf from '@tensorflow/tfjs';
import { ints } from '../../model/params';
import { elementwiseShape } from '../../model/layers/merge';
import type { LayerFactory } from './types';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>[0];

/**
 * tfjs-layers 4.22 has no Subtract layer although Keras does, so this one stands in for it under
 * the Keras class name. The Keras config we export loads in Keras as a real Subtract; a plain
 * tfjs app loading our model.json needs this class registered (tf.serialization.registerClass).
 */
export class SubtractLayer extends tf.layers.Layer {
  static readonly className = 'Subtract';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return elementwiseShape(inputShape as tf.Shape[]) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [a, b] = inputs as [tf.Tensor, tf.Tensor];
      // Keras aligns a lower-rank input after the batch axis (tfjs Merge does the same).
      const grow = (x: tf.Tensor, rank: number) => {
        let y = x;
        while (y.rank < rank) y = tf.expandDims(y, 1);
        return y;
      };
      const rank = Math.max(a.rank, b.rank);
      return tf.sub(grow(a, rank), grow(b, rank));
    });
  }
}
tf.serialization.registerClass(SubtractLayer);

export const mergeFactories: Record<string, LayerFactory> = {
  Concatenate: (a) => tf.layers.concatenate(a as Args<typeof tf.layers.concatenate>),
  Add: (a) => tf.layers.add(a as Args<typeof tf.layers.add>),
  Subtract: (a) => new SubtractLayer(a as ConstructorParameters<typeof tf.layers.Layer>[0]),
  Multiply: (a) => tf.layers.multiply(a as Args<typeof tf.layers.multiply>),
  Average: (a) => tf.layers.average(a as Args<typeof tf.layers.average>),
  Maximum: (a) => tf.layers.maximum(a as Args<typeof tf.layers.maximum>),
  Minimum: (a) => tf.layers.minimum(a as Args<typeof tf.layers.minimum>),
  Dot: (a, p) => {
    // A single int is how tfjs resolves negative axes against each input's own rank.
    const [x, y] = ints(p, 'axes', [-1, -1]);
    const axes = x === y ? (x as number) : ([x, y] as [number, number]);
    return tf.layers.dot({ ...(a as unknown as Args<typeof tf.layers.dot>), axes });
  },
};
