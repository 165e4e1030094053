import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, type LayerDraft } from '../../model/build';
import { batchLabels } from '../batches';
import { checkModelFit } from '../compat';
import { trainConfig } from '../config';
import { compileSeeded } from '../train';
import { batchMetric, lossFunction } from '../losses';
import type { StepTrial } from '../backend-trial';
import { seededConfig, sessionTrial, TrainerSession } from '../session';
import { repeatingText } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const VOCAB = ['<pad>', 'a', 'b', 'c'];
const SEQ = 6;
const data = repeatingText([1, 2, 3], VOCAB, SEQ);

/** SimpleRNN, not LSTM: compiling an LSTM leaves 4 tensors behind in tfjs itself, which would hide a leak of ours. */
const lm = (overrides: { input?: number[]; sequences?: boolean; units?: number } = {}): LayerDraft[] => [
  { type: 'Input', params: { shape: overrides.input ?? [SEQ], dtype: 'int32' } },
  { type: 'Embedding', params: { input_dim: VOCAB.length, output_dim: 8 } },
  { type: 'SimpleRNN', params: { units: 16, return_sequences: overrides.sequences ?? true } },
  overrides.sequences === false
    ? { type: 'Dense', params: { units: overrides.units ?? VOCAB.length, activation: 'softmax' } }
    : { type: 'TimeDistributed', params: { units: overrides.units ?? VOCAB.length, activation: 'softmax' } },
];

describe('next-token training', () => {
  it('learns a repeating sequence to a low loss through the session, and scores perplexity near 1', async () => {
    const before = tf.memory().numTensors;
    const session = await TrainerSession.create({
      graph: buildGraph(lm()),
      dataset: data,
      config: seededConfig({ epochs: 12, batchSize: 8, seed: 3, optimizer: { name: 'adam', learningRate: 0.05 } }),
      charsPerToken: 1,
    });
    const result = await session.run(undefined);
    expect(result.status).toBe('completed');
    expect(result.loss).toBe('sparse_categorical_crossentropy');
    const first = result.history[0]!;
    const last = result.history.at(-1)!;
    expect(first.loss).toBeGreaterThan(0.5);
    expect(last.loss).toBeLessThan(0.05);
    expect(last.metric).toBe(1); // per-token accuracy
    expect(last.valMetric).toBe(1);
    const test = await session.score();
    expect(test?.metrics).toEqual({ kind: 'classification', accuracy: 1 });
    const scores = test!.languageModel!;
    expect(scores.tokens).toBe(data.test.n * SEQ);
    expect(scores.perplexity).toBeLessThan(1.05);
    expect(scores.perplexity).toBeCloseTo(Math.exp(scores.natsPerToken), 12);
    // One character per token: bits per char is nats per token in bits.
    expect(scores.bitsPerChar).toBeCloseTo(scores.natsPerToken / Math.LN2, 12);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("times the run's real step in the backend trial (a batch of n × seqLen labels)", async () => {
    const spec = { graph: buildGraph(lm()), dataset: data, config: seededConfig({ batchSize: 8, seed: 3 }) };
    const trial = (await sessionTrial(spec)('cpu')) as StepTrial;
    expect(trial.context?.loss).toBe('sparse_categorical_crossentropy');
    await expect(trial.step()).resolves.toBeUndefined();
    trial.dispose();
  });

  it('says what to change when the model does not fit next-token data', () => {
    const config = trainConfig({});
    const fit = (drafts: LayerDraft[], cfg = config) => {
      const model = buildGraphModel(drafts);
      try {
        return checkModelFit(model, data, cfg);
      } finally {
        model.dispose();
      }
    };
    expect(fit(lm())).toMatchObject({ outputUnits: 4, labelsPerSample: SEQ, inputDtype: 'int32' });
    expect(fit(lm({ sequences: false }))).toMatch(
      /one softmax over the vocabulary at every position.*return_sequences/,
    );
    expect(fit(lm({ units: 7 }))).toMatch(
      /7 units but the vocabulary has 4 tokens; set the last Dense layer's units to 4/,
    );
    expect(fit(lm({ input: [5] }))).toMatch(/windows of 6 token ids; set the Input layer's shape to \[6\]/);
    expect(fit(lm(), trainConfig({ loss: 'mse' }))).toMatch(/mse cannot train a next-token model/);
    const halved = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 4, outputDim: 4, inputShape: [SEQ] }),
        tf.layers.conv1d({ filters: 4, kernelSize: 2, strides: 2, activation: 'softmax' }),
      ],
    });
    expect(checkModelFit(halved, data, config)).toMatch(
      /has 3 positions per sample but 'repeating text' has windows of 6 tokens/,
    );
    halved.dispose();
    const short = { ...data, test: { ...data.test, y: data.test.y.subarray(1) } };
    const model = buildGraphModel(lm());
    expect(checkModelFit(model, short, config)).toMatch(/test split .* 71 labels for 12 windows/);
    const empty = { ...data, train: { n: 0, x: new Float32Array(0), y: new Float32Array(0) } };
    expect(checkModelFit(model, empty, config)).toMatch(/'repeating text' has no training windows/);
    model.dispose();
  });

  it('batches n × seqLen labels in the shuffled order', () => {
    const split = { n: 3, x: new Float32Array(6), y: Float32Array.from([0, 1, 10, 11, 20, 21]) };
    expect(Array.from(batchLabels(split, Uint32Array.from([2, 0, 1]), 0, 2, 2))).toEqual([20, 21, 0, 1]);
    expect(Array.from(batchLabels(split, null, 1, 3, 2))).toEqual([10, 11, 20, 21]);
    expect(Array.from(batchLabels(split, Uint32Array.from([2, 0, 1]), 1, 3))).toEqual([0, 1]);
  });

  it('takes the loss as the mean over every position and the metric per token', () => {
    // 2 windows × 2 positions × 3 tokens; the label's probabilities are 0.5, 0.25, 0.6, 0.1 and
    // the argmax is right at positions 1 and 3 only.
    const probs = tf.tensor3d([
      [
        [0.5, 0.3, 0.2],
        [0.25, 0.7, 0.05],
      ],
      [
        [0.2, 0.6, 0.2],
        [0.1, 0.1, 0.8],
      ],
    ]);
    const labels = tf.tensor1d([0, 0, 1, 1]);
    const loss = lossFunction('sparse_categorical_crossentropy')(labels, probs);
    const nats = -Math.log(0.5) - Math.log(0.25) - Math.log(0.6) - Math.log(0.1);
    expect(loss.dataSync()[0]).toBeCloseTo(nats / 4, 5);
    const metric = batchMetric('accuracy', 'sparse_categorical_crossentropy', labels, probs);
    expect(metric.dataSync()[0]).toBe(0.5);
    tf.dispose([probs, labels, loss, metric]);
  });
});

/** The same seeded compile a run uses. */
const buildGraphModel = (drafts: LayerDraft[]): tf.LayersModel => compileSeeded(buildGraph(drafts), 1);
