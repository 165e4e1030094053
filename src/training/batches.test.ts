import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { augmentBatch, NO_AUGMENT } from '../data/augment';
import { batchInputs } from './batches';
import { mulberry32 } from '../data/random';

const split = (n: number, d: number) => ({
  n,
  x: Float32Array.from({ length: n * d }, (_, i) => (i % 17) / 17),
  y: new Float32Array(n),
});

describe('batchInputs', () => {
  it('augments training images with the given seeded stream, never touching the split', async () => {
    await tf.setBackend('cpu');
    const shape = [4, 4, 1];
    const data = split(3, 16);
    const before = data.x.slice();
    const order = Uint32Array.from([2, 0, 1]);
    const config = { ...NO_AUGMENT, flip: true, brightness: true };
    const a = mulberry32(7);
    const got = batchInputs(
      { split: data, inputShape: shape, inputDtype: 'float32', augment: { config, rng: a } },
      order,
      0,
      3,
    ) as tf.Tensor;
    const plain = batchInputs({ split: data, inputShape: shape, inputDtype: 'float32' }, order, 0, 3) as tf.Tensor;
    const b = mulberry32(7);
    const expected = augmentBatch(plain.dataSync() as Float32Array, 3, shape, config, b);
    expect(Array.from(got.dataSync())).toEqual(Array.from(expected));
    expect(Array.from(got.dataSync())).not.toEqual(Array.from(plain.dataSync()));
    expect(data.x).toEqual(before);
    tf.dispose([got, plain]);
  });

  it('slices each row into one tensor per Input, in the model’s Input order, with its dtype', async () => {
    await tf.setBackend('cpu');
    // Rows are [user, item, f0, f1]; the model lists its Inputs as features, item, user.
    const data = {
      n: 3,
      x: Float32Array.from([1, 10, 0.5, 0.25, 2, 20, 1.5, 1.25, 3, 30, 2.5, 2.25]),
      y: new Float32Array(3),
    };
    const slices = [
      { name: 'features', offset: 2, size: 2, shape: [2], dtype: 'float32' as const },
      { name: 'item', offset: 1, size: 1, shape: [1], dtype: 'int32' as const },
      { name: 'user', offset: 0, size: 1, shape: [1], dtype: 'int32' as const },
    ];
    const got = batchInputs(
      { split: data, inputShape: [4], inputDtype: 'float32', slices },
      Uint32Array.from([2, 0]),
      0,
      2,
    ) as tf.Tensor[];
    expect(got.map((t) => t.shape)).toEqual([
      [2, 2],
      [2, 1],
      [2, 1],
    ]);
    expect(got.map((t) => t.dtype)).toEqual(['float32', 'int32', 'int32']);
    expect(got.map((t) => Array.from(t.dataSync()))).toEqual([
      [2.5, 2.25, 0.5, 0.25],
      [30, 10],
      [3, 1],
    ]);
    tf.dispose(got);
  });
});
