import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../model/graph';
import { ints, str } from '../../model/params';
import { tfjsInitializer, type TfjsArgs } from '../args';
import type { LayerFactory } from './types';

type ShapeLike = (number | null)[];

/**
 * tfjs accepts padding 'causal' for Conv1D but throws NotImplementedError on the first forward
 * pass (and infers the 'valid' length). Keras causal padding is (kernel-1)·dilation zeros
 * before the first step followed by a valid convolution, so the layer is built as 'valid'
 * and the padding is added in front of its call. Weights and their names are unchanged.
 */
function causalConv1d(args: TfjsArgs, p: Params): tf.layers.Layer {
  const layer = tf.layers.conv1d({ ...args, padding: 'valid' } as unknown as Parameters<typeof tf.layers.conv1d>[0]);
  const left = ((ints(p, 'kernel_size')[0] ?? 1) - 1) * (ints(p, 'dilation_rate')[0] ?? 1);
  const call = layer.call.bind(layer);
  const outputShape = layer.computeOutputShape.bind(layer);
  const config = layer.getConfig.bind(layer);
  layer.call = (inputs, kwargs) =>
    tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      return call(tf.pad(x, [[0, 0], [left, 0], [0, 0]]), kwargs);
    });
  layer.computeOutputShape = (shape) => {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as ShapeLike;
    const steps = s[1];
    return outputShape([s[0] ?? null, steps === null || steps === undefined ? null : steps + left, s[2] ?? null]);
  };
  // Serialised copies should still say what the layer does.
  layer.getConfig = () => ({ ...config(), padding: 'causal' });
  return layer;
}

/**
 * tfjs 4.22 SeparableConv2D builds its pointwise initializer from `depthwiseInitializer`
 * (convolutional.js), so the pointwise choice would be ignored. Set it before build.
 */
function separableConv2d(args: TfjsArgs, p: Params): tf.layers.Layer {
  const layer = tf.layers.separableConv2d(args as unknown as Parameters<typeof tf.layers.separableConv2d>[0]);
  const make = (tf.initializers as unknown as Record<string, ((a: object) => unknown) | undefined>)[
    tfjsInitializer(str(p, 'pointwise_initializer', 'GlorotUniform'))
  ];
  if (make) (layer as unknown as { pointwiseInitializer: unknown }).pointwiseInitializer = make({});
  return layer;
}

export const convFactories: Record<string, LayerFactory> = {
  Conv1D: (a, p) =>
    str(p, 'padding') === 'causal'
      ? causalConv1d(a, p)
      : tf.layers.conv1d(a as unknown as Parameters<typeof tf.layers.conv1d>[0]),
  Conv2D: (a) => tf.layers.conv2d(a as unknown as Parameters<typeof tf.layers.conv2d>[0]),
  Conv2DTranspose: (a) => tf.layers.conv2dTranspose(a as unknown as Parameters<typeof tf.layers.conv2dTranspose>[0]),
  SeparableConv2D: separableConv2d,
  DepthwiseConv2D: (a) => tf.layers.depthwiseConv2d(a as unknown as Parameters<typeof tf.layers.depthwiseConv2d>[0]),
};
