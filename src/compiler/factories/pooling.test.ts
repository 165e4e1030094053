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
  it('every pooling configuration runs', () => {
    forward('MaxPooling2D', [9, 7, 3], { pool_size: [3, 3], strides: [2, 1], padding: 'same' });
    forward('AveragePooling2D', [9, 7, 3], {});
    forward('MaxPooling1D', [9, 2], { pool_size: [3], strides: [2] });
    forward('AveragePooling1D', [9, 2], { padding: 'same' });
    for (const keepdims of [false, true]) {
      forward('GlobalAveragePooling2D', [5, 4, 3], { keepdims });
      forward('GlobalMaxPooling2D', [5, 4, 3], { keepdims });
      forward('GlobalAveragePooling1D', [6, 2], { keepdims });
      forward('GlobalMaxPooling1D', [6, 2], { keepdims });
    }
  });
});

describe('MaxPooling2D', () => {
  it('halves the image by default (strides follow the pool size)', () => {
    const r = checkLayer('MaxPooling2D', [[26, 26, 32]], {});
    expect(r.shape).toEqual([null, 13, 13, 32]);
    expect(r.total).toBe(0);
  });
  it('odd sizes: valid floors, same rounds up', () => {
    expect(checkLayer('MaxPooling2D', [[27, 27, 4]], { pool_size: [2, 2] }).shape).toEqual([null, 13, 13, 4]);
    expect(checkLayer('MaxPooling2D', [[27, 27, 4]], { pool_size: [2, 2], padding: 'same' }).shape).toEqual([null, 14, 14, 4]);
  });
  it('explicit strides, overlapping and non-square (Teachable Machine audio)', () => {
    expect(checkLayer('MaxPooling2D', [[42, 225, 8]], { pool_size: [2, 2], strides: [1, 2] }).shape).toEqual([null, 41, 112, 8]);
    expect(checkLayer('MaxPooling2D', [[15, 15, 1]], { pool_size: [3, 3], strides: [2, 2], padding: 'same' }).shape).toEqual([null, 8, 8, 1]);
    expect(checkLayer('MaxPooling2D', [[10, 10, 1]], { pool_size: [3, 3], strides: [1, 1] }).shape).toEqual([null, 8, 8, 1]);
  });
  it('rejects a pool larger than its input, the wrong rank, and a wrong number of strides', () => {
    expectShapeError('MaxPooling2D', [[1, 1, 64]], {}, "pool 2×2 is larger than its 1×1 input; use a smaller pool size, padding 'same', or a larger input");
    expectShapeError('MaxPooling2D', [[20, 8]], {}, /needs a 4-D input \[batch, height, width, channels\] but receives \[batch, 20, 8\]; use MaxPooling1D for sequence data/);
    expectShapeError('MaxPooling2D', [[8, 8, 1]], { strides: [2, 2, 2] }, /has 3 stride values but needs 2 \(or none, to step by the pool size\)/);
    expectShapeError('MaxPooling2D', [[8, 8, 1]], { strides: [0, 1] }, /Strides has 0, but each value must be at least 1/);
  });
  it('Keras strides: null ↔ empty, an int fills the tuple, tfjs tuples stay', () => {
    expect(toKerasConfig(spec('MaxPooling2D'), defaultParamsFor(spec('MaxPooling2D')))).toMatchObject({ pool_size: [2, 2], strides: null, padding: 'valid', data_format: 'channels_last' });
    expect(fromKerasConfig(spec('MaxPooling2D'), { pool_size: 3, strides: null })).toMatchObject({ pool_size: [3, 3], strides: [] });
    expect(fromKerasConfig(spec('MaxPooling2D'), { pool_size: [3, 3], strides: 1 })).toMatchObject({ strides: [1, 1] });
    expect(fromKerasConfig(spec('MaxPooling2D'), { pool_size: [2, 2], padding: 'valid', strides: [1, 2], data_format: 'channels_last' })).toEqual({
      pool_size: [2, 2],
      strides: [1, 2],
      padding: 'valid',
    });
    expect(specForKerasClass('MaxPool2D')?.type).toBe('MaxPooling2D');
  });
  it('refuses an imported channels_first pool', () => {
    const params = fromKerasConfig(spec('MaxPooling2D'), { pool_size: [2, 2], data_format: 'channels_first' });
    const errors = analyzeGraph(singleLayerGraph('MaxPooling2D', [[3, 32, 32]], params)).errors.map((e) => e.message);
    expect(errors.join('\n')).toMatch(/MaxPooling2D 'layer_under_test' uses data_format 'channels_first'/);
  });
  it('summary shows strides only when they differ from the pool', () => {
    expect(summary('MaxPooling2D', {})).toBe('2×2');
    expect(summary('MaxPooling2D', { strides: [2, 2] })).toBe('2×2');
    expect(summary('MaxPooling2D', { pool_size: [3, 3], strides: [2, 2], padding: 'same' })).toBe('3×3 · stride 2 · same');
  });
});

describe('AveragePooling2D', () => {
  it('pools and averages', () => {
    expect(checkLayer('AveragePooling2D', [[32, 16, 3]], { pool_size: [4, 2] }).shape).toEqual([null, 8, 8, 3]);
    expect(checkLayer('AveragePooling2D', [[7, 7, 3]], { pool_size: [3, 3], strides: [1, 1], padding: 'same' }).shape).toEqual([null, 7, 7, 3]);
  });
  it('computes the mean in tfjs', () => {
    const model = compile(singleLayerGraph('AveragePooling2D', [[2, 2, 1]], {}));
    const y = model.predict(tf.tensor4d([1, 2, 3, 6], [1, 2, 2, 1])) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([3]);
    model.dispose();
  });
  it('errors and alias', () => {
    expectShapeError('AveragePooling2D', [[3, 10, 1]], { pool_size: [4, 4] }, 'pool 4×4 is larger than its 3×10 input');
    expect(specForKerasClass('AvgPool2D')?.type).toBe('AveragePooling2D');
  });
});

describe('MaxPooling1D / AveragePooling1D', () => {
  it('MaxPooling1D halves a sequence; char-CNN pool 12', () => {
    expect(checkLayer('MaxPooling1D', [[50, 8]], {}).shape).toEqual([null, 25, 8]);
    expect(checkLayer('MaxPooling1D', [[100, 32]], { pool_size: [12], strides: [12] }).shape).toEqual([null, 8, 32]);
    expect(checkLayer('MaxPooling1D', [[50, 8]], { strides: [1] }).shape).toEqual([null, 49, 8]);
  });
  it('AveragePooling1D with same padding and a free length', () => {
    expect(checkLayer('AveragePooling1D', [[7, 3]], { padding: 'same' }).shape).toEqual([null, 4, 3]);
    expect(checkLayer('AveragePooling1D', [[-1, 3]], { pool_size: [3] }).shape).toEqual([null, null, 3]);
  });
  it('reads Keras 1-D tuples and ints', () => {
    expect(fromKerasConfig(spec('MaxPooling1D'), { strides: [2], pool_size: [2], padding: 'valid', data_format: 'channels_last' })).toEqual({
      pool_size: [2],
      strides: [2],
      padding: 'valid',
    });
    expect(fromKerasConfig(spec('AveragePooling1D'), { pool_size: 4, strides: 2 })).toMatchObject({ pool_size: [4], strides: [2] });
  });
  it('rejects images and short sequences', () => {
    expectShapeError('MaxPooling1D', [[28, 28, 1]], {}, /use MaxPooling2D for images/);
    expectShapeError('AveragePooling1D', [[16]], {}, /needs a 3-D input \[batch, steps, channels\] but receives \[batch, 16\]; add a Reshape before it \(to \[16, 1\]/);
    expectShapeError('MaxPooling1D', [[3, 2]], { pool_size: [4] }, 'pool 4 is larger than its 3 input');
  });
});

describe('global pooling', () => {
  it('GlobalAveragePooling2D: one value per channel (MobileNet head)', () => {
    const r = checkLayer('GlobalAveragePooling2D', [[7, 7, 1280]], {});
    expect(r.shape).toEqual([null, 1280]);
    expect(r.total).toBe(0);
  });
  it('keepdims keeps the pooled axes as 1, and tfjs computes it', () => {
    expect(checkLayer('GlobalAveragePooling2D', [[4, 4, 3]], { keepdims: true }).shape).toEqual([null, 1, 1, 3]);
    expect(checkLayer('GlobalMaxPooling2D', [[4, 4, 3]], { keepdims: true }).shape).toEqual([null, 1, 1, 3]);
    expect(checkLayer('GlobalAveragePooling1D', [[10, 16]], { keepdims: true }).shape).toEqual([null, 1, 16]);
    expect(checkLayer('GlobalMaxPooling1D', [[10, 16]], { keepdims: true }).shape).toEqual([null, 1, 16]);
    const model = compile(singleLayerGraph('GlobalMaxPooling2D', [[2, 2, 2]], { keepdims: true }));
    const y = model.predict(tf.tensor4d([1, -1, 5, 0, 2, 7, 3, 4], [1, 2, 2, 2])) as tf.Tensor;
    expect(y.shape).toEqual([1, 1, 1, 2]);
    expect(Array.from(y.dataSync())).toEqual([5, 7]);
    model.dispose();
  });
  it('1-D and max variants', () => {
    expect(checkLayer('GlobalAveragePooling1D', [[-1, 16]], {}).shape).toEqual([null, 16]);
    expect(checkLayer('GlobalMaxPooling1D', [[10, 4]], {}).shape).toEqual([null, 4]);
    expect(checkLayer('GlobalMaxPooling2D', [[5, 9, 6]], {}).shape).toEqual([null, 6]);
  });
  it('reads tfjs configs without keepdims and Keras 3 ones with it', () => {
    expect(fromKerasConfig(spec('GlobalAveragePooling2D'), { data_format: 'channels_last' })).toEqual({ keepdims: false });
    expect(fromKerasConfig(spec('GlobalMaxPooling1D'), { data_format: 'channels_last', keepdims: true })).toEqual({ keepdims: true });
    expect(specForKerasClass('GlobalAvgPool2D')?.type).toBe('GlobalAveragePooling2D');
    expect(summary('GlobalAveragePooling2D', {})).toBe('');
    expect(summary('GlobalAveragePooling2D', { keepdims: true })).toBe('keepdims');
  });
  it('points to the variant that fits the rank', () => {
    expectShapeError('GlobalAveragePooling2D', [[10, 16]], {}, /use GlobalAveragePooling1D for sequence data/);
    expectShapeError('GlobalMaxPooling1D', [[7, 7, 3]], {}, /use GlobalMaxPooling2D for images/);
    expectShapeError('GlobalMaxPooling2D', [[64]], {}, /receives \[batch, 64\]; add a Reshape before it or use GlobalMaxPooling1D/);
  });
});
