import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupWasm } from './backend-wasm';
import { blobs } from './fixtures';
import { buildSeeded, train } from './train';

beforeAll(async () => {
  await setupWasm();
  expect(await tf.setBackend('wasm')).toBe(true);
});

const model = (seed: number) =>
  buildSeeded(seed, () =>
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }),
        tf.layers.dropout({ rate: 0.2 }),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    }),
  );

describe('training on the wasm backend (the CLI default)', () => {
  it('learns, repeats with the same seed and leaves the tensor count where it was', async () => {
    const runs = [];
    for (const seed of [31, 31]) {
      const m = model(seed);
      const before = tf.memory().numTensors;
      runs.push(
        await train(m, blobs(3), { epochs: 5, seed, batchSize: 16, optimizer: { name: 'adam', learningRate: 0.01 } }),
      );
      expect(tf.memory().numTensors).toBe(before);
      m.dispose();
    }
    expect(tf.getBackend()).toBe('wasm');
    expect(runs[0]!.history.at(-1)!.valMetric).toBeGreaterThan(0.9);
    expect(runs[1]!.history.map((e) => e.loss)).toEqual(runs[0]!.history.map((e) => e.loss));
  });
});
