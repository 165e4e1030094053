import * as tf from '@tensorflow/tfjs';
import type { LayerFactory } from './types';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>[0];

export const normalizationFactories: Record<string, LayerFactory> = {
  BatchNormalization: (a) => tf.layers.batchNormalization(a as Args<typeof tf.layers.batchNormalization>),
  LayerNormalization: (a) => tf.layers.layerNormalization(a as Args<typeof tf.layers.layerNormalization>),
};
