import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { blobs, linear } from './fixtures';
import { TrainingControl } from './control';
import { buildSeeded, train } from './train';
import { Trainer } from './trainer';
import type { Checkpoint, EpochLog } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mlp = (
  seed: number,
  inputs: number,
  outputs: number,
  activation: 'softmax' | 'sigmoid' | 'linear',
  dropout = 0,
) =>
  buildSeeded(seed, () =>
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [inputs], units: 16, activation: 'relu' }),
        ...(dropout > 0 ? [tf.layers.dropout({ rate: dropout })] : []),
        tf.layers.dense({ units: outputs, activation }),
      ],
    }),
  );

const losses = (h: readonly EpochLog[]) => h.map((e) => e.loss);

describe('non-finite loss guard', () => {
  it('stops at once with a learning rate of 1e9, naming the epoch and batch and suggesting fixes', async () => {
    const data = linear();
    const model = mlp(1, 3, 1, 'linear');
    const before = model.getWeights().map((w) => w.dataSync().slice());
    const batches: number[] = [];
    const result = await train(
      model,
      data,
      { epochs: 5, seed: 1, optimizer: { name: 'sgd', learningRate: 1e9 } },
      { onBatch: (p) => void batches.push(p.batch) },
    );
    expect(result.status).toBe('failed');
    expect(result.issue?.kind).toBe('non-finite-loss');
    if (result.issue?.kind !== 'non-finite-loss') throw new Error('unreachable');
    expect(result.issue.epoch).toBe(1);
    expect(result.issue.batch).toBe(batches.length + 1);
    expect(Number.isFinite(result.issue.loss)).toBe(false);
    expect(result.issue.message).toContain(`epoch 1, batch ${result.issue.batch}`);
    expect(result.issue.message).toMatch(/lower the learning rate/i);
    expect(result.issue.message).toMatch(/scale the inputs/i);
    expect(result.issue.message).toMatch(/check the labels/i);
    expect(result.history).toHaveLength(0);
    // The diverging batch was not applied: every weight is still finite.
    for (const w of model.getWeights()) expect(w.dataSync().every(Number.isFinite)).toBe(true);
    expect(model.getWeights().map((w) => w.dataSync().slice())).not.toEqual(before);
    model.dispose();
  });

  it('trains normally at a sane learning rate on the same data', async () => {
    const model = mlp(1, 3, 1, 'linear');
    const result = await train(model, linear(), { epochs: 3, seed: 1, optimizer: { name: 'sgd', learningRate: 0.01 } });
    expect(result.status).toBe('completed');
    expect(result.issue).toBeNull();
    model.dispose();
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement and restores the best epoch’s weights', async () => {
    const data = blobs(2);
    // Validation labels flipped: the better the model learns, the worse val_loss gets.
    const flipped = { ...data, validation: { ...data.validation, y: data.validation.y.map((v) => 1 - v) } };
    const model = mlp(3, 4, 1, 'sigmoid');
    const checkpoints: Checkpoint[] = [];
    const result = await train(
      model,
      flipped,
      {
        epochs: 30,
        seed: 3,
        optimizer: { name: 'adam', learningRate: 0.01 },
        earlyStopping: { enabled: true, monitor: 'val_loss', patience: 2 },
      },
      { onCheckpoint: (c) => void checkpoints.push(c) },
    );
    expect(result.status).toBe('early-stopped');
    const valLosses = result.history.map((e) => e.valLoss!);
    const best = valLosses.indexOf(Math.min(...valLosses)) + 1;
    expect(result.restoredEpoch).toBe(best);
    expect(result.history).toHaveLength(best + 2);
    const bestWeights = checkpoints[best - 1]!.weights.map((w) => Array.from(w.values));
    const lastWeights = checkpoints.at(-1)!.weights.map((w) => Array.from(w.values));
    const now = model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(now).toEqual(bestWeights);
    expect(now).not.toEqual(lastWeights);
    model.dispose();
  });

  it('keeps the last weights when restoreBestWeights is off', async () => {
    const data = blobs(2);
    const flipped = { ...data, validation: { ...data.validation, y: data.validation.y.map((v) => 1 - v) } };
    const model = mlp(3, 4, 1, 'sigmoid');
    const checkpoints: Checkpoint[] = [];
    const result = await train(
      model,
      flipped,
      {
        epochs: 30,
        seed: 3,
        optimizer: { name: 'adam', learningRate: 0.01 },
        earlyStopping: { enabled: true, patience: 2, restoreBestWeights: false },
      },
      { onCheckpoint: (c) => void checkpoints.push(c) },
    );
    expect(result.status).toBe('early-stopped');
    expect(result.restoredEpoch).toBeNull();
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
      checkpoints.at(-1)!.weights.map((w) => Array.from(w.values)),
    );
    model.dispose();
  });
});

describe('repeatable runs', () => {
  const run = async (seed: number) => {
    const model = mlp(seed, 4, 3, 'softmax', 0.3);
    const result = await train(model, blobs(3), { epochs: 4, seed, batchSize: 16 });
    model.dispose();
    return result;
  };

  it('gives identical loss curves for the same seed (weights, shuffle order and dropout) and different ones for another', async () => {
    const a = await run(11);
    const b = await run(11);
    const c = await run(12);
    expect(a.seed).toBe(11);
    expect(losses(a.history)).toEqual(losses(b.history));
    expect(a.history.map((e) => e.valLoss)).toEqual(b.history.map((e) => e.valLoss));
    expect(losses(a.history)).not.toEqual(losses(c.history));
  });

  it('draws different dropout masks on each batch (a fixed layer seed would repeat one mask)', async () => {
    const model = mlp(5, 4, 3, 'softmax', 0.5);
    const x = tf.ones([1, 4]);
    const outs = [0, 1, 2].map(() =>
      tf.tidy(() => Array.from((model.apply(x, { training: true }) as tf.Tensor).dataSync())),
    );
    expect(outs[0]).not.toEqual(outs[1]);
    tf.dispose(x);
    model.dispose();
  });

  it('reports the random seed it drew when none was given, and that seed repeats the run', async () => {
    const first = mlp(4, 4, 3, 'softmax');
    const a = await train(first, blobs(3), { epochs: 2 });
    first.dispose();
    const second = mlp(4, 4, 3, 'softmax');
    const b = await train(second, blobs(3), { epochs: 2, seed: a.seed });
    second.dispose();
    expect(losses(b.history)).toEqual(losses(a.history));
  });
});

describe('tensor hygiene', () => {
  it('keeps tf.memory().numTensors flat across epochs and after three start/stop cycles', async () => {
    const model = mlp(2, 4, 3, 'softmax', 0.2);
    const baseline = tf.memory().numTensors;
    const trainer = new Trainer(model, blobs(3), { epochs: 4, seed: 2, batchSize: 16, schedule: { kind: 'plateau' } });
    const perEpoch: number[] = [];
    await trainer.run({ onEpoch: () => void perEpoch.push(tf.memory().numTensors), onCheckpoint: () => undefined });
    expect(perEpoch).toHaveLength(4);
    expect(new Set(perEpoch).size).toBe(1);
    const afterRun = tf.memory().numTensors;
    for (let cycle = 0; cycle < 3; cycle++) {
      const control = new TrainingControl();
      const r = await trainer.run(
        { control, onBatch: (p) => (p.batch === 3 ? control.stop() : undefined) },
        { epochs: 2 },
      );
      expect(r.status).toBe('stopped');
      expect(tf.memory().numTensors).toBe(afterRun);
    }
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    model.dispose();
  });
});

describe('pause, resume and stop', () => {
  it('holds batches while paused and continues from the same place on resume', async () => {
    const model = mlp(6, 4, 3, 'softmax');
    const control = new TrainingControl();
    const seen: string[] = [];
    let pausedAt = 0;
    const trainer = new Trainer(model, blobs(3), { epochs: 2, seed: 6, batchSize: 16 });
    const running = trainer.run({
      control,
      onBatch: (p) => {
        seen.push(`${p.epoch}:${p.batch}`);
        if (p.epoch === 1 && p.batch === 3) {
          control.pause();
          pausedAt = seen.length;
        }
      },
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(control.state).toBe('paused');
    expect(seen).toHaveLength(pausedAt);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(pausedAt);
    control.resume();
    const result = await running;
    expect(result.status).toBe('completed');
    expect(seen).toHaveLength(2 * 15);
    expect(seen.slice(pausedAt - 1, pausedAt + 1)).toEqual(['1:3', '1:4']);
    trainer.dispose();
    model.dispose();
  });

  it('honours an injected waitIfPaused hook and an AbortSignal', async () => {
    const model = mlp(6, 4, 3, 'softmax');
    const abort = new AbortController();
    let release: () => void = () => undefined;
    let gate: Promise<void> | null = null;
    let batches = 0;
    const running = train(
      model,
      blobs(3),
      { epochs: 3, batchSize: 16 },
      {
        signal: abort.signal,
        waitIfPaused: () => gate ?? Promise.resolve(),
        onBatch: (p) => {
          batches++;
          if (p.batch === 2) gate = new Promise((r) => (release = r));
        },
      },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(batches).toBe(2);
    abort.abort();
    release();
    const result = await running;
    expect(result.status).toBe('stopped');
    expect(batches).toBe(2);
    model.dispose();
  });
});

describe('train N more epochs', () => {
  it('continues the epoch counter, optimizer state and random streams: 3 + 2 epochs equal 5 in one go', async () => {
    const config = { epochs: 3, seed: 9, batchSize: 16, optimizer: { name: 'adam' as const, learningRate: 0.01 } };
    const split = mlp(9, 4, 3, 'softmax', 0.2);
    const trainer = new Trainer(split, blobs(3), config);
    await trainer.run();
    const iterationsAfter3 = (await trainer.checkpoint()).optimizer.iterations;
    const more = await trainer.run({}, { epochs: 2 });
    expect(more.epochsRun).toBe(2);
    expect(more.epoch).toBe(5);
    expect(more.history.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(iterationsAfter3).toBe(3 * 15);
    expect((await trainer.checkpoint()).optimizer.iterations).toBe(5 * 15);

    const whole = mlp(9, 4, 3, 'softmax', 0.2);
    const once = await train(whole, blobs(3), { ...config, epochs: 5 });
    expect(losses(more.history)).toEqual(losses(once.history));
    expect(split.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
      whole.getWeights().map((w) => Array.from(w.dataSync())),
    );
    trainer.dispose();
    split.dispose();
    whole.dispose();
  });

  it('a restored checkpoint continues exactly as the run it was taken from', async () => {
    const config = { epochs: 4, seed: 21, batchSize: 32, optimizer: { name: 'rmsprop' as const, learningRate: 0.01 } };
    const model = mlp(21, 4, 3, 'softmax', 0.2);
    const trainer = new Trainer(model, blobs(3), config);
    const checkpoints: Checkpoint[] = [];
    const full = await trainer.run({ onCheckpoint: (c) => void checkpoints.push(c) });
    await trainer.restore(checkpoints[1]!);
    expect(trainer.epoch).toBe(2);
    const resumed = await trainer.run({}, { epochs: 2 });
    expect(losses(resumed.history)).toEqual(losses(full.history));
    trainer.dispose();
    model.dispose();
  });
});

describe('incompatible models', () => {
  it('says which layer to change when the output units do not match the classes', async () => {
    const model = mlp(1, 4, 2, 'softmax');
    const result = await train(model, blobs(3), { epochs: 1 });
    expect(result.status).toBe('failed');
    expect(result.issue?.message).toContain('has 2 units but the data has 3 classes');
    model.dispose();
  });

  it('names the input shape mismatch', async () => {
    const model = mlp(1, 5, 3, 'softmax');
    const result = await train(model, blobs(3), { epochs: 1 });
    expect(result.issue?.kind).toBe('incompatible');
    expect(result.issue?.message).toContain('shape [5]');
    expect(result.issue?.message).toContain('shape [4]');
    model.dispose();
  });

  it('returns config problems as a value naming the field', async () => {
    const model = mlp(1, 4, 3, 'softmax');
    const result = await train(model, blobs(3), { batchSize: 0 });
    expect(result.issue?.kind).toBe('config');
    expect(result.issue?.message).toContain('batchSize');
    model.dispose();
  });
});

describe('weight penalties', () => {
  it('adds the layers’ L2 penalty to the training loss', async () => {
    const data = linear();
    const firstBatchLoss = async (l2: number) => {
      const model = tf.sequential({
        layers: [
          tf.layers.dense({
            inputShape: [3],
            units: 1,
            kernelInitializer: 'ones',
            ...(l2 > 0 ? { kernelRegularizer: tf.regularizers.l2({ l2 }) } : {}),
          }),
        ],
      });
      let loss = NaN;
      const control = new TrainingControl();
      await train(
        model,
        data,
        { epochs: 1, seed: 1, optimizer: { name: 'sgd' } },
        {
          control,
          onBatch: (p) => {
            loss = p.loss;
            control.stop();
          },
        },
      );
      model.dispose();
      return loss;
    };
    // 0.5 × (1² + 1² + 1²)
    expect((await firstBatchLoss(0.5)) - (await firstBatchLoss(0))).toBeCloseTo(1.5, 4);
  });
});
