import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import type { LayerDraft } from '../model/build';
import type { PreparedDataset } from '../data/types';
import { compile } from '../compiler/compile';
import type { StepTrial } from './backend-trial';
import { checkModelFit } from './compat';
import { trainConfig } from './config';
import { evaluate } from './evaluate';
import { userItem } from './fixtures';
import { seededConfig, sessionTrial, TrainerSession } from './session';
import type { Checkpoint } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two id Inputs and a feature Input; the Inputs are listed in another order than the parts. */
const drafts = (names = ['features', 'item', 'user']): LayerDraft[] => [
  { type: 'Input', name: names[0], params: { shape: [1] }, id: 'f' },
  { type: 'Input', name: names[1], params: { shape: [1], dtype: 'int32' }, id: 'i' },
  { type: 'Input', name: names[2], params: { shape: [1], dtype: 'int32' }, id: 'u' },
  { type: 'Embedding', params: { input_dim: 17, output_dim: 4 }, from: ['i'], id: 'ie' },
  { type: 'Embedding', params: { input_dim: 13, output_dim: 4 }, from: ['u'], id: 'ue' },
  { type: 'Flatten', from: ['ie'], id: 'if' },
  { type: 'Flatten', from: ['ue'], id: 'uf' },
  { type: 'Concatenate', from: ['uf', 'if', 'f'] },
  { type: 'Dense', params: { units: 16, activation: 'relu' } },
  { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
];
const data = userItem();
const config = (epochs = 30) =>
  seededConfig({ epochs, batchSize: 32, seed: 5, optimizer: { name: 'adam', learningRate: 0.02 } });

describe('training a model with several Inputs', () => {
  it('learns a user × item rule only the two embeddings can see, and scores the test split', async () => {
    const before = tf.memory().numTensors;
    const session = await TrainerSession.create({ graph: buildGraph(drafts()), dataset: data, config: config() });
    const result = await session.run(undefined);
    expect(result.status).toBe('completed');
    const test = await session.score();
    expect(test?.n).toBe(120);
    expect(test?.metrics.kind === 'classification' && test.metrics.accuracy).toBeGreaterThan(0.95);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resumes from a checkpoint and early-stops exactly as a single-Input run does', async () => {
    const spec = (c = config(4)) => ({ graph: buildGraph(drafts()), dataset: data, config: c });
    const values = (s: TrainerSession) => Object.values(s.weights()).flatMap((l) => l.map((w) => Array.from(w.values)));
    const straight = await TrainerSession.create(spec());
    const whole = await straight.run(4);
    const wholeWeights = values(straight);
    straight.dispose();
    const first = await TrainerSession.create(spec());
    let saved: Checkpoint | null = null;
    await first.run(2, { onCheckpoint: (c) => void (saved = c) });
    first.dispose();
    const resumed = await TrainerSession.create(spec(), { checkpoint: saved });
    const rest = await resumed.run(2);
    expect(rest.history.map((h) => h.loss)).toEqual(whole.history.map((h) => h.loss));
    expect(values(resumed)).toEqual(wholeWeights);
    resumed.dispose();

    const stopping = seededConfig({
      epochs: 40,
      batchSize: 32,
      seed: 5,
      optimizer: { name: 'adam', learningRate: 0.05 },
      earlyStopping: { enabled: true, monitor: 'val_loss', patience: 2, minDelta: 0.5, restoreBestWeights: true },
    });
    const early = await TrainerSession.create(spec(stopping));
    const result = await early.run(undefined);
    expect(result.status).toBe('early-stopped');
    expect(result.epoch).toBeLessThan(40);
    early.dispose();
  });

  it('times the real step in the backend trial with one tensor per Input', async () => {
    const before = tf.memory().numTensors;
    const spec = { graph: buildGraph(drafts()), dataset: data, config: config(1) };
    const trial = (await sessionTrial(spec)('cpu')) as StepTrial;
    expect(trial.context).not.toBeNull();
    const weights = trial.context!.variables.map((v) => Array.from(v.dataSync()));
    await trial.step();
    expect(trial.context!.variables.map((v) => Array.from(v.dataSync()))).not.toEqual(weights);
    trial.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluates in the parts’ order whatever the order of the model’s Inputs', async () => {
    const model = (await TrainerSession.create({ graph: buildGraph(drafts()), dataset: data, config: config(1) }))
      .model;
    // The same model fed by hand, slice by slice, must give the predictions evaluate() gives.
    const e = await evaluate(model, data.test, 'binary', { inputShape: [3], inputs: data.inputs! });
    const col = (k: number, dtype: 'int32' | 'float32') =>
      tf.tensor(
        Array.from({ length: data.test.n }, (_, r) => data.test.x[r * 3 + k]!),
        [data.test.n, 1],
        dtype,
      );
    const byHand = model.predict([col(2, 'float32'), col(1, 'int32'), col(0, 'int32')]) as tf.Tensor;
    expect(Array.from(e.predictions)).toEqual(Array.from(byHand.dataSync()));
    await expect(evaluate(model, data.test, 'binary', { inputShape: [3] })).rejects.toThrow(/3 Inputs.*inputs/);
    tf.dispose(byHand);
    model.dispose();
  });
});

describe('checkModelFit with several Inputs', () => {
  const fit = (names: string[], dataset: PreparedDataset = data, edit?: (d: LayerDraft[]) => LayerDraft[]) => {
    const model = compile(buildGraph((edit ?? ((d) => d))(drafts(names))));
    try {
      return checkModelFit(model, dataset, trainConfig({}));
    } finally {
      model.dispose();
    }
  };

  it('gives each Input its slice of the row, in the model’s Input order', () => {
    const got = fit(['features', 'item', 'user']);
    expect(typeof got !== 'string' && got.slices).toEqual([
      { name: 'features', offset: 2, size: 1, shape: [1], dtype: 'float32' },
      { name: 'item', offset: 1, size: 1, shape: [1], dtype: 'int32' },
      { name: 'user', offset: 0, size: 1, shape: [1], dtype: 'int32' },
    ]);
  });

  it('names the missing and the extra Inputs when the names differ', () => {
    const got = fit(['features', 'movie', 'user']);
    expect(got).toMatch(/no Input named 'item'/);
    expect(got).toMatch(/no data for the Input 'movie'/);
  });

  it('refuses an Input of another shape, naming it and its columns', () => {
    const wider = (d: LayerDraft[]) => d.map((l) => (l.name === 'features' ? { ...l, params: { shape: [2] } } : l));
    expect(fit(['features', 'item', 'user'], data, wider)).toMatch(
      /Input 'features' takes samples of shape \[2\].*\(noise\) has shape \[1\]/,
    );
  });

  it('refuses numeric features fed to an int32 Input', () => {
    const ints = (d: LayerDraft[]) =>
      d.map((l) => (l.name === 'features' ? { ...l, params: { shape: [1], dtype: 'int32' } } : l));
    expect(fit(['features', 'item', 'user'], data, ints)).toMatch(/Input 'features' takes int32 ids.*dtype to float32/);
  });

  it('refuses parts whose sizes do not add up to the row', () => {
    const broken = { ...data, inputShape: [4] };
    expect(fit(['features', 'item', 'user'], broken)).toMatch(/hold 3 values per row, but its rows hold 4/);
  });

  it('refuses a model of several Inputs on a dataset that feeds one', () => {
    const { inputs: _parts, ...single } = data;
    expect(fit(['features', 'item', 'user'], single)).toMatch(/3 Inputs but 'synthetic user × item' feeds one/);
  });
});
