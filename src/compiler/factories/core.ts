import * as tf from '@tensorflow/tfjs';
import type { LayerFactory } from './types';

export const coreFactories: Record<string, LayerFactory> = {
  Dense: (a) => tf.layers.dense(a as unknown as Parameters<typeof tf.layers.dense>[0]),
};
