import { buildGraph, type LayerDraft } from '../../model/build';
import { pytorchFamily } from './family-tests';
import type { ParityCase } from './parity-check';

/**
 * Convolutions, pooling and the reshaping layers: TF 'same' padding (asymmetric on odd
 * totals), strides, dilation, causal padding, transposed sizes, and Flatten's NHWC order.
 */

const image = (shape: number[], layers: LayerDraft[]) => buildGraph([{ type: 'Input', params: { shape } }, ...layers]);

const CASES: ParityCase[] = [
  {
    name: 'conv2d same/valid, strides, dilation, flatten',
    graph: image(
      [9, 8, 3],
      [
        {
          type: 'Conv2D',
          params: { filters: 4, kernel_size: [3, 2], strides: [2, 2], padding: 'same', activation: 'relu' },
        },
        { type: 'Conv2D', params: { filters: 5, kernel_size: [2, 2], dilation_rate: [2, 1], padding: 'same' } },
        { type: 'Conv2D', params: { filters: 3, kernel_size: [2, 3], padding: 'valid', use_bias: false } },
        { type: 'Flatten' },
        { type: 'Dense', params: { units: 4 } },
      ],
    ),
    train: true,
  },
  {
    name: 'depthwise and separable',
    graph: image(
      [7, 10, 3],
      [
        {
          type: 'DepthwiseConv2D',
          params: { kernel_size: [3, 3], strides: [2, 2], padding: 'same', depth_multiplier: 2 },
        },
        {
          type: 'SeparableConv2D',
          params: { filters: 4, kernel_size: [2, 3], padding: 'same', depth_multiplier: 2, activation: 'tanh' },
        },
        { type: 'SeparableConv2D', params: { filters: 3, kernel_size: [2, 2], dilation_rate: [2, 2] } },
        { type: 'DepthwiseConv2D', params: { kernel_size: [2, 2], use_bias: false } },
      ],
    ),
    train: true,
  },
  {
    name: 'conv2d transpose',
    graph: image(
      [5, 4, 3],
      [
        { type: 'Conv2DTranspose', params: { filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same' } },
        { type: 'Conv2DTranspose', params: { filters: 3, kernel_size: [4, 3], strides: [2, 1], padding: 'same' } },
        { type: 'Conv2DTranspose', params: { filters: 2, kernel_size: [3, 2], strides: [2, 2], padding: 'valid' } },
        { type: 'Conv2DTranspose', params: { filters: 2, kernel_size: [1, 2], strides: [3, 3], padding: 'valid' } },
      ],
    ),
    train: true,
  },
  {
    name: 'conv1d causal/same, pooling 1D',
    graph: image(
      [11, 3],
      [
        { type: 'Conv1D', params: { filters: 4, kernel_size: [3], padding: 'causal', dilation_rate: [2] } },
        { type: 'Conv1D', params: { filters: 4, kernel_size: [4], padding: 'same', strides: [2] } },
        { type: 'MaxPooling1D', params: { pool_size: [2], strides: [1], padding: 'same' } },
        { type: 'AveragePooling1D', params: { pool_size: [3], strides: [2], padding: 'same' } },
        { type: 'AveragePooling1D', params: { pool_size: [2], padding: 'valid' } },
        { type: 'GlobalMaxPooling1D', params: { keepdims: true } },
      ],
    ),
  },
  {
    name: 'pooling 2D',
    graph: buildGraph([
      { type: 'Input', params: { shape: [7, 9, 2] }, id: 'in' },
      { type: 'MaxPooling2D', params: { pool_size: [3, 2], strides: [2, 2], padding: 'same' } },
      { type: 'AveragePooling2D', params: { pool_size: [2, 3], strides: [1, 2], padding: 'same' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2], padding: 'valid' }, id: 'mp' },
      { type: 'GlobalAveragePooling2D', id: 'gap' },
      { type: 'AveragePooling2D', params: { pool_size: [2, 2] }, from: ['in'] },
      { type: 'GlobalMaxPooling2D', params: { keepdims: true } },
    ]),
  },
  {
    name: 'padding, cropping, upsampling, reshape, permute, repeat',
    graph: image(
      [4, 5, 2],
      [
        { type: 'ZeroPadding2D', params: { padding: [1, 2, 0, 3] } },
        { type: 'Cropping2D', params: { cropping: [0, 1, 2, 1] } },
        { type: 'UpSampling2D', params: { size: [2, 3], interpolation: 'bilinear' } },
        { type: 'UpSampling2D', params: { size: [2, 1] } },
        { type: 'Conv2D', params: { filters: 3, kernel_size: [3, 3], strides: [3, 3] } },
        { type: 'Reshape', params: { target_shape: [-1, 3] } },
        { type: 'Permute', params: { dims: [2, 1] } },
        { type: 'Flatten' },
        { type: 'RepeatVector', params: { n: 2 } },
      ],
    ),
  },
];

pytorchFamily('PyTorch export: convolutions, pooling, reshaping', CASES, 7);

