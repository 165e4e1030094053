import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { defaultParamsFor, getSpec } from '../../model/registry';
import { compile } from '../compile';
import { checkLayer, expectShapeError, singleLayerGraph } from '../layer-check';

const spec = (type: string) => getSpec(type)!;

describe('Flatten', () => {
  it('multiplies out every axis after the batch', () => {
    const r = checkLayer('Flatten', [[28, 28, 1]]);
    expect(r.shape).toEqual([null, 784]);
    expect(r.total).toBe(0);
    expect(checkLayer('Flatten', [[5, 7]]).shape).toEqual([null, 35]);
    expect(checkLayer('Flatten', [[2, 3, 4, 5]]).shape).toEqual([null, 120]);
  });
  it('writes data_format and flags an imported channels_first', () => {
    expect(toKerasConfig(spec('Flatten'), {})).toEqual({ data_format: 'channels_last' });
    const p = fromKerasConfig(spec('Flatten'), { data_format: 'channels_first' });
    expectShapeError('Flatten', [[3, 8, 8]], p, /uses data_format 'channels_first'/);
    expect(fromKerasConfig(spec('Flatten'), { data_format: 'channels_last' })).toEqual({});
  });
  it('rejects an input that is already flat, or of unknown size', () => {
    expectShapeError(
      'Flatten',
      [[64]],
      {},
      /Flatten 'layer_under_test' receives \[batch, 64\], which is already flat; remove this Flatten/,
    );
    expectShapeError(
      'Flatten',
      [[-1, 8]],
      {},
      /needs every size known.*receives \[batch, \?, 8\]; give the Input a fixed shape/,
    );
  });
});

describe('Reshape', () => {
  it('784 values into a 28×28×1 image', () => {
    const r = checkLayer('Reshape', [[784]], { target_shape: [28, 28, 1] });
    expect(r.shape).toEqual([null, 28, 28, 1]);
    expect(r.total).toBe(0);
  });
  it('works out one -1 from the rest', () => {
    expect(checkLayer('Reshape', [[20]]).shape).toEqual([null, 20, 1]); // default target [-1, 1]
    expect(checkLayer('Reshape', [[4, 6]], { target_shape: [-1] }).shape).toEqual([null, 24]);
    expect(checkLayer('Reshape', [[12]], { target_shape: [3, -1, 2] }).shape).toEqual([null, 3, 2, 2]);
  });
  it('gives the next layer the worked-out size (tfjs alone would leave it unknown)', () => {
    const base = singleLayerGraph('Reshape', [[4, 6]], { target_shape: [-1] });
    const dense = {
      id: 'dense',
      type: 'Dense',
      name: 'dense',
      params: { ...defaultParamsFor(spec('Dense')), units: 3 },
      position: { x: 0, y: 0 },
    };
    const graph = {
      nodes: [...base.nodes, dense],
      edges: [...base.edges, { id: 'e_dense', source: 'layer', target: 'dense' }],
    };
    const model = compile(graph);
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    expect(model.countParams()).toBe(24 * 3 + 3);
    model.dispose();
  });
  it('leaves the -1 unknown when the input length is free', () => {
    expect(checkLayer('Reshape', [[-1, 4]], { target_shape: [-1, 2, 2] }).shape).toEqual([null, null, 2, 2]);
  });
  it('moves the values in row-major order', () => {
    const model = compile(singleLayerGraph('Reshape', [[6]], { target_shape: [2, 3] }));
    const out = tf.tidy(() => (model.predict(tf.tensor([[1, 2, 3, 4, 5, 6]])) as tf.Tensor).arraySync());
    model.dispose();
    expect(out).toEqual([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ]);
  });
  it('says both counts when they differ', () => {
    expectShapeError(
      'Reshape',
      [[28, 28]],
      { target_shape: [10, 10] },
      /cannot reshape \[batch, 28, 28\] \(784 values per sample\) to target shape \[10, 10\] \(100 values\)/,
    );
    expectShapeError(
      'Reshape',
      [[10]],
      { target_shape: [-1, 3] },
      /\(10 values per sample\).*10 is not a multiple of 3/,
    );
  });
  it('rejects two -1s, a 0 and sizes below -1', () => {
    expectShapeError('Reshape', [[12]], { target_shape: [-1, -1] }, /has -1 2 times in its target shape \[-1, -1\]/);
    expectShapeError('Reshape', [[12]], { target_shape: [0, 12] }, /has size 0 at position 1 of its target shape/);
    expectShapeError(
      'Reshape',
      [[12]],
      { target_shape: [-2, 6] },
      /Target shape has -2, but each value must be at least -1/,
    );
    expectShapeError('Reshape', [[12]], { target_shape: [] }, /Target shape needs at least 1 value/);
  });
  it('summary and Keras config', () => {
    expect(spec('Reshape').summary({ target_shape: [-1, 1] })).toBe('auto×1');
    expect(toKerasConfig(spec('Reshape'), { target_shape: [7, 7, 16] })).toEqual({ target_shape: [7, 7, 16] });
  });
});

describe('Permute', () => {
  it('swaps the two axes of a sequence', () => {
    const r = checkLayer('Permute', [[10, 8]], { dims: [2, 1] });
    expect(r.shape).toEqual([null, 8, 10]);
    expect(r.total).toBe(0);
  });
  it('reorders three axes, keeping a free length', () => {
    expect(checkLayer('Permute', [[4, 5, 6]], { dims: [3, 1, 2] }).shape).toEqual([null, 6, 4, 5]);
    expect(checkLayer('Permute', [[-1, 5]], { dims: [2, 1] }).shape).toEqual([null, 5, null]);
  });
  it('moves the values', () => {
    const model = compile(singleLayerGraph('Permute', [[2, 3]], { dims: [2, 1] }));
    const out = tf.tidy(() =>
      (
        model.predict(
          tf.tensor([
            [
              [1, 2, 3],
              [4, 5, 6],
            ],
          ]),
        ) as tf.Tensor
      ).arraySync(),
    );
    model.dispose();
    expect(out).toEqual([
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
    ]);
  });
  it('rejects dims that are not an order of the axes', () => {
    expectShapeError(
      'Permute',
      [[28, 28, 1]],
      { dims: [2, 1] },
      /dims \[2, 1\].*4-D input \[batch, 28, 28, 1\]; list each of 1, 2, 3 exactly once.*e\.g\. \[2, 1, 3\]/,
    );
    expectShapeError('Permute', [[4, 5]], { dims: [1, 1] }, /dims \[1, 1\], which is not an order/);
    expectShapeError('Permute', [[4, 5]], { dims: [0, 1] }, /Axis order has 0, but each value must be at least 1/);
  });
});

describe('RepeatVector', () => {
  it('repeats a vector n times into a sequence', () => {
    const r = checkLayer('RepeatVector', [[16]], { n: 5 });
    expect(r.shape).toEqual([null, 5, 16]);
    expect(r.total).toBe(0);
    expect(checkLayer('RepeatVector', [[1]]).shape).toEqual([null, 3, 1]);
  });
  it('needs a 2-D input', () => {
    expectShapeError(
      'RepeatVector',
      [[4, 16]],
      { n: 2 },
      /needs a 2-D input \[batch, features\] but receives \[batch, 4, 16\]; add a Flatten/,
    );
    expectShapeError('RepeatVector', [[16]], { n: 0 }, /Repeats must be at least 1/);
  });
  it('Keras config', () => {
    expect(toKerasConfig(spec('RepeatVector'), { n: 4 })).toEqual({ n: 4 });
    expect(fromKerasConfig(spec('RepeatVector'), { n: 9 })).toEqual({ n: 9 });
  });
});
