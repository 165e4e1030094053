import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register';
import { relativeError, runOn, seededValues } from './test-utils';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('UnsortedSegmentSum on wasm', () => {
  it('sums rows per segment, repeated ids included, and skips ids out of range like cpu', async () => {
    const f = () => [
      tf.unsortedSegmentSum(tf.tensor2d(seededValues(6 * 4, 31), [6, 4]), tf.tensor1d([2, 0, 2, 5, -1, 1], 'int32'), 4),
    ];
    const [wasm] = await runOn('wasm', f);
    const [cpu] = await runOn('cpu', f);
    expect(Array.from(wasm!)).toEqual(Array.from(cpu!));
    const x = seededValues(6 * 4, 31);
    expect(wasm![2 * 4 + 1]).toBeCloseTo(x[0 * 4 + 1]! + x[2 * 4 + 1]!, 6);
    expect(Array.from(wasm!.slice(3 * 4, 4 * 4))).toEqual([0, 0, 0, 0]); // only id 5 (out of range) pointed there
  });

  it('gives the Embedding (gather) gradient, int32 data included', async () => {
    const f = () => {
      const table = tf.tensor2d(seededValues(10 * 3, 32), [10, 3]);
      const ids = tf.tensor2d([1, 4, 4, 9, 0, 1], [2, 3], 'int32');
      const r = tf.tensor(seededValues(2 * 3 * 3, 33), [2, 3, 3]);
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), r)))(table);
      const ints = tf.unsortedSegmentSum(
        tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'),
        tf.tensor1d([1, 1, 0], 'int32'),
        2,
      );
      return [grad, tf.cast(ints, 'float32')];
    };
    const wasm = await runOn('wasm', f);
    const cpu = await runOn('cpu', f);
    expect(relativeError(wasm[0]!, cpu[0]!)).toBeLessThan(1e-6);
    expect(Array.from(wasm[1]!)).toEqual([5, 6, 4, 6]);
  });
});
