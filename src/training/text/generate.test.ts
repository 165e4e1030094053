import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/random';
import { buildSeeded } from '../train';
import { Trainer } from '../trainer';
import { repeatingText } from './fixtures';
import { contextWindow, generate, sampleToken } from './generate';

const SEQ = 6;
let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  // Embedding → SimpleRNN (every step) → Dense on the 3-D sequence: learns "a b c a b c …".
  model = buildSeeded(5, () =>
    tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 4, outputDim: 8, inputShape: [SEQ] }),
        tf.layers.simpleRNN({ units: 16, returnSequences: true }),
        tf.layers.dense({ units: 4, activation: 'softmax' }),
      ],
    }),
  );
  const trainer = new Trainer(model, repeatingText([1, 2, 3], ['<pad>', 'a', 'b', 'c'], SEQ), {
    epochs: 12,
    batchSize: 8,
    seed: 5,
    optimizer: { name: 'adam', learningRate: 0.05 },
  });
  const result = await trainer.run();
  trainer.dispose();
  expect(result.history.at(-1)!.loss).toBeLessThan(0.05);
});

describe('generate', () => {
  it('greedy reproduces the learned sequence, past one window, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const streamed: number[] = [];
    const out = await generate(model, [1], {
      maxTokens: 14,
      temperature: 0,
      seqLen: SEQ,
      onToken: (id) => streamed.push(id),
    });
    expect(out).toEqual({ ids: [2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], stopped: false });
    expect(streamed).toEqual(out.ids);
    expect(tf.memory().numTensors).toBe(before);
    const again = await generate(model, [3, 1, 2, 3, 1, 2, 3, 1], { maxTokens: 5, temperature: 0, seqLen: SEQ });
    expect(again.ids).toEqual([2, 3, 1, 2, 3]);
  });

  it('repeats a sample with the same seed, and top-k 1 equals greedy', async () => {
    const opts = { maxTokens: 30, temperature: 3, seqLen: SEQ };
    const a = await generate(model, [1, 2], { ...opts, seed: 9 });
    const b = await generate(model, [1, 2], { ...opts, seed: 9 });
    const c = await generate(model, [1, 2], { ...opts, seed: 10 });
    expect(a.ids).toEqual(b.ids);
    expect(c.ids).not.toEqual(a.ids);
    const greedy = await generate(model, [1, 2], { maxTokens: 30, temperature: 0, seqLen: SEQ });
    const top1 = await generate(model, [1, 2], { ...opts, topK: 1, seed: 9 });
    expect(top1.ids).toEqual(greedy.ids);
  });

  it('stops between tokens when the signal aborts', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const out = await generate(model, [1], {
      maxTokens: 50,
      seqLen: SEQ,
      signal: controller.signal,
      onToken: (id) => {
        seen.push(id);
        if (seen.length === 3) controller.abort();
      },
    });
    expect(out.stopped).toBe(true);
    expect(out.ids).toHaveLength(3);
  });

  it('refuses an empty prompt, a bad window length and a negative temperature', async () => {
    await expect(generate(model, [], { maxTokens: 1, seqLen: SEQ })).rejects.toThrow(/prompt of at least one token id/);
    await expect(generate(model, [1], { maxTokens: 1, seqLen: 0 })).rejects.toThrow(
      /seqLen must be the model's window length/,
    );
    await expect(generate(model, [1], { maxTokens: 1, seqLen: SEQ, temperature: -1 })).rejects.toThrow(
      /temperature must be 0 \(greedy\) or more, not -1/,
    );
  });
});

describe('contextWindow and sampleToken', () => {
  it('keeps the last seqLen ids, a short history first and padded after', () => {
    expect(contextWindow([7, 8], 4, 0)).toEqual({ ids: [7, 8, 0, 0], at: 1 });
    expect(contextWindow([1, 2, 3, 4, 5, 6], 4, 0)).toEqual({ ids: [3, 4, 5, 6], at: 3 });
  });

  const frequencies = (probs: number[], temperature: number, topK: number, draws = 20_000) => {
    const rng = mulberry32(1);
    const counts = new Array<number>(probs.length).fill(0);
    for (let i = 0; i < draws; i++) counts[sampleToken(probs, temperature, topK, rng)]!++;
    return counts.map((c) => c / draws);
  };

  it('samples the distribution at temperature 1, sharpens it below 1 and cuts it to the top k', () => {
    const probs = [0.1, 0.6, 0.3];
    const t1 = frequencies(probs, 1, 0);
    probs.forEach((p, i) => expect(t1[i]).toBeCloseTo(p, 1));
    // T = 0.5: p² renormalised = [0.01, 0.36, 0.09] / 0.46.
    const half = frequencies(probs, 0.5, 0);
    [0.01, 0.36, 0.09].forEach((p, i) => expect(half[i]).toBeCloseTo(p / 0.46, 1));
    const top2 = frequencies(probs, 1, 2);
    expect(top2[0]).toBe(0);
    expect(top2[1]).toBeCloseTo(0.6 / 0.9, 1);
    expect(sampleToken(probs, 0, 0, mulberry32(1))).toBe(1);
  });
});
