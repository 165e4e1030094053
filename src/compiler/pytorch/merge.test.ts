import { buildGraph } from '../../model/build';
import { pytorchFamily } from './family-tests';
import type { ParityCase } from './parity-check';

/** Merges (rank broadcasting, Dot axes and cosine), normalization, several inputs and outputs. */

const CASES: ParityCase[] = [
  {
    name: 'element-wise merges, two inputs, two outputs',
    graph: buildGraph([
      { type: 'Input', name: 'a', params: { shape: [3, 4] }, id: 'a' },
      { type: 'Input', name: 'b', params: { shape: [4] }, id: 'b' },
      { type: 'Dense', params: { units: 4 }, from: ['a'], id: 'da' },
      { type: 'Dense', params: { units: 4 }, from: ['b'], id: 'db' },
      { type: 'Dense', params: { units: 4 }, from: ['a'], id: 'dc' },
      // Three inputs (not 'da' twice: tfjs 4.22 frees a tensor fed twice to one layer too early).
      { type: 'Add', from: ['da', 'db', 'dc'], id: 'add' },
      { type: 'Subtract', from: ['da', 'db'], id: 'sub' },
      { type: 'Multiply', from: ['add', 'sub'], id: 'mul' },
      { type: 'Average', from: ['mul', 'db', 'add'], id: 'avg' },
      { type: 'Maximum', from: ['avg', 'sub'], id: 'max' },
      { type: 'Minimum', from: ['max', 'da'], id: 'min' },
      { type: 'Concatenate', params: { axis: 1 }, from: ['min', 'add'], id: 'cat' },
      { type: 'Flatten', from: ['cat'] },
      { type: 'Dense', name: 'score', params: { units: 1, activation: 'sigmoid' } },
      { type: 'Dense', name: 'kind', params: { units: 3 }, from: ['db'] },
    ]),
    train: true,
  },
  {
    name: 'dot products',
    graph: buildGraph([
      { type: 'Input', params: { shape: [3, 4] }, id: 'a' },
      { type: 'Input', params: { shape: [5, 4] }, id: 'b' },
      { type: 'Input', params: { shape: [3] }, id: 'v' },
      { type: 'Input', params: { shape: [4] }, id: 'w' },
      { type: 'Dot', params: { axes: [2, 2] }, from: ['a', 'b'], id: 'ab' },
      { type: 'Dot', params: { axes: [1, 1], normalize: true }, from: ['ab', 'v'], id: 'abv' },
      { type: 'Dot', params: { axes: [1, 1] }, from: ['v', 'a'], id: 'va' },
      { type: 'Dot', params: { axes: [-1, -1], normalize: true }, from: ['va', 'w'], id: 'vaw' },
      { type: 'Concatenate', from: ['abv', 'vaw'] },
    ]),
  },
  {
    name: 'batch and layer normalization',
    graph: buildGraph([
      { type: 'Input', params: { shape: [5, 4, 3] } },
      { type: 'BatchNormalization' },
      { type: 'BatchNormalization', params: { axis: 3, center: false, epsilon: 0.01 } },
      { type: 'LayerNormalization', params: { axis: [2, 1] } },
      { type: 'LayerNormalization', params: { axis: [-1], scale: false } },
      { type: 'Conv2D', params: { filters: 2, kernel_size: [2, 2] } },
      { type: 'BatchNormalization', params: { trainable: false } },
    ]),
    train: true,
  },
  {
    // tfjs 4.22's CPU batchNorm kernel cycles mean/variance over the flat values, i.e. always
    // along the last axis, so BatchNormalization on another axis is wrong there. tfjs computes
    // the intended function as Permute → BatchNormalization(-1) → Permute back.
    name: 'batch normalization on axis 1',
    graph: buildGraph([
      { type: 'Input', params: { shape: [5, 4, 3] } },
      { type: 'BatchNormalization', name: 'bn', params: { axis: 1, epsilon: 0.01 } },
    ]),
    reference: buildGraph([
      { type: 'Input', params: { shape: [5, 4, 3] } },
      { type: 'Permute', params: { dims: [2, 3, 1] } },
      { type: 'BatchNormalization', name: 'bn', params: { axis: -1, epsilon: 0.01 } },
      { type: 'Permute', params: { dims: [3, 1, 2] } },
    ]),
    train: true,
  },
];

pytorchFamily('PyTorch export: merges and normalization', CASES, 11);

