import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register';
import { relativeError, runOn, seededValues } from './test-utils';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** Values from {−1, −0.5, 0, 0.5, 1}: pooling windows full of ties. */
function coarse(n: number, seed: number): Float32Array {
  return seededValues(n, seed).map((v) => Math.round(v * 2) / 2);
}

describe('MaxPoolGrad on wasm matches cpu, ties included', () => {
  it.each([
    [2, 2, 'valid'],
    [2, 2, 'same'],
    [3, 2, 'same'],
    [3, 1, 'valid'],
    [2, 1, 'same'],
  ] as const)('pool %i, stride %i, %s', async (pool, stride, pad) => {
    const x = coarse(2 * 9 * 7 * 3, 71);
    const f = () => {
      const input = tf.tensor4d(x, [2, 9, 7, 3]);
      const shape = tf.maxPool(input, pool, stride, pad).shape;
      const r = tf.tensor(
        seededValues(
          shape.reduce((p, d) => p * d, 1),
          72,
        ),
        shape,
      );
      return [tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, pool, stride, pad), r)))(input)];
    };
    const [wasm] = await runOn('wasm', f);
    const [cpu] = await runOn('cpu', f);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(1e-6);
  });
});

describe('AvgPoolGrad on wasm matches cpu', () => {
  it.each([
    [2, 2, 'valid'],
    [3, 2, 'same'],
    [3, 1, 'same'],
    [2, 3, 'valid'],
  ] as const)('pool %i, stride %i, %s', async (pool, stride, pad) => {
    const f = () => {
      const input = tf.tensor4d(seededValues(2 * 9 * 7 * 3, 81), [2, 9, 7, 3]);
      const shape = tf.avgPool(input, pool, stride, pad).shape;
      const r = tf.tensor(
        seededValues(
          shape.reduce((p, d) => p * d, 1),
          82,
        ),
        shape,
      );
      return [tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, pool, stride, pad), r)))(input)];
    };
    const [wasm] = await runOn('wasm', f);
    const [cpu] = await runOn('cpu', f);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(1e-6);
  });
});

describe('transposed MatMuls on wasm match cpu', () => {
  it.each([
    [false, true],
    [true, false],
    [true, true],
  ] as const)('BatchMatMul transposeA %s, transposeB %s, batched, with gradients', async (ta, tb) => {
    const f = () => {
      const a = tf.tensor3d(seededValues(2 * 5 * 4, 73), ta ? [2, 4, 5] : [2, 5, 4]);
      const b = tf.tensor3d(seededValues(2 * 4 * 6, 74), tb ? [2, 6, 4] : [2, 4, 6]);
      const y = tf.matMul(a, b, ta, tb);
      const r = tf.tensor3d(seededValues(2 * 5 * 6, 75), [2, 5, 6]);
      const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) =>
        tf.sum(tf.mul(tf.matMul(p as tf.Tensor3D, q as tf.Tensor3D, ta, tb), r)),
      )([a, b]);
      return [y, da!, db!];
    };
    const wasm = await runOn('wasm', f);
    const cpu = await runOn('cpu', f);
    for (let i = 0; i < 3; i++) expect(relativeError(wasm[i]!, cpu[i]!)).toBeLessThan(1e-6);
  });

  it('fused MatMul (bias + relu) with a transposed operand, and its gradients', async () => {
    const f = () => {
      const a = tf.tensor2d(seededValues(7 * 5, 76), [7, 5]);
      const b = tf.tensor2d(seededValues(3 * 5, 77), [3, 5]);
      const bias = tf.tensor1d(seededValues(3, 78));
      const r = tf.tensor2d(seededValues(7 * 3, 79), [7, 3]);
      const y = tf.fused.matMul({ a, b, transposeB: true, bias, activation: 'relu' });
      const grads = tf.grads((p: tf.Tensor, q: tf.Tensor, c: tf.Tensor) =>
        tf.sum(
          tf.mul(
            tf.fused.matMul({
              a: p as tf.Tensor2D,
              b: q as tf.Tensor2D,
              transposeB: true,
              bias: c,
              activation: 'relu',
            }),
            r,
          ),
        ),
      )([a, b, bias]);
      return [y, ...grads];
    };
    const wasm = await runOn('wasm', f);
    const cpu = await runOn('cpu', f);
    expect(wasm.length).toBe(4);
    for (let i = 0; i < 4; i++) expect(relativeError(wasm[i]!, cpu[i]!)).toBeLessThan(1e-6);
  });
});

describe('Identity (clone) on wasm', () => {
  it('shares data instead of copying, and the clone outlives the original', async () => {
    await tf.setBackend('wasm');
    const backend = tf.engine().backend;
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const ids = backend.numDataIds();
    const b = tf.clone(a);
    expect(backend.numDataIds()).toBe(ids); // no new buffer
    a.dispose();
    expect(Array.from(await b.data())).toEqual([1, 2, 3, 4]);
    expect(b.shape).toEqual([2, 2]);
    b.dispose();
    expect(backend.numDataIds()).toBe(ids - 1); // the shared buffer is freed with its last user
  });
});
