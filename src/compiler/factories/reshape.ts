import * as tf from '@tensorflow/tfjs';
import { ints } from '../../model/params';
import { reshapeOutput } from '../../model/layers/reshape';
import type { LayerFactory } from './types';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>[0];

/**
 * tfjs 4.22 Reshape leaves a -1 unresolved (null) whenever any input dim is unknown, and it
 * counts the batch, so in practice always: Reshape([-1]) then Dense fails to build. This one
 * layer gets Keras's output shape instead; the computation itself is unchanged.
 */
function reshape(a: Args<typeof tf.layers.reshape>, target: readonly number[]) {
  const layer = tf.layers.reshape({ ...a, targetShape: [...target] });
  const tfjsShape = layer.computeOutputShape.bind(layer);
  layer.computeOutputShape = (inputShape) => {
    const shape = inputShape as tf.Shape;
    return shape.slice(1).every((d) => d !== null) ? [...reshapeOutput(shape, target)] : tfjsShape(inputShape);
  };
  return layer;
}

export const reshapeFactories: Record<string, LayerFactory> = {
  Flatten: (a) => tf.layers.flatten(a as Args<typeof tf.layers.flatten>),
  Reshape: (a, p) => reshape(a as unknown as Args<typeof tf.layers.reshape>, ints(p, 'target_shape')),
  Permute: (a, p) =>
    tf.layers.permute({ ...(a as unknown as Args<typeof tf.layers.permute>), dims: [...ints(p, 'dims')] }),
  RepeatVector: (a) => tf.layers.repeatVector(a as unknown as Args<typeof tf.layers.repeatVector>),
};
