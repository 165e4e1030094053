import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/random';
import type { PreparedDataset, Split } from '../../data/types';
import { dcganTemplate } from '../../model/gan-template';
import type { LayerWeights } from '../../model/weights';
import { TrainingControl } from '../control';
import { GanDataError, GanTrainer, type GanStepLog } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 8×8 images of one bright horizontal or vertical bar: a tiny image dataset with a clear structure. */
function bars(n: number, seed = 5): Split {
  const rng = mulberry32(seed);
  const x = new Float32Array(n * 64);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rng() * 8);
    const across = rng() < 0.5;
    for (let k = 0; k < 8; k++) x[i * 64 + (across ? at * 8 + k : k * 8 + at)] = 1;
  }
  return { n, x, y: new Float32Array(n) };
}

const data: PreparedDataset = {
  id: 'bars',
  name: 'Bars',
  kind: 'image',
  task: 'multiclass',
  inputShape: [8, 8, 1],
  classNames: ['bar'],
  train: bars(96),
  validation: bars(8, 6),
  test: bars(8, 7),
  transform: null,
};

const gan = dcganTemplate([8, 8, 1], { latentDim: 8, width: 8 });
const config = { batchSize: 16, seed: 3, sampleCount: 16, epochs: 1 };

const flat = (w: LayerWeights) => Object.values(w).flatMap((list) => list.flatMap((v) => Array.from(v.values)));

describe('GanTrainer', () => {
  it('runs k discriminator steps per generator step and reports D/G losses and D(x), D(G(z))', async () => {
    const trainer = new GanTrainer(gan, data, { ...config, discriminatorSteps: 3 });
    const steps: GanStepLog[] = [];
    const result = await trainer.run({ onStep: (s) => steps.push(s) });
    const state = await trainer.checkpoint();
    // 96 images / (16 × 3) = 2 iterations: 6 discriminator updates, 2 generator updates.
    expect(steps).toHaveLength(2);
    expect(state.optimizers.discriminator.iterations).toBe(6);
    expect(state.optimizers.generator.iterations).toBe(2);
    expect(result).toMatchObject({ status: 'completed', epoch: 1 });
    const log = result.history[0]!;
    for (const v of [log.dLoss, log.gLoss]) expect(v).toBeGreaterThan(0);
    for (const v of [log.realScore, log.fakeScore]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
    expect(log.diversity.ratio).toBeGreaterThan(0);
    expect(trainer.samples()).toHaveLength(16 * 64);
    trainer.dispose();
  });

  it('is repeatable from its seed, and a checkpoint restored into a new trainer continues exactly', async () => {
    const straight = new GanTrainer(gan, data, config);
    await straight.run({}, undefined, 2);
    const expected = straight.weights();
    const samples = straight.samples();
    straight.dispose();

    const first = new GanTrainer(gan, data, config);
    await first.run({}, undefined, 1);
    const saved = await first.checkpoint();
    first.dispose();
    const resumed = new GanTrainer(gan, data, config);
    await resumed.restore(saved.generator, saved.discriminator, saved);
    const steps: number[] = [];
    const result = await resumed.run({ onStep: (s) => steps.push(s.step) }, undefined, 1);
    expect(result.epoch).toBe(2);
    // 96 images / 16 = 6 generator steps per epoch: the resumed epoch's steps go on from 7.
    expect(saved.steps).toBe(6);
    expect(steps).toEqual([7, 8, 9, 10, 11, 12]);
    expect(flat(resumed.weights().generator)).toEqual(flat(expected.generator));
    expect(flat(resumed.weights().discriminator)).toEqual(flat(expected.discriminator));
    expect(Array.from(resumed.samples())).toEqual(Array.from(samples));
    resumed.dispose();
  });

  it('restore(weightsG, weightsD) puts both networks back', async () => {
    const a = new GanTrainer(gan, data, config);
    await a.run();
    const trained = a.weights();
    a.dispose();
    const b = new GanTrainer(gan, data, config);
    expect(flat(b.weights().generator)).not.toEqual(flat(trained.generator));
    await b.restore(trained.generator, trained.discriminator);
    expect(flat(b.weights().generator)).toEqual(flat(trained.generator));
    expect(flat(b.weights().discriminator)).toEqual(flat(trained.discriminator));
    b.dispose();
  });

  it('pauses and stops between iterations through a TrainingControl', async () => {
    const control = new TrainingControl();
    const trainer = new GanTrainer(gan, data, config);
    let steps = 0;
    const run = trainer.run(
      {
        onStep: () => {
          steps++;
          if (steps === 1) control.pause();
        },
      },
      control,
      3,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(steps).toBe(1);
    control.stop();
    const result = await run;
    expect(result.status).toBe('stopped');
    expect(steps).toBe(1);
    trainer.dispose();
  });

  it('refuses data that is not images of the generator’s shape, with a sentence', () => {
    expect(() => new GanTrainer(gan, { ...data, inputShape: [28, 28, 1] }, config)).toThrow(GanDataError);
    expect(() => new GanTrainer(gan, { ...data, inputShape: [28, 28, 1] }, config)).toThrow(
      /rebuild the DCGAN template/,
    );
    expect(() => new GanTrainer(gan, { ...data, kind: 'tabular' }, config)).toThrow(/load an image dataset/);
  });
});
