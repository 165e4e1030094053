import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { evaluateLanguageModel } from './lm-evaluate';
import { charsCovered, languageModelMetrics } from './lm-metrics';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A model with known outputs: Embedding with fixed rows and a softmax over them, so the token id
 * at each position alone decides the distribution there: id i → softmax(ROWS[i]).
 */
const ROWS = [
  [0, 0, 0],
  [Math.log(2), 0, 0], // id 1 → [0.5, 0.25, 0.25]
  [0, Math.log(3), 0], // id 2 → [0.2, 0.6, 0.2]
];
function fixedModel(seqLen: number): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 3, outputDim: 3, inputLength: seqLen, inputShape: [seqLen] }),
      tf.layers.activation({ activation: 'softmax' }),
    ],
  });
  model.layers[0]!.setWeights([tf.tensor2d(ROWS)]);
  return model;
}

describe('language-model metrics', () => {
  it('equal hand computations on a model with known outputs, in batches', async () => {
    const model = fixedModel(2);
    // Two windows: (1 → 0, 2 → 1) and (2 → 2, 1 → 0).
    const split = { n: 2, x: Float32Array.from([1, 2, 2, 1]), y: Float32Array.from([0, 1, 2, 0]) };
    const nats = -Math.log(0.5) - Math.log(0.6) - Math.log(0.2) - Math.log(0.5);
    // Word-like tokens: id 0 covers 3 characters, 1 covers 1, 2 covers 5.
    const chars = [3, 1, 5];
    const before = tf.memory().numTensors;
    const m = await evaluateLanguageModel(model, split, 2, { batchSize: 1, charsPerToken: (id) => chars[id]! });
    expect(tf.memory().numTensors).toBe(before);
    expect(m.tokens).toBe(4);
    expect(m.natsPerToken).toBeCloseTo(nats / 4, 5);
    expect(m.perplexity).toBeCloseTo(Math.exp(nats / 4), 4);
    expect(m.bitsPerChar).toBeCloseTo(nats / (Math.LN2 * (3 + 1 + 5 + 3)), 5);
    // argmax: id 1 → 0 (right), id 2 → 1 (right), id 2 → 1 (label 2, wrong), id 1 → 0 (right).
    expect(m.accuracy).toBe(0.75);

    const e = await evaluate(model, split, 'next-token', { charsPerToken: 1, batchSize: 256 });
    expect(e.languageModel?.bitsPerChar).toBeCloseTo(nats / (Math.LN2 * 4), 5);
    expect(e.loss).toBeCloseTo(nats / 4, 5);
    expect(e.metrics).toEqual({ kind: 'classification', accuracy: 0.75 });
    expect(e.predictions.length).toBe(0);
    expect(e.outputUnits).toBe(3);
    expect((await evaluate(model, split, 'next-token')).languageModel?.bitsPerChar).toBeNull();
    model.dispose();
  });

  it('refuses a split whose labels are not seqLen per window', async () => {
    const model = fixedModel(2);
    const split = { n: 2, x: Float32Array.from([1, 2, 2, 1]), y: Float32Array.from([0, 1, 2]) };
    await expect(evaluateLanguageModel(model, split, 2)).rejects.toThrow(
      /3 labels for 2 windows; windows of 2 tokens need 4/,
    );
    model.dispose();
  });

  it('derives perplexity and bits per character from the sums', () => {
    const m = languageModelMetrics({ nats: 6, tokens: 3, correct: 1, chars: 12 });
    expect(m.natsPerToken).toBe(2);
    expect(m.perplexity).toBeCloseTo(Math.exp(2), 12);
    expect(m.bitsPerChar).toBeCloseTo(6 / (Math.LN2 * 12), 12);
    expect(m.accuracy).toBeCloseTo(1 / 3, 12);
    expect(charsCovered([4, 4, 7], 1)).toBe(3);
    expect(charsCovered([4, 4, 7], (id) => id)).toBe(15);
  });
});
