import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register';
import { foldedTiles, tileGradConfig } from './tile-grad';
import { relativeError, runOn, seededValues } from './test-utils';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

const size = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

describe('Tile on wasm matches cpu, with its gradient', () => {
  it.each([
    [
      [1, 1, 5],
      [3, 4, 1],
    ],
    [
      [3, 4, 1],
      [1, 1, 5],
    ],
    [
      [2, 3],
      [2, 2],
    ],
    [[4], [3]],
    [
      [2, 1, 3, 2],
      [1, 3, 2, 2],
    ],
    [
      [2, 3, 1],
      [1, 1, 1],
    ],
  ])('x %j tiled by %j', async (shape, reps) => {
    const f = () => {
      const x = tf.tensor(seededValues(size(shape), 91), shape);
      const y = tf.tile(x, reps);
      const r = tf.tensor(seededValues(size(y.shape), 92), y.shape);
      const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.tile(t, reps), r)))(x);
      return [y, dx];
    };
    const wasm = await runOn('wasm', f);
    const cpu = await runOn('cpu', f);
    expect(wasm[0]!.length).toBe(size(shape) * size(reps));
    expect(relativeError(wasm[0]!, cpu[0]!)).toBe(0);
    expect(relativeError(wasm[1]!, cpu[1]!)).toBeLessThan(1e-6);
  });

  it('int32 tiles too', async () => {
    await tf.setBackend('wasm');
    const y = tf.tile(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), [1, 2]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(await y.data())).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    y.dispose();
  });

  it('folds the view of dY to the fewest axes (a 4-D LayerNormalization gain: rank 2, not 8)', () => {
    expect(foldedTiles([1, 1, 1, 8], [4, 3, 3, 1])).toEqual({ shape: [36, 8], axes: [0] });
    expect(foldedTiles([2, 3], [2, 2])).toEqual({ shape: [2, 2, 2, 3], axes: [0, 2] });
    expect(foldedTiles([2, 1, 3, 2], [1, 3, 2, 2])).toEqual({ shape: [2, 6, 3, 2, 2], axes: [1, 3] });
    expect(foldedTiles([2, 3, 1], [1, 1, 1])).toEqual({ shape: [6], axes: [] });
  });

  it.each([
    [
      [1, 1, 1, 5],
      [2, 3, 4, 1],
    ],
    [
      [2, 1, 3, 2],
      [1, 3, 2, 2],
    ],
    [
      [3, 2],
      [2, 3],
    ],
  ])('the gradient of x %j tiled by %j is each element’s sum over its copies', async (shape, reps) => {
    await tf.setBackend('cpu');
    const yShape = shape.map((s, i) => s * reps[i]!);
    const dy = tf.tensor(seededValues(size(yShape), 94), yShape);
    const ours = tileGradConfig.gradFunc(dy, [tf.zeros(shape)], { reps } as unknown as tf.NamedAttrMap)
      .x!() as tf.Tensor;
    const g = await dy.data();
    const expected = new Float64Array(size(shape));
    for (let j = 0; j < g.length; j++) {
      // y's index j, digit by digit (row-major), each coordinate taken modulo x's size on that axis.
      let rest = j;
      let at = 0;
      let stride = 1;
      for (let a = yShape.length - 1; a >= 0; a--) {
        at += ((rest % yShape[a]!) % shape[a]!) * stride;
        rest = Math.floor(rest / yShape[a]!);
        stride *= shape[a]!;
      }
      expected[at] = expected[at]! + g[j]!;
    }
    expect(ours.shape).toEqual(shape);
    expect(relativeError(await ours.data(), Array.from(expected))).toBeLessThan(1e-5);
  });

  it('the gradient is the per-tile sum that tfjs computes with slices', async () => {
    await tf.setBackend('cpu');
    const shape = [2, 1, 3];
    const reps = [2, 4, 1];
    const dy = tf.tensor(seededValues(size(shape) * size(reps), 93), [4, 4, 3]);
    const x = tf.zeros(shape);
    const ours = tileGradConfig.gradFunc(dy, [x], { reps } as unknown as tf.NamedAttrMap).x!() as tf.Tensor;
    // By hand: x[i, 0, k] gathers dy[i + 2a, b, k] for a < 2, b < 4.
    const d = (await dy.array()) as number[][][];
    const expected: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 3; k++) {
        let s = 0;
        for (let a = 0; a < 2; a++) for (let b = 0; b < 4; b++) s += d[i + 2 * a]![b]![k]!;
        expected.push(s);
      }
    expect(ours.shape).toEqual(shape);
    expect(relativeError(await ours.data(), expected)).toBeLessThan(1e-6);
  });
});

describe('batched MatMul on wasm (one XNNPACK call per matrix) matches cpu', () => {
  it.each([
    [[3, 2, 5, 4], [3, 2, 4, 6], false, false],
    [[3, 2, 5, 4], [3, 2, 6, 4], false, true],
    [[3, 4, 5], [3, 4, 6], true, false],
  ] as const)('a %j · b %j, transposeA %s, transposeB %s, with gradients', async (as, bs, ta, tb) => {
    const f = () => {
      const a = tf.tensor(seededValues(size([...as]), 94), [...as]);
      const b = tf.tensor(seededValues(size([...bs]), 95), [...bs]);
      const y = tf.matMul(a, b, ta, tb);
      const r = tf.tensor(seededValues(size(y.shape), 96), y.shape);
      const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.matMul(p, q, ta, tb), r)))([a, b]);
      return [y, da!, db!];
    };
    const wasm = await runOn('wasm', f);
    const cpu = await runOn('cpu', f);
    for (let i = 0; i < 3; i++) expect(relativeError(wasm[i]!, cpu[i]!)).toBeLessThan(1e-6);
  });

  it('a shared right operand [1, k, n] (forward: tfjs has no gradient for a broadcast batch)', async () => {
    const f = () => [
      tf.matMul(tf.tensor3d(seededValues(4 * 5 * 4, 99), [4, 5, 4]), tf.tensor3d(seededValues(24, 100), [1, 4, 6])),
    ];
    const [wasm] = await runOn('wasm', f);
    const [cpu] = await runOn('cpu', f);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(1e-6);
  });

  it('frees the per-matrix views: no tensor or buffer left behind', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor3d(seededValues(4 * 3 * 2, 97), [4, 3, 2]);
    const b = tf.tensor3d(seededValues(4 * 2 * 5, 98), [4, 2, 5]);
    const ids = tf.engine().backend.numDataIds();
    const y = tf.matMul(a, b);
    expect(tf.engine().backend.numDataIds()).toBe(ids + 1);
    tf.dispose([a, b, y]);
  });
});
