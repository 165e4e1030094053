import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { getSpec } from '../../model/registry';
import { checkLayer, expectShapeError } from '../layer-check';
import { SubtractLayer } from './merge';

describe('Concatenate', () => {
  it('joins on the last axis by default', () => {
    const r = checkLayer('Concatenate', [[8], [5], [3]]);
    expect(r.shape).toEqual([null, 16]);
    expect(r.total).toBe(0);
  });
  it('joins feature maps on the channel axis', () => {
    expect(checkLayer('Concatenate', [[16, 16, 8], [16, 16, 4]], { axis: 3 }).shape).toEqual([null, 16, 16, 12]);
  });
  it('joins sequences on the time axis', () => {
    expect(checkLayer('Concatenate', [[10, 6], [4, 6]], { axis: 1 }).shape).toEqual([null, 14, 6]);
    expect(checkLayer('Concatenate', [[10, 6], [4, 6]], { axis: -2 }).shape).toEqual([null, 14, 6]);
  });
  it('an unknown length on the axis makes the result unknown', () => {
    expect(checkLayer('Concatenate', [[-1, 6], [4, 6]], { axis: 1 }).shape).toEqual([null, null, 6]);
  });
  it('names both shapes and the axis on a mismatch', () => {
    expectShapeError('Concatenate', [[16, 16, 8], [8, 8, 4]], {}, /cannot join \[batch, 16, 16, 8\] and \[batch, 8, 8, 4\] along axis -1/);
    expectShapeError('Concatenate', [[10, 6], [10, 7]], { axis: 1 }, /cannot join \[batch, 10, 6\] and \[batch, 10, 7\] along axis 1/);
    expectShapeError('Concatenate', [[10, 6], [60]], {}, /cannot join \[batch, 10, 6\] and \[batch, 60\]/);
  });
  it('rejects the batch axis and out-of-range axes', () => {
    expectShapeError('Concatenate', [[4], [4]], { axis: 0 }, /axis 0: that is the batch dimension/);
    expectShapeError('Concatenate', [[4], [4]], { axis: 2 }, /axis 2, which is out of range for its 2-D input/);
  });
  it('needs two inputs', () => {
    expectShapeError('Concatenate', [[4]], {}, /needs at least 2 inputs/);
  });
});

describe('element-wise merges', () => {
  for (const type of ['Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Subtract']) {
    it(`${type}: equal shapes`, () => {
      const r = checkLayer(type, [[4, 4, 8], [4, 4, 8]]);
      expect(r.shape).toEqual([null, 4, 4, 8]);
      expect(r.total).toBe(0);
    });
    it(`${type}: broadcasts a size of 1 and a lower rank as tfjs does`, () => {
      expect(checkLayer(type, [[3, 4], [1, 4]]).shape).toEqual([null, 3, 4]);
      expect(checkLayer(type, [[3, 4], [4]]).shape).toEqual([null, 3, 4]);
    });
    it(`${type}: names the clashing shapes`, () => {
      expectShapeError(type, [[4], [5]], {}, /cannot combine \[batch, 4\] and \[batch, 5\] element-wise: axis -1 has sizes 4 and 5/);
    });
  }
  it('takes many inputs, and finds the clash in the third', () => {
    expect(checkLayer('Add', [[6], [6], [6], [6]]).shape).toEqual([null, 6]);
    expectShapeError('Maximum', [[2, 6], [2, 6], [3, 6]], {}, /axis -2 has sizes 2 and 3/);
  });
  it('Subtract takes exactly two inputs', () => {
    expectShapeError('Subtract', [[4], [4], [4]], {}, /takes at most 2 inputs but 3 are connected/);
    expect(getSpec('Subtract')!.inputs).toEqual({ min: 2, max: 2 });
  });
  it('Subtract computes a - b with Keras broadcasting', () => {
    const layer = new SubtractLayer({ name: 'sub' });
    const out = layer.apply([tf.tensor2d([[5, 7, 9]]), tf.tensor1d([1]).reshape([1, 1])]) as tf.Tensor;
    expect(Array.from(out.dataSync())).toEqual([4, 6, 8]);
    const rank3 = layer.apply([tf.ones([2, 3, 4]), tf.ones([2, 4])]) as tf.Tensor;
    expect(rank3.shape).toEqual([2, 3, 4]);
  });
});

describe('Dot', () => {
  it('two vectors give one number per sample', () => {
    const r = checkLayer('Dot', [[16], [16]]);
    expect(r.shape).toEqual([null, 1]);
    expect(r.total).toBe(0);
  });
  it('cosine similarity of two vectors', () => {
    expect(checkLayer('Dot', [[16], [16]], { axes: [1, 1], normalize: true }).shape).toEqual([null, 1]);
  });
  it('attention scores: sequences on their feature axes', () => {
    expect(checkLayer('Dot', [[5, 8], [7, 8]], { axes: [2, 2] }).shape).toEqual([null, 5, 7]);
    expect(checkLayer('Dot', [[5, 8], [5, 6]], { axes: [1, 1] }).shape).toEqual([null, 8, 6]);
  });
  it('mixed ranks and different axes', () => {
    expect(checkLayer('Dot', [[5, 8], [8]], { axes: [2, 1] }).shape).toEqual([null, 5]);
    expect(checkLayer('Dot', [[8], [5, 8]], { axes: [-1, -1] }).shape).toEqual([null, 5]);
  });
  it('writes one int when both axes agree, a pair otherwise, and reads both', () => {
    const spec = getSpec('Dot')!;
    expect(toKerasConfig(spec, { axes: [-1, -1], normalize: false }).axes).toBe(-1);
    expect(toKerasConfig(spec, { axes: [1, 2], normalize: false }).axes).toEqual([1, 2]);
    expect(fromKerasConfig(spec, { axes: 2, normalize: true })).toEqual({ axes: [2, 2], normalize: true });
  });
  it('rejects mismatched sizes, high ranks and the batch axis', () => {
    expectShapeError('Dot', [[16], [8]], {}, /axis -1 of the first has size 16 but axis -1 of the second has 8/);
    expectShapeError('Dot', [[4, 4, 3], [4, 4, 3]], {}, /only 2-D \[batch, features\] or 3-D/);
    expectShapeError('Dot', [[4], [4]], { axes: [0, 0] }, /batch dimension/);
    expectShapeError('Dot', [[4], [4], [4]], {}, /at most 2 inputs/);
  });
});
