import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Params } from '../../model/graph';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { defaultParamsFor, getSpec } from '../../model/registry';
import { compile } from '../compile';
import { checkLayer, expectShapeError, singleLayerGraph } from '../layer-check';

const spec = (type: string) => getSpec(type)!;
const summary = (type: string, params: Params) => spec(type).summary({ ...defaultParamsFor(spec(type)), ...params });

/** Runs a one-layer model on a 1×H×W×1 image holding 1, 2, 3, … and returns the H×W output. */
function run(type: string, h: number, w: number, params: Params): number[][] {
  const model = compile(singleLayerGraph(type, [[h, w, 1]], params));
  try {
    const x = tf.range(1, h * w + 1).reshape([1, h, w, 1]);
    const y = model.predict(x) as tf.Tensor;
    return (y.squeeze([0, 3]).arraySync() as number[][]).map((row) => row.map((v) => Math.round(v * 1000) / 1000));
  } finally {
    model.dispose();
  }
}

describe('forward passes in tfjs', () => {
  it('every padding/resizing configuration runs', () => {
    expect(run('ZeroPadding2D', 2, 3, { padding: [0, 2, 1, 0] })).toHaveLength(4);
    expect(run('Cropping2D', 5, 5, { cropping: [1, 1, 2, 0] })).toHaveLength(3);
    const smooth = run('UpSampling2D', 2, 2, { size: [2, 3], interpolation: 'bilinear' });
    expect([smooth.length, smooth[0]!.length]).toEqual([4, 6]);
  });
});

describe('ZeroPadding2D', () => {
  it('adds one pixel on every side by default', () => {
    const r = checkLayer('ZeroPadding2D', [[28, 28, 3]], {});
    expect(r.shape).toEqual([null, 30, 30, 3]);
    expect(r.total).toBe(0);
  });
  it('asymmetric padding lands on the named sides', () => {
    expect(checkLayer('ZeroPadding2D', [[224, 224, 3]], { padding: [0, 1, 0, 1] }).shape).toEqual([null, 225, 225, 3]);
    expect(checkLayer('ZeroPadding2D', [[-1, 5, 2]], { padding: [2, 0, 3, 1] }).shape).toEqual([null, null, 9, 2]);
    // top 1, bottom 0, left 2, right 0
    expect(run('ZeroPadding2D', 2, 2, { padding: [1, 0, 2, 0] })).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 2],
      [0, 0, 3, 4],
    ]);
  });
  it('reads every Keras form and writes the nested one', () => {
    const read = (padding: unknown) => fromKerasConfig(spec('ZeroPadding2D'), { padding, data_format: 'channels_last' }).padding;
    expect(read(2)).toEqual([2, 2, 2, 2]);
    expect(read([1, 3])).toEqual([1, 1, 3, 3]);
    expect(read([[0, 1], [0, 1]])).toEqual([0, 1, 0, 1]);
    expect(read(undefined)).toEqual([1, 1, 1, 1]);
    expect(toKerasConfig(spec('ZeroPadding2D'), { padding: [1, 2, 3, 4] })).toEqual({
      padding: [
        [1, 2],
        [3, 4],
      ],
      data_format: 'channels_last',
    });
  });
  it('summary', () => {
    expect(summary('ZeroPadding2D', {})).toBe('pad 1');
    expect(summary('ZeroPadding2D', { padding: [0, 1, 0, 1] })).toBe('pad ↓1 →1');
  });
  it('rejects a non-image input and negative padding', () => {
    expectShapeError('ZeroPadding2D', [[10, 4]], {}, /needs a 4-D input \[batch, height, width, channels\] but receives \[batch, 10, 4\]; add a Reshape before it/);
    expectShapeError('ZeroPadding2D', [[4, 4, 1]], { padding: [1, -1, 0, 0] }, /Padding has -1, but each value must be at least 0/);
    expectShapeError('ZeroPadding2D', [[4, 4, 1]], { padding: [1, 1] }, /Padding needs exactly 4 values/);
  });
});

describe('Cropping2D', () => {
  it('removes rows and columns', () => {
    const r = checkLayer('Cropping2D', [[28, 28, 3]], { cropping: [2, 2, 4, 4] });
    expect(r.shape).toEqual([null, 24, 20, 3]);
    expect(r.total).toBe(0);
    expect(checkLayer('Cropping2D', [[5, 5, 1]], {}).shape).toEqual([null, 5, 5, 1]);
  });
  it('crops the named sides in tfjs', () => {
    // top 1, bottom 0, left 0, right 2 of a 3×4 image
    expect(run('Cropping2D', 3, 4, { cropping: [1, 0, 0, 2] })).toEqual([
      [5, 6],
      [9, 10],
    ]);
  });
  it('reads Keras forms (int, pair, nested)', () => {
    const read = (cropping: unknown) => fromKerasConfig(spec('Cropping2D'), { cropping }).cropping;
    expect(read(1)).toEqual([1, 1, 1, 1]);
    expect(read([2, 0])).toEqual([2, 2, 0, 0]);
    expect(read([[0, 1], [2, 3]])).toEqual([0, 1, 2, 3]);
  });
  it('keeps at least one row and column', () => {
    expectShapeError('Cropping2D', [[4, 8, 1]], { cropping: [2, 2, 0, 0] }, 'crops 4 rows (top 2 + bottom 2) from a height of 4, leaving nothing; crop fewer than 4 rows in total');
    expectShapeError('Cropping2D', [[4, 8, 1]], { cropping: [0, 0, 5, 5] }, /crops 10 columns \(left 5 \+ right 5\) from a width of 8/);
    expect(checkLayer('Cropping2D', [[-1, 8, 1]], { cropping: [9, 9, 0, 0] }).shape).toEqual([null, null, 8, 1]);
  });
  it('summary', () => {
    expect(summary('Cropping2D', { cropping: [2, 2, 2, 2] })).toBe('crop 2');
    expect(summary('Cropping2D', { cropping: [1, 0, 0, 3] })).toBe('crop ↑1 →3');
  });
});

describe('UpSampling2D', () => {
  it('doubles by default', () => {
    const r = checkLayer('UpSampling2D', [[7, 7, 16]], {});
    expect(r.shape).toEqual([null, 14, 14, 16]);
    expect(r.total).toBe(0);
  });
  it('different factors, bilinear, unknown dims', () => {
    expect(checkLayer('UpSampling2D', [[7, 5, 2]], { size: [2, 3], interpolation: 'bilinear' }).shape).toEqual([null, 14, 15, 2]);
    expect(checkLayer('UpSampling2D', [[-1, 5, 2]], { size: [4, 1] }).shape).toEqual([null, null, 5, 2]);
    expect(run('UpSampling2D', 1, 2, { size: [2, 2] })).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
    ]);
  });
  it('reads a scalar size and refuses interpolations tfjs lacks', () => {
    expect(fromKerasConfig(spec('UpSampling2D'), { size: 3, interpolation: 'bilinear', data_format: 'channels_last' })).toEqual({
      size: [3, 3],
      interpolation: 'bilinear',
    });
    expectShapeError('UpSampling2D', [[4, 4, 1]], { interpolation: 'bicubic' }, /Interpolation must be one of nearest, bilinear/);
  });
  it('summary and rank error', () => {
    expect(summary('UpSampling2D', {})).toBe('×2');
    expect(summary('UpSampling2D', { size: [2, 3], interpolation: 'bilinear' })).toBe('×2×3 · bilinear');
    expectShapeError('UpSampling2D', [[12]], {}, /receives \[batch, 12\]; add a Reshape before it/);
  });
});
