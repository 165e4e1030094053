import { expect, it } from 'vitest';
import { buildGraph, type LayerDraft } from '../../model/build';
import { windowPads } from './conv';
import { onnxParity } from './parity-support';
import { ONNX_TOLERANCE, onnxFamily } from './family-tests';

/**
 * Convolution, pooling and resizing: channels-last in and out, TensorFlow's asymmetric 'same'
 * padding, strides, dilation, causal padding, depthwise multipliers, transposed kernels shorter
 * and longer than the stride. Odd input sizes make 'same' pad unevenly.
 */

const image = (h: number, w: number, c: number): LayerDraft => ({ type: 'Input', params: { shape: [h, w, c] } });

const cases: Record<string, LayerDraft[]> = {
  'Conv2D valid/same, strides, dilation': [
    image(9, 7, 3),
    {
      type: 'Conv2D',
      params: { filters: 4, kernel_size: [3, 2], strides: [2, 3], padding: 'same', activation: 'relu' },
    },
    { type: 'Conv2D', params: { filters: 5, kernel_size: [2, 2], dilation_rate: [2, 1], padding: 'same' } },
    { type: 'Conv2D', params: { filters: 3, kernel_size: [2, 2], padding: 'valid', use_bias: false } },
  ],
  'Conv1D same, causal, dilated': [
    { type: 'Input', params: { shape: [11, 3] } },
    { type: 'Conv1D', params: { filters: 4, kernel_size: [4], strides: [2], padding: 'same' } },
    {
      type: 'Conv1D',
      params: { filters: 4, kernel_size: [3], dilation_rate: [2], padding: 'causal', activation: 'tanh' },
    },
    { type: 'Conv1D', params: { filters: 2, kernel_size: [2], padding: 'valid' } },
  ],
  'Conv2DTranspose kernel above, equal to and below the stride': [
    image(5, 4, 3),
    { type: 'Conv2DTranspose', params: { filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same' } },
    { type: 'Conv2DTranspose', params: { filters: 3, kernel_size: [3, 2], strides: [2, 2], padding: 'valid' } },
    {
      type: 'Conv2DTranspose',
      params: { filters: 2, kernel_size: [1, 2], strides: [3, 2], padding: 'same', activation: 'sigmoid' },
    },
    { type: 'Conv2DTranspose', params: { filters: 2, kernel_size: [1, 1], strides: [2, 3], padding: 'valid' } },
  ],
  'DepthwiseConv2D and SeparableConv2D with depth multiplier': [
    image(13, 12, 3),
    { type: 'DepthwiseConv2D', params: { kernel_size: [3, 3], depth_multiplier: 2, strides: [2, 2], padding: 'same' } },
    {
      type: 'SeparableConv2D',
      params: { filters: 5, kernel_size: [2, 3], depth_multiplier: 3, padding: 'same', activation: 'relu' },
    },
    {
      type: 'SeparableConv2D',
      params: { filters: 4, kernel_size: [3, 3], dilation_rate: [2, 2], padding: 'valid', use_bias: false },
    },
    { type: 'DepthwiseConv2D', params: { kernel_size: [2, 2], use_bias: false } },
  ],
  'pooling 2-D and global': [
    image(9, 8, 3),
    { type: 'MaxPooling2D', params: { pool_size: [3, 3], strides: [2, 2], padding: 'same' } },
    { type: 'AveragePooling2D', params: { pool_size: [2, 3], strides: [], padding: 'same' } },
    { type: 'AveragePooling2D', params: { pool_size: [2, 2], strides: [1, 1], padding: 'valid' } },
    { type: 'GlobalMaxPooling2D', params: { keepdims: true }, id: 'gmax' },
    { type: 'GlobalAveragePooling2D', from: ['n4'] },
  ],
  'pooling 1-D and global': [
    { type: 'Input', params: { shape: [10, 3] } },
    { type: 'MaxPooling1D', params: { pool_size: [3], strides: [2], padding: 'same' } },
    { type: 'AveragePooling1D', params: { pool_size: [2], padding: 'same' } },
    { type: 'GlobalAveragePooling1D', params: { keepdims: true }, id: 'gavg' },
    { type: 'GlobalMaxPooling1D', from: ['n3'] },
  ],
  'padding, cropping, upsampling': [
    image(5, 6, 2),
    { type: 'ZeroPadding2D', params: { padding: [1, 2, 0, 3] } },
    { type: 'Cropping2D', params: { cropping: [2, 0, 1, 2] } },
    { type: 'UpSampling2D', params: { size: [2, 3] }, id: 'near' },
    { type: 'UpSampling2D', params: { size: [3, 2], interpolation: 'bilinear' }, from: ['n3'] },
  ],
  'conv stack ending in Flatten + Dense (NHWC flatten order)': [
    image(6, 5, 2),
    { type: 'Conv2D', params: { filters: 3, kernel_size: [3, 3], padding: 'same' } },
    { type: 'MaxPooling2D', params: { pool_size: [2, 2], padding: 'same' } },
    { type: 'Flatten' },
    { type: 'Dense', params: { units: 4, activation: 'softmax' } },
  ],
};

onnxFamily('ONNX export: convolution, pooling, resizing', cases, (written) => {
  it("computes TensorFlow's 'same' padding: the odd extra row at the end", () => {
    // 7 wide, kernel 4, stride 2 → 4 outputs need 10 → 3 padded: 1 before, 2 after.
    expect(windowPads('same', [7], [4], [2], [1])).toEqual([1, 2]);
    expect(windowPads('same', [8, 5], [3, 1], [2, 1], [1, 1])).toEqual([0, 0, 1, 0]);
    expect(windowPads('causal', [9], [3], [1], [2])).toEqual([4, 0]);
    expect(windowPads('same', [null], [3], [1], [1])).toBeNull();
  });

  it('free sequence length: auto_pad where the size is unknown', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [-1, 3] } },
      { type: 'Conv1D', params: { filters: 2, kernel_size: [3], strides: [2], padding: 'same' } },
      { type: 'MaxPooling1D', params: { pool_size: [2], padding: 'same' } },
    ]);
    const r = await onnxParity(graph);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(ONNX_TOLERANCE);
    written['free length'] = r.bytes;
  });
});
