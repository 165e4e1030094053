import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tokenImportance, withoutToken } from './importance';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A classifier that keys on token 5 only: its embedding is 4, every other id's 0; max-pooled over
 * the window, then sigmoid(2·max − 1). With token 5: sigmoid(7); without: sigmoid(−1).
 */
function keysOnFive(length: number): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 8, outputDim: 1, inputShape: [length] }),
      tf.layers.globalMaxPooling1d(),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  model.layers[0]!.setWeights([tf.tensor2d([[0], [0], [0], [0], [0], [4], [0], [0]])]);
  model.layers[2]!.setWeights([tf.tensor2d([[2]]), tf.tensor1d([-1])]);
  return model;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('tokenImportance', () => {
  it('gives the token the model keys on the largest drop, from one predict, leaving no tensor', async () => {
    const model = keysOnFive(8);
    const ids = [1, 5, 2, 3, 0, 0, 0, 0];
    const predict = vi.spyOn(model, 'predict');
    const before = tf.memory().numTensors;
    const { probability, drops } = await tokenImportance(model, ids, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(predict).toHaveBeenCalledTimes(1);
    expect(probability).toBeCloseTo(sigmoid(7), 6);
    expect(drops[1]).toBeCloseTo(sigmoid(7) - sigmoid(-1), 6);
    expect([0, 2, 3].map((i) => drops[i])).toEqual([0, 0, 0]);
    expect(Array.from(drops.subarray(4))).toEqual([0, 0, 0, 0]); // padding is not occluded
    // Class 0 is the other side of the same sigmoid: removing 5 raises it.
    const other = await tokenImportance(model, ids, 0);
    expect(other.drops[1]).toBeCloseTo(-(sigmoid(7) - sigmoid(-1)), 6);
    model.dispose();
  });

  it('gives the same answer in chunks of a few variants', async () => {
    const model = keysOnFive(8);
    const ids = [2, 3, 4, 5, 6, 7, 1, 0];
    const whole = await tokenImportance(model, ids, 1);
    const predict = vi.spyOn(model, 'predict');
    const chunked = await tokenImportance(model, ids, 1, { chunkSize: 3 });
    expect(predict).toHaveBeenCalledTimes(3); // original + 7 variants = 8 rows
    expect(Array.from(chunked.drops)).toEqual(Array.from(whole.drops));
    const top = Array.from(whole.drops).indexOf(Math.max(...whole.drops));
    expect(top).toBe(3);
    model.dispose();
  });

  it('removes a token by shifting the rest left and padding at the end', () => {
    expect(withoutToken([4, 5, 6, 0], 1, 0)).toEqual([4, 6, 0, 0]);
  });

  it('refuses ids of the wrong length and a class the output does not have', async () => {
    const model = keysOnFive(8);
    await expect(tokenImportance(model, [1, 2, 3], 1)).rejects.toThrow(/Input is \[8\] and 3 ids were given/);
    await expect(tokenImportance(model, [1, 5, 2, 3, 0, 0, 0, 0], 2)).rejects.toThrow(
      /Class 2 is not an output.*0 to 1/,
    );
    model.dispose();
  });
});
