import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../model/graph';
import { bool } from '../../model/params';
import type { TfjsArgs } from '../args';
import type { LayerFactory } from './types';

type Args<F extends (a: never) => unknown> = Parameters<F>[0];
type ShapeLike = (number | null)[];

/** An empty strides list means Keras strides=None; tfjs reads a missing strides the same way. */
function windowArgs(a: TfjsArgs): TfjsArgs {
  const { strides, ...rest } = a;
  return Array.isArray(strides) && strides.length > 0 ? { ...rest, strides } : rest;
}

/**
 * tfjs global pooling has no keepdims: it always drops the pooled axes. Keras keepdims=True
 * only puts them back as size 1, so the output is reshaped after the call.
 */
function globalPool(make: (a: object) => tf.layers.Layer, rank: 1 | 2) {
  return (a: TfjsArgs, p: Params): tf.layers.Layer => {
    const { keepdims: _ignored, ...args } = a;
    const layer = make(args);
    if (!bool(p, 'keepdims')) return layer;
    const call = layer.call.bind(layer);
    const config = layer.getConfig.bind(layer);
    const ones = Array.from({ length: rank }, () => 1);
    layer.call = (inputs, kwargs) =>
      tf.tidy(() => {
        const y = call(inputs, kwargs) as tf.Tensor;
        return tf.reshape(y, [y.shape[0] ?? -1, ...ones, y.shape[1] ?? -1]);
      });
    layer.computeOutputShape = (shape) => {
      const s = (Array.isArray(shape[0]) ? shape[0] : shape) as ShapeLike;
      return [s[0] ?? null, ...ones, s[s.length - 1] ?? null];
    };
    layer.getConfig = () => ({ ...config(), keepdims: true });
    return layer;
  };
}

export const poolingFactories: Record<string, LayerFactory> = {
  MaxPooling1D: (a) => tf.layers.maxPooling1d(windowArgs(a) as Args<typeof tf.layers.maxPooling1d>),
  MaxPooling2D: (a) => tf.layers.maxPooling2d(windowArgs(a) as Args<typeof tf.layers.maxPooling2d>),
  AveragePooling1D: (a) => tf.layers.averagePooling1d(windowArgs(a) as Args<typeof tf.layers.averagePooling1d>),
  AveragePooling2D: (a) => tf.layers.averagePooling2d(windowArgs(a) as Args<typeof tf.layers.averagePooling2d>),
  GlobalAveragePooling1D: globalPool((a) => tf.layers.globalAveragePooling1d(a), 1),
  GlobalAveragePooling2D: globalPool((a) => tf.layers.globalAveragePooling2d(a), 2),
  GlobalMaxPooling1D: globalPool((a) => tf.layers.globalMaxPooling1d(a), 1),
  GlobalMaxPooling2D: globalPool((a) => tf.layers.globalMaxPooling2d(a), 2),
};
