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
    );
    const plain = batchInputs({ split: data, inputShape: shape, inputDtype: 'float32' }, order, 0, 3);
    const b = mulberry32(7);
    const expected = augmentBatch(plain.dataSync() as Float32Array, 3, shape, config, b);
    expect(Array.from(got.dataSync())).toEqual(Array.from(expected));
    expect(Array.from(got.dataSync())).not.toEqual(Array.from(plain.dataSync()));
    expect(data.x).toEqual(before);
    tf.dispose([got, plain]);
  });
});
