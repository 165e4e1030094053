import * as tf from '@tensorflow/tfjs';
import { ints } from '../../model/params';
import type { LayerFactory } from './types';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>[0];

export const activationsFactories: Record<string, LayerFactory> = {
  Activation: (a) => tf.layers.activation(a as unknown as Args<typeof tf.layers.activation>),
  // The spec rejects a non-zero slope or threshold, which tfjs ReLU would silently ignore.
  ReLU: (a) => {
    const { negativeSlope: _slope, threshold: _threshold, ...rest } = a;
    return tf.layers.reLU(rest as Args<typeof tf.layers.reLU>);
  },
  LeakyReLU: (a) => tf.layers.leakyReLU(a as Args<typeof tf.layers.leakyReLU>),
  PReLU: (a, p) => {
    const shared = ints(p, 'shared_axes');
    return tf.layers.prelu({
      ...(a as Args<typeof tf.layers.prelu>),
      sharedAxes: shared.length > 0 ? [...shared] : undefined,
    });
  },
  ELU: (a) => tf.layers.elu(a as Args<typeof tf.layers.elu>),
  // tfjs would default to axis 1, not Keras's -1; the generic args always carry the param's axis.
  Softmax: (a) => tf.layers.softmax(a as Args<typeof tf.layers.softmax>),
};
