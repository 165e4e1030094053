import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildGraph } from '../model/build';
import type { LayerWeights } from '../model/weights';
import { chooseBackend } from './backend';
import type { StepTrial } from './backend-trial';
import type { TrainConfigInput } from './config';
import { blobs } from './fixtures';
import { seededConfig, sessionTrial, TrainerSession, type SessionSpec } from './session';
import type { Checkpoint, EpochLog, StartInfo } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Dropout included, so the seeded noise stream is part of what must resume exactly. */
const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', name: 'hidden', params: { units: 12, activation: 'relu' } },
  { type: 'Dropout', params: { rate: 0.2 } },
  { type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
]);
const dataset = blobs(3, 4, [96, 24, 30]);
const spec = (config: TrainConfigInput = {}): SessionSpec => ({
  graph,
  dataset,
  config: seededConfig({
    epochs: 4,
    batchSize: 16,
    seed: 11,
    optimizer: { name: 'adam', learningRate: 0.01 },
    ...config,
  }),
});
const values = (w: LayerWeights) => Object.values(w).flatMap((list) => list.map((v) => Array.from(v.values)));

describe('TrainerSession', () => {
  it('creates, runs 2 epochs, scores the test split and frees every tensor it made', async () => {
    const before = tf.memory().numTensors;
    const session = await TrainerSession.create(spec());
    const epochs: number[] = [];
    const result = await session.run(2, { onEpoch: (log) => void epochs.push(log.epoch) });
    expect(result).toMatchObject({
      status: 'completed',
      epochsRun: 2,
      epoch: 2,
      seed: 11,
      loss: 'sparse_categorical_crossentropy',
    });
    expect(epochs).toEqual([1, 2]);
    const test = await session.score();
    expect(test?.n).toBe(30);
    expect(test?.metrics.kind).toBe('classification');
    expect(Number.isFinite(test?.loss)).toBe(true);
    expect(Object.keys(session.weights()).sort()).toEqual(['hidden', 'out']);
    session.dispose();
    session.dispose(); // twice is harmless
    expect(tf.memory().numTensors).toBe(before);
    await expect(session.run(1)).rejects.toThrow(/disposed/);
  });

  it('restored from a checkpoint, numbers on with no gap and ends where an uninterrupted run does', async () => {
    const straight = await TrainerSession.create(spec());
    const whole = await straight.run(4);
    const wholeWeights = values(straight.weights());
    straight.dispose();

    const first = await TrainerSession.create(spec());
    let saved: Checkpoint | null = null;
    await first.run(2, { onCheckpoint: (c) => void (saved = c) });
    first.dispose();
    expect(saved!.epoch).toBe(2);

    const resumed = await TrainerSession.create(spec(), { checkpoint: saved });
    expect(resumed.epoch).toBe(2);
    let info: StartInfo | null = null;
    const logged: EpochLog[] = [];
    const rest = await resumed.run(2, { onStart: (i) => void (info = i), onEpoch: (log) => void logged.push(log) });
    expect(info).toMatchObject({ startEpoch: 2, endEpoch: 4 });
    expect(logged.map((l) => l.epoch)).toEqual([3, 4]);
    expect(rest.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    // cpu is deterministic: the same seed gives the same curve and weights, to the bit.
    const curve = (h: readonly EpochLog[]) => h.map((e) => [e.loss, e.metric, e.valLoss, e.lr]);
    expect(curve(rest.history)).toEqual(curve(whole.history));
    expect(values(resumed.weights())).toEqual(wholeWeights);
    resumed.dispose();
  });

  it('continues a second leg in the same session, numbering on', async () => {
    const session = await TrainerSession.create(spec());
    await session.run(1);
    const second = await session.run(2);
    expect(second).toMatchObject({ epochsRun: 2, epoch: 3 });
    expect(session.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    session.dispose();
  });

  it('stops a leg between batches; the next leg runs again', async () => {
    const session = await TrainerSession.create(spec());
    const stopped = await session.run(3, { onBatch: (p) => void (p.batch === 2 && session.stop()) });
    expect(stopped).toMatchObject({ status: 'stopped', epoch: 0 });
    expect((await session.run(1)).status).toBe('completed');
    session.dispose();
  });

  it('gives the same starting weights for the same seed (the one seeded compile), and starts from given weights', async () => {
    const a = await TrainerSession.create(spec());
    const b = await TrainerSession.create(spec());
    expect(values(b.weights())).toEqual(values(a.weights()));
    const other = await TrainerSession.create(spec({ seed: 12 }));
    expect(values(other.weights())).not.toEqual(values(a.weights()));
    const tuned = await TrainerSession.create(spec({ seed: 12 }), { initialWeights: a.weights() });
    expect(values(tuned.weights())).toEqual(values(a.weights()));
    for (const s of [a, b, other, tuned]) s.dispose();
  });

  it('refuses starting weights that do not fit, with a sentence, leaving nothing allocated', async () => {
    const before = tf.memory().numTensors;
    const wrong: LayerWeights = {
      out: [{ name: 'kernel', shape: [2, 2], values: new Float32Array(4) }],
    } as LayerWeights;
    await expect(TrainerSession.create(spec(), { initialWeights: wrong })).rejects.toThrow(
      /^The starting weights do not fit this model \(.*\); reload them or start from fresh weights\.$/s,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses NaN or infinite starting weights, naming the layer and weight, before compiling anything', async () => {
    const a = await TrainerSession.create(spec());
    const damaged = a.weights();
    a.dispose();
    damaged.out![0]!.values[5] = NaN;
    damaged.out![0]!.values[7] = -Infinity;
    const before = tf.memory().numTensors;
    await expect(TrainerSession.create(spec(), { initialWeights: damaged })).rejects.toThrow(
      "The starting weights: layer 'out' weight 'kernel' has 1 NaN value and 1 infinite value (first at index 5); the weights are damaged; load the model again from an undamaged file, or start from fresh weights.",
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draws a seed when the settings leave it null, and reports it', async () => {
    const config = seededConfig({ seed: null });
    expect(Number.isInteger(config.seed)).toBe(true);
    const session = await TrainerSession.create({ graph, dataset, config: { ...config, epochs: 1 } });
    expect((await session.run(undefined)).seed).toBe(config.seed);
    session.dispose();
  });
});

describe('the session backend trial', () => {
  const trialOf = async (config: TrainConfigInput) => (await sessionTrial(spec(config))('cpu')) as StepTrial;

  it("times the run's own optimizer and loss: SGD with categorical cross-entropy", async () => {
    const before = tf.memory().numTensors;
    const trial = await trialOf({ optimizer: { name: 'sgd', learningRate: 0.1 }, loss: 'categorical_crossentropy' });
    const ctx = trial.context!;
    expect(ctx.optimizer).toBeInstanceOf(tf.SGDOptimizer);
    expect(ctx.loss).toBe('categorical_crossentropy');
    const apply = vi.spyOn(ctx.optimizer, 'applyGradients');
    const kernel = () => Array.from(ctx.model.getLayer('out').getWeights()[0]!.dataSync());
    const start = kernel();
    await trial.step();
    await trial.step();
    expect(apply).toHaveBeenCalledTimes(2);
    expect(kernel()).not.toEqual(start);
    trial.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resolves auto to the loss training will use, with the configured Adam settings', async () => {
    const trial = await trialOf({ optimizer: { name: 'adam', learningRate: 0.003, beta1: 0.8 } });
    expect(trial.context!.loss).toBe('sparse_categorical_crossentropy');
    expect(trial.context!.optimizer).toBeInstanceOf(tf.AdamOptimizer);
    expect(trial.context!.optimizer).toMatchObject({ learningRate: 0.003, beta1: 0.8 });
    trial.dispose();
  });

  it('has nothing to time when the model does not fit the data (the run says why)', async () => {
    const narrow = { ...spec(), dataset: blobs(3, 5) };
    const trial = (await sessionTrial(narrow)('cpu')) as StepTrial;
    expect(trial.context).toBeNull();
    await trial.step();
    trial.dispose();
  });

  it('drives chooseBackend in Node: one trial (one compile) per backend tried, and the tensors freed', async () => {
    const before = tf.memory().numTensors;
    const made: string[] = [];
    const factory = sessionTrial(spec());
    const choice = await chooseBackend({
      createTrial: (backend) => {
        made.push(backend);
        return factory(backend);
      },
    });
    expect(choice.backend).toBe('wasm');
    expect(made).toEqual(['wasm']);
    expect(choice.neededKernels).toEqual(expect.arrayContaining(['_FusedMatMul', 'Softmax']));
    await tf.setBackend('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
