import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../model/analyze';
import type { Params } from '../../model/graph';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { defaultParamsFor, getSpec, specForKerasClass } from '../../model/registry';
import { compile } from '../compile';
import { checkLayer, expectShapeError, singleLayerGraph } from '../layer-check';

const spec = (type: string) => getSpec(type)!;
const summary = (type: string, params: Params) => spec(type).summary({ ...defaultParamsFor(spec(type)), ...params });
/** Imports a Keras config and returns the validation messages of a one-layer graph using it. */
function importErrors(type: string, input: number[], config: Record<string, unknown>): string {
  const params = fromKerasConfig(spec(type), config);
  return analyzeGraph(singleLayerGraph(type, [input], params)).errors.map((e) => e.message).join('\n');
}

/** Runs a real forward pass (batch 2): tfjs must execute the layer, not only infer its shape. */
function forward(type: string, input: number[], params: Params) {
  const graph = singleLayerGraph(type, [input], params);
  const expected = analyzeGraph(graph).shapes.get('layer')!;
  const model = compile(graph);
  try {
    const y = tf.tidy(() => (model.predict(tf.randomNormal([2, ...input])) as tf.Tensor).shape);
    expect(y, `${type} ${JSON.stringify(params)}`).toEqual([2, ...expected.slice(1)]);
  } finally {
    model.dispose();
  }
}

describe('forward passes in tfjs', () => {
  it('every convolution configuration runs', () => {
    forward('Conv2D', [9, 7, 3], { filters: 4, strides: [2, 2], padding: 'same' });
    forward('Conv2D', [9, 9, 2], { filters: 2, dilation_rate: [2, 2], activation: 'relu' });
    forward('Conv1D', [9, 2], { filters: 3, kernel_size: [4], strides: [2], padding: 'causal' });
    forward('Conv1D', [12, 2], { filters: 3, kernel_size: [3], dilation_rate: [3], padding: 'same' });
    forward('Conv2DTranspose', [4, 5, 2], { filters: 3, kernel_size: [2, 2], strides: [3, 3] });
    forward('Conv2DTranspose', [4, 5, 2], { filters: 3, strides: [2, 2], padding: 'same' });
    forward('SeparableConv2D', [10, 10, 3], { filters: 4, dilation_rate: [2, 2], depth_multiplier: 2 });
    forward('SeparableConv2D', [9, 9, 3], { filters: 4, strides: [2, 2], padding: 'same' });
    forward('DepthwiseConv2D', [9, 9, 3], { depth_multiplier: 2, strides: [2, 2], padding: 'same' });
  });
});

describe('Conv2D', () => {
  it('the MNIST first layer: 32 · 3×3 on 28×28×1', () => {
    const r = checkLayer('Conv2D', [[28, 28, 1]], { filters: 32, kernel_size: [3, 3], activation: 'relu' });
    expect(r.shape).toEqual([null, 26, 26, 32]);
    expect(r.total).toBe(3 * 3 * 1 * 32 + 32);
  });
  it('same padding with stride 2 halves the size (rounding up)', () => {
    const r = checkLayer('Conv2D', [[15, 28, 3]], { filters: 16, kernel_size: [5, 5], strides: [2, 2], padding: 'same' });
    expect(r.shape).toEqual([null, 8, 14, 16]);
    expect(r.total).toBe(5 * 5 * 3 * 16 + 16);
  });
  it('non-square kernel and strides (Teachable Machine audio)', () => {
    const r = checkLayer('Conv2D', [[43, 232, 1]], { filters: 8, kernel_size: [2, 8], strides: [1, 2] });
    expect(r.shape).toEqual([null, 42, 113, 8]);
    expect(r.total).toBe(2 * 8 * 8 + 8);
  });
  it('dilation widens the window; no bias', () => {
    const r = checkLayer('Conv2D', [[16, 16, 4]], { filters: 8, dilation_rate: [2, 2], use_bias: false, kernel_initializer: 'HeNormal' });
    expect(r.shape).toEqual([null, 12, 12, 8]);
    expect(r.total).toBe(3 * 3 * 4 * 8);
  });
  it('frozen, with regularizers', () => {
    const r = checkLayer('Conv2D', [[8, 8, 2]], {
      filters: 4,
      trainable: false,
      kernel_regularizer: { l1: 0, l2: 0.01 },
      bias_regularizer: { l1: 0.001, l2: 0 },
    });
    expect(r.total).toBe(3 * 3 * 2 * 4 + 4);
    expect(r.trainable).toBe(0);
  });
  it('keeps an unknown height unknown', () => {
    const r = checkLayer('Conv2D', [[-1, 10, 3]], { filters: 2 });
    expect(r.shape).toEqual([null, null, 8, 2]);
  });
  it('weights are kernel [kh, kw, cin, filters] then bias', () => {
    expect(spec('Conv2D').weights([[null, 9, 9, 3]], { ...defaultParamsFor(spec('Conv2D')), filters: 5, kernel_size: [1, 2] })).toEqual([
      { name: 'kernel', shape: [1, 2, 3, 5], trainable: true },
      { name: 'bias', shape: [5], trainable: true },
    ]);
  });
  it('rejects a flat input with a hint', () => {
    expectShapeError(
      'Conv2D',
      [[64]],
      {},
      "Conv2D 'layer_under_test' needs a 4-D input [batch, height, width, channels] but receives [batch, 64]; add a Reshape before it or use Conv1D",
    );
    expectShapeError('Conv2D', [[10, 3]], {}, /receives \[batch, 10, 3\]; use Conv1D for sequence data/);
  });
  it('rejects a kernel larger than its input, naming both sizes', () => {
    expectShapeError('Conv2D', [[3, 3, 1]], { kernel_size: [5, 5] }, "kernel 5×5 is larger than its 3×3 input; use a smaller kernel, padding 'same', or a larger input");
    expect(checkLayer('Conv2D', [[5, 5, 1]], { dilation_rate: [2, 2], filters: 1 }).shape).toEqual([null, 1, 1, 1]);
    expectShapeError('Conv2D', [[4, 4, 1]], { dilation_rate: [2, 2] }, /kernel 3×3 with dilation 2 spans 5×5, which is larger than its 4×4 input/);
    // same padding never runs out of input
    expect(checkLayer('Conv2D', [[3, 3, 1]], { kernel_size: [5, 5], padding: 'same', filters: 1 }).shape).toEqual([null, 3, 3, 1]);
  });
  it('rejects strides together with dilation (tfjs and Keras refuse it)', () => {
    expectShapeError('Conv2D', [[32, 32, 3]], { strides: [2, 2], dilation_rate: [2, 2] }, /strides 2 together with dilation 2/);
  });
  it('rejects bad params and unknown channels', () => {
    expectShapeError('Conv2D', [[8, 8, 1]], { filters: 0 }, /Filters must be at least 1/);
    expectShapeError('Conv2D', [[8, 8, 1]], { kernel_size: [3] }, /Kernel size needs exactly 2 values/);
    expectShapeError('Conv2D', [[8, 8, -1]], {}, /known number of input channels/);
  });
  it('summary is compact', () => {
    expect(summary('Conv2D', { filters: 32, activation: 'relu' })).toBe('32 · 3×3 · relu');
    expect(summary('Conv2D', { filters: 64, strides: [2, 2], padding: 'same', activation: 'relu' })).toBe('64 · 3×3 · stride 2 · same · relu');
    expect(summary('Conv2D', { filters: 8, kernel_size: [1, 7], strides: [1, 2], dilation_rate: [1, 1] })).toBe('8 · 1×7 · stride 1×2');
  });
});

describe('Conv2D Keras configs', () => {
  it('reads tf.keras 2 (VarianceScaling) and Keras 3 (module, groups) configs', () => {
    const tfjsWritten = fromKerasConfig(spec('Conv2D'), {
      filters: 32,
      kernel_size: [3, 3],
      strides: [1, 1],
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      activation: 'linear',
      use_bias: true,
      kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.0005 } },
    });
    expect(tfjsWritten).toMatchObject({ filters: 32, padding: 'same', kernel_initializer: 'HeUniform', kernel_regularizer: { l1: 0, l2: 0.0005 } });
    expect(tfjsWritten).not.toHaveProperty('data_format');
    const keras3 = fromKerasConfig(spec('Conv2D'), {
      filters: 16,
      kernel_size: 5,
      strides: 2,
      padding: 'VALID',
      groups: 1,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 } },
    });
    expect(keras3).toMatchObject({ filters: 16, kernel_size: [5, 5], strides: [2, 2], padding: 'valid', kernel_regularizer: { l1: 0, l2: 0.01 } });
    expect(keras3).not.toHaveProperty('groups');
    expect(specForKerasClass('Convolution2D')?.type).toBe('Conv2D');
  });
  it('writes channels_last and Keras 2 tuples', () => {
    const config = toKerasConfig(spec('Conv2D'), { ...defaultParamsFor(spec('Conv2D')), filters: 4 });
    expect(config).toMatchObject({ filters: 4, kernel_size: [3, 3], strides: [1, 1], dilation_rate: [1, 1], data_format: 'channels_last', groups: 1 });
  });
  it('keeps channels_first and groups from an import and says why it cannot build them', () => {
    expect(importErrors('Conv2D', [1, 28, 28], { filters: 8, kernel_size: [3, 3], data_format: 'channels_first' })).toMatch(
      /uses data_format 'channels_first'; Layerloom builds channels_last models only/,
    );
    expect(importErrors('Conv2D', [28, 28, 4], { filters: 8, kernel_size: [3, 3], groups: 2 })).toMatch(/uses groups=2 \(grouped convolution\)/);
  });
});

describe('Conv1D', () => {
  it('same padding on a sensor sequence', () => {
    const r = checkLayer('Conv1D', [[50, 6]], { filters: 8, kernel_size: [16], padding: 'same' });
    expect(r.shape).toEqual([null, 50, 8]);
    expect(r.total).toBe(16 * 6 * 8 + 8);
  });
  it('valid padding with stride 2', () => {
    const r = checkLayer('Conv1D', [[20, 3]], { filters: 4, kernel_size: [5], strides: [2], activation: 'tanh' });
    expect(r.shape).toEqual([null, 8, 4]);
    expect(r.total).toBe(5 * 3 * 4 + 4);
  });
  it('dilation, and a free sequence length', () => {
    expect(checkLayer('Conv1D', [[20, 3]], { filters: 2, dilation_rate: [2] }).shape).toEqual([null, 16, 2]);
    expect(checkLayer('Conv1D', [[-1, 3]], { filters: 2 }).shape).toEqual([null, null, 2]);
  });
  it('causal padding keeps the length, with stride too', () => {
    const r = checkLayer('Conv1D', [[10, 2]], { filters: 4, kernel_size: [3], dilation_rate: [2], padding: 'causal' });
    expect(r.shape).toEqual([null, 10, 4]);
    expect(r.total).toBe(3 * 2 * 4 + 4);
    expect(checkLayer('Conv1D', [[9, 2]], { filters: 1, kernel_size: [4], strides: [2], padding: 'causal' }).shape).toEqual([null, 5, 1]);
  });
  it('causal padding runs in tfjs and equals zero-padding the start then a valid conv', () => {
    const params = { filters: 3, kernel_size: [3], dilation_rate: [2], padding: 'causal', bias_initializer: 'RandomNormal' };
    const model = compile(singleLayerGraph('Conv1D', [[7, 2]], params));
    try {
      const x = tf.randomNormal([2, 7, 2]);
      const y = model.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([2, 7, 3]);
      const [kernel, bias] = model.getLayer('layer_under_test').getWeights() as [tf.Tensor3D, tf.Tensor1D];
      const expected = tf.add(tf.conv1d(tf.pad(x, [[0, 0], [4, 0], [0, 0]]) as tf.Tensor3D, kernel, 1, 'valid', 'NWC', 2), bias);
      expect(tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0]).toBeLessThan(1e-5);
      // Step 0 only sees step 0: changing later steps leaves it alone.
      const later = tf.concat([x.slice([0, 0, 0], [2, 1, 2]), tf.onesLike(x.slice([0, 1, 0], [2, 6, 2]))], 1);
      const y2 = model.predict(later) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(y.slice([0, 0, 0], [2, 1, 3]), y2.slice([0, 0, 0], [2, 1, 3])))).dataSync()[0]).toBeLessThan(1e-6);
      expect(model.getLayer('layer_under_test').getConfig().padding).toBe('causal');
    } finally {
      model.dispose();
    }
  });
  it('causal Conv1D trains (gradients flow through the padding)', async () => {
    const model = compile(singleLayerGraph('Conv1D', [[6, 1]], { filters: 1, kernel_size: [2], padding: 'causal' }));
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const before = model.getLayer('layer_under_test').getWeights()[0]!.dataSync().slice();
    await model.fit(tf.ones([4, 6, 1]), tf.zeros([4, 6, 1]), { epochs: 1, verbose: 0 });
    const after = model.getLayer('layer_under_test').getWeights()[0]!.dataSync();
    expect(Array.from(after)).not.toEqual(Array.from(before));
    model.dispose();
  });
  it('rejects wrong ranks and a too-long kernel', () => {
    expectShapeError('Conv1D', [[64]], {}, "needs a 3-D input [batch, steps, channels] but receives [batch, 64]; add a Reshape before it (to [64, 1] for one channel)");
    expectShapeError('Conv1D', [[28, 28, 1]], {}, /receives \[batch, 28, 28, 1\]; use Conv2D for images/);
    expectShapeError('Conv1D', [[4, 2]], { kernel_size: [5] }, 'kernel 5 is larger than its 4 input');
    expectShapeError('Conv1D', [[40, 2]], { strides: [2], dilation_rate: [3] }, /strides 2 together with dilation 3/);
    expectShapeError('Conv2D', [[8, 8, 1]], { padding: 'causal' }, /Padding must be one of valid, same/);
  });
  it('summary and Keras round trip of causal', () => {
    expect(summary('Conv1D', { filters: 32, kernel_size: [5], padding: 'causal', dilation_rate: [4] })).toBe('32 · 5 · dilation 4 · causal');
    const back = fromKerasConfig(spec('Conv1D'), { filters: 8, kernel_size: 3, padding: 'causal', dilation_rate: 2, groups: 1 });
    expect(back).toMatchObject({ kernel_size: [3], padding: 'causal', dilation_rate: [2] });
  });
});

describe('Conv2DTranspose', () => {
  it('same padding, stride 2 doubles the size (U-Net upsampling)', () => {
    const r = checkLayer('Conv2DTranspose', [[7, 7, 32]], { filters: 16, strides: [2, 2], padding: 'same', activation: 'relu' });
    expect(r.shape).toEqual([null, 14, 14, 16]);
    expect(r.total).toBe(3 * 3 * 16 * 32 + 16);
  });
  it('valid padding adds kernel − stride', () => {
    const r = checkLayer('Conv2DTranspose', [[7, 5, 4]], { filters: 8, strides: [2, 2] });
    expect(r.shape).toEqual([null, 15, 11, 8]);
    expect(r.total).toBe(3 * 3 * 8 * 4 + 8);
    expect(checkLayer('Conv2DTranspose', [[4, 4, 2]], { filters: 1, kernel_size: [2, 2], strides: [3, 3], use_bias: false }).shape).toEqual([
      null, 12, 12, 1,
    ]);
  });
  it('kernel is [kh, kw, filters, cin]', () => {
    const w = spec('Conv2DTranspose').weights([[null, 7, 7, 32]], { ...defaultParamsFor(spec('Conv2DTranspose')), filters: 16 });
    expect(w[0]).toEqual({ name: 'kernel', shape: [3, 3, 16, 32], trainable: true });
  });
  it('imports output_padding null, rejects what tfjs cannot build', () => {
    const ok = fromKerasConfig(spec('Conv2DTranspose'), { filters: 8, kernel_size: [2, 2], strides: [2, 2], padding: 'same', output_padding: null, dilation_rate: [1, 1] });
    expect(ok).not.toHaveProperty('output_padding');
    expect(ok).not.toHaveProperty('dilation_rate');
    expect(importErrors('Conv2DTranspose', [7, 7, 4], { filters: 8, output_padding: [1, 1] })).toMatch(/uses output_padding \[1,1\], which TensorFlow.js Conv2DTranspose does not support/);
    expect(importErrors('Conv2DTranspose', [7, 7, 4], { filters: 8, dilation_rate: 2 })).toMatch(/uses dilation_rate 2, which TensorFlow.js Conv2DTranspose cannot apply/);
    expect(toKerasConfig(spec('Conv2DTranspose'), defaultParamsFor(spec('Conv2DTranspose')))).toMatchObject({ output_padding: null, dilation_rate: [1, 1] });
  });
  it('rejects a flat input', () => {
    expectShapeError('Conv2DTranspose', [[10]], {}, /needs a 4-D input \[batch, height, width, channels\] but receives \[batch, 10\]/);
  });
});

describe('SeparableConv2D', () => {
  it('depthwise + pointwise + bias', () => {
    const r = checkLayer('SeparableConv2D', [[32, 32, 3]], { filters: 16, activation: 'relu' });
    expect(r.shape).toEqual([null, 30, 30, 16]);
    expect(r.total).toBe(3 * 3 * 3 * 1 + 1 * 1 * 3 * 16 + 16);
  });
  it('depth multiplier 2, same, stride 2', () => {
    const r = checkLayer('SeparableConv2D', [[32, 32, 3]], { filters: 16, depth_multiplier: 2, strides: [2, 2], padding: 'same' });
    expect(r.shape).toEqual([null, 16, 16, 16]);
    expect(r.total).toBe(3 * 3 * 3 * 2 + 6 * 16 + 16);
    expect(spec('SeparableConv2D').weights([[null, 32, 32, 3]], { ...defaultParamsFor(spec('SeparableConv2D')), filters: 16, depth_multiplier: 2 })).toEqual([
      { name: 'depthwise_kernel', shape: [3, 3, 3, 2], trainable: true },
      { name: 'pointwise_kernel', shape: [1, 1, 6, 16], trainable: true },
      { name: 'bias', shape: [16], trainable: true },
    ]);
  });
  it('dilation without bias, with regularizers', () => {
    const r = checkLayer('SeparableConv2D', [[12, 12, 4]], {
      filters: 8,
      dilation_rate: [2, 2],
      use_bias: false,
      depthwise_regularizer: { l1: 0, l2: 0.01 },
      pointwise_regularizer: { l1: 0.01, l2: 0 },
    });
    expect(r.shape).toEqual([null, 8, 8, 8]);
    expect(r.total).toBe(3 * 3 * 4 + 4 * 8);
  });
  it('uses the pointwise initializer (tfjs alone would use the depthwise one)', () => {
    const model = compile(singleLayerGraph('SeparableConv2D', [[6, 6, 2]], { filters: 3, pointwise_initializer: 'Zeros', depthwise_initializer: 'Ones' }));
    const [depthwise, pointwise] = model.getLayer('layer_under_test').getWeights();
    expect(Array.from(depthwise!.dataSync()).every((v) => v === 1)).toBe(true);
    expect(Array.from(pointwise!.dataSync()).every((v) => v === 0)).toBe(true);
    model.dispose();
  });
  it('summary and errors', () => {
    expect(summary('SeparableConv2D', { filters: 64, depth_multiplier: 2, activation: 'relu' })).toBe('64 · 3×3 · depth ×2 · relu');
    expectShapeError('SeparableConv2D', [[2, 2, 3]], {}, 'kernel 3×3 is larger than its 2×2 input');
    expectShapeError('SeparableConv2D', [[10, 3]], {}, /use Conv1D for sequence data/);
    expect(specForKerasClass('SeparableConvolution2D')?.type).toBe('SeparableConv2D');
  });
});

describe('DepthwiseConv2D', () => {
  it('one filter per channel', () => {
    const r = checkLayer('DepthwiseConv2D', [[28, 28, 8]], {});
    expect(r.shape).toEqual([null, 26, 26, 8]);
    expect(r.total).toBe(3 * 3 * 8 + 8);
  });
  it('depth multiplier 2 multiplies the channels; stride 2 same; no bias', () => {
    const r = checkLayer('DepthwiseConv2D', [[28, 28, 8]], { depth_multiplier: 2, strides: [2, 2], padding: 'same', use_bias: false, activation: 'relu6' });
    expect(r.shape).toEqual([null, 14, 14, 16]);
    expect(r.total).toBe(3 * 3 * 8 * 2);
  });
  it('bias has cin × depth multiplier entries', () => {
    const w = spec('DepthwiseConv2D').weights([[null, 9, 9, 3]], { ...defaultParamsFor(spec('DepthwiseConv2D')), depth_multiplier: 4 });
    expect(w).toEqual([
      { name: 'depthwise_kernel', shape: [3, 3, 3, 4], trainable: true },
      { name: 'bias', shape: [12], trainable: true },
    ]);
  });
  it('imports a MobileNet block config; dilation is refused because tfjs ignores it', () => {
    const params = fromKerasConfig(spec('DepthwiseConv2D'), {
      kernel_size: [3, 3],
      strides: [2, 2],
      padding: 'valid',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      activation: 'linear',
      use_bias: false,
      depth_multiplier: 1,
      depthwise_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } },
    });
    expect(params).toMatchObject({ kernel_size: [3, 3], strides: [2, 2], use_bias: false, depthwise_initializer: 'GlorotUniform' });
    expect(params).not.toHaveProperty('dilation_rate');
    expect(importErrors('DepthwiseConv2D', [16, 16, 4], { kernel_size: 3, dilation_rate: [2, 2] })).toMatch(
      /uses dilation_rate \[2,2\], which TensorFlow.js DepthwiseConv2D cannot apply/,
    );
  });
  it('summary and errors', () => {
    expect(summary('DepthwiseConv2D', { padding: 'same' })).toBe('3×3 · same');
    expectShapeError('DepthwiseConv2D', [[64]], {}, 'add a Reshape before it or use Conv1D');
    expectShapeError('DepthwiseConv2D', [[2, 8, 3]], {}, 'kernel 3×3 is larger than its 2×8 input');
  });
});
