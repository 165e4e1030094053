import * as tf from '@tensorflow/tfjs';
import type { TfjsArgs } from '../args';
import type { LayerFactory } from './types';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>[0];

/**
 * Keras (since TF 2.0) runs a frozen BatchNormalization in inference mode: it normalises with its
 * moving statistics and leaves them alone, which is what fine-tuning a pretrained backbone needs.
 * tfjs 4.22 ignores `trainable` here: while training it normalises with the batch's statistics and
 * keeps updating the moving ones, so a "frozen" layer would still change. Checked on every call,
 * so freezing the layer of an already compiled model works too.
 */
function batchNormalization(a: TfjsArgs): tf.layers.Layer {
  const layer = tf.layers.batchNormalization(a as Args<typeof tf.layers.batchNormalization>);
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => call(inputs, layer.trainable ? kwargs : { ...kwargs, training: false });
  return layer;
}

export const normalizationFactories: Record<string, LayerFactory> = {
  BatchNormalization: batchNormalization,
  LayerNormalization: (a) => tf.layers.layerNormalization(a as Args<typeof tf.layers.layerNormalization>),
};
