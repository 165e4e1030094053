import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import type { PreparedDataset, Split } from '../data/types';
import { dcganTemplate } from '../model/gan-template';
import { TrainingControl } from '../training/control';
import { GRID_EVERY_MS, runGan } from './train-gan';
import type { GanEvent, GanStartRequest, TrainEvent } from './train-protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function dots(n: number, seed: number): Split {
  const rng = mulberry32(seed);
  const x = new Float32Array(n * 64);
  for (let i = 0; i < n; i++) x[i * 64 + Math.floor(rng() * 64)] = 1;
  return { n, x, y: new Float32Array(n) };
}

const dataset: PreparedDataset = {
  id: 'dots',
  name: 'Dots',
  kind: 'image',
  task: 'multiclass',
  inputShape: [8, 8, 1],
  classNames: ['dot'],
  train: dots(64, 1),
  validation: dots(8, 2),
  test: dots(8, 3),
  transform: null,
};

const request = (epochs: number): GanStartRequest => ({
  type: 'train-gan',
  gan: dcganTemplate([8, 8, 1], { latentDim: 8, width: 8 }),
  dataset,
  config: { batchSize: 16, seed: 2, sampleCount: 16 },
  forceBackend: null,
  epochs,
});

/** Runs with a clock that moves `msPerCall` each time it is read, collecting the events. */
async function run(epochs: number, msPerCall: number, control = new TrainingControl()) {
  const events: (TrainEvent | GanEvent)[] = [];
  let t = 0;
  await runGan(request(epochs), {
    control,
    post: (e) => events.push(e),
    now: () => (t += msPerCall),
    activate: () => Promise.resolve({ backend: 'cpu', label: 'cpu' }),
  });
  return events;
}

describe('the worker’s GAN run', () => {
  it('sends steps, epochs, the first and the final grid, and ends with gan-done', async () => {
    const events = await run(2, 1);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('backend');
    expect(types.at(-1)).toBe('gan-done');
    const steps = events.flatMap((e) => (e.type === 'gan-steps' ? e.steps : []));
    // 64 images, batches of 16, k = 1: 4 generator steps an epoch.
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(steps.every((s) => Number.isFinite(s.dLoss) && s.realScore >= 0 && s.fakeScore <= 1)).toBe(true);
    expect(events.filter((e) => e.type === 'gan-epoch')).toHaveLength(2);
    const grids = events.filter((e) => e.type === 'gan-grid');
    // The clock barely moves: the starting grid and the finished generator's only.
    expect(grids.map((g) => g.step)).toEqual([0, 8]);
    const first = grids[0]!;
    // 16 samples of 8×8 in rows of 8, with 1-pixel gaps between them.
    expect([first.width, first.height]).toEqual([8 * 8 + 7, 2 * 8 + 1]);
    expect(first.rgba.length).toBe(first.width * first.height * 4);
  });

  it('redraws the grid at most every GRID_EVERY_MS', async () => {
    // Each clock read moves a third of the interval; a step reads it twice or thrice.
    const events = await run(2, GRID_EVERY_MS / 3);
    const grids = events.filter((e) => e.type === 'gan-grid').map((g) => g.step);
    expect(grids.length).toBeGreaterThan(2);
    expect(grids.length).toBeLessThan(9);
  });

  it('stops when told and says so; stopped before an epoch finished, it has no weights to keep', async () => {
    const control = new TrainingControl();
    control.stop();
    const events = await run(3, 1, control);
    expect(events.at(-1)).toMatchObject({ type: 'gan-done', status: 'stopped', epochs: 0, weights: null });
  });

  it('posts a checkpoint after each epoch and waits for the page to store it before the next', async () => {
    const events: (TrainEvent | GanEvent)[] = [];
    const acks: (() => void)[] = [];
    const running = runGan(request(2), {
      control: new TrainingControl(),
      post: (e) => events.push(e),
      activate: () => Promise.resolve({ backend: 'cpu', label: 'cpu' }),
      checkpointStored: () => new Promise<void>((resolve) => acks.push(resolve)),
    });
    while (acks.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30));
    const stepsBefore = events.flatMap((e) => (e.type === 'gan-steps' ? e.steps : [])).length;
    const cp = events.find((e) => e.type === 'gan-checkpoint');
    expect(cp?.type === 'gan-checkpoint' && cp.checkpoint).toMatchObject({ epoch: 1, steps: 4 });
    // Epoch 2 has not begun while epoch 1 is unstored.
    expect(stepsBefore).toBe(4);
    expect(events.map((e) => e.type).indexOf('gan-epoch')).toBeLessThan(
      events.map((e) => e.type).indexOf('gan-checkpoint'),
    );
    acks[0]!();
    while (acks.length < 2) await new Promise((r) => setTimeout(r, 5));
    acks[1]!();
    await running;
    expect(events.filter((e) => e.type === 'gan-checkpoint')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'gan-done', status: 'completed', epochs: 2 });
  });

  it('a stop mid-epoch keeps the last finished epoch’s weights, and a resumed run goes on from its checkpoint', async () => {
    const control = new TrainingControl();
    const events: (TrainEvent | GanEvent)[] = [];
    let steps = 0;
    let t = 0;
    await runGan(request(3), {
      control,
      post: (e) => {
        events.push(e);
        if (e.type === 'gan-steps') steps += e.steps.length;
        // Two steps into epoch 2 (4 steps an epoch).
        if (steps >= 6) control.stop();
      },
      // Each step's log is sent at once: the clock moves past the 250 ms between sends.
      now: () => (t += 300),
      activate: () => Promise.resolve({ backend: 'cpu', label: 'cpu' }),
    });
    const cp = events.find((e) => e.type === 'gan-checkpoint');
    const done = events.at(-1);
    if (cp?.type !== 'gan-checkpoint' || done?.type !== 'gan-done') throw new Error('no checkpoint or end');
    expect(done).toMatchObject({ status: 'stopped', epochs: 1 });
    expect(done.weights?.generator).toEqual(cp.checkpoint.generator);
    expect(done.weights?.discriminator).toEqual(cp.checkpoint.discriminator);

    const resumed: (TrainEvent | GanEvent)[] = [];
    await runGan(
      { ...request(2), checkpoint: cp.checkpoint },
      {
        control: new TrainingControl(),
        post: (e) => resumed.push(e),
        activate: () => Promise.resolve({ backend: 'cpu', label: 'cpu' }),
      },
    );
    const resumedSteps = resumed.flatMap((e) => (e.type === 'gan-steps' ? e.steps : []));
    expect(resumedSteps[0]).toMatchObject({ step: 5, epoch: 2 });
    expect(resumed.at(-1)).toMatchObject({ type: 'gan-done', status: 'completed', epochs: 3 });
  });

  it('refuses a checkpoint of other networks with a setup error that says to start anew', async () => {
    const events: (TrainEvent | GanEvent)[] = [];
    const other = { generator: { nope: [] }, discriminator: {} };
    await runGan(
      {
        ...request(1),
        checkpoint: {
          epoch: 1,
          ...other,
          optimizers: { generator: { iterations: 0, slots: [] }, discriminator: { iterations: 0, slots: [] } },
          rng: { shuffle: 1, noise: 1 },
        } as never,
      },
      {
        control: new TrainingControl(),
        post: (e) => events.push(e),
        activate: () => Promise.resolve({ backend: 'cpu', label: 'cpu' }),
      },
    );
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      kind: 'setup',
      message: expect.stringMatching(/stored epoch 1.*start a new run/),
    });
  });

  it('refuses a dataset that is not images with a setup error naming it', async () => {
    const events: (TrainEvent | GanEvent)[] = [];
    await runGan(
      { ...request(1), dataset: { ...dataset, kind: 'table' } as unknown as PreparedDataset },
      {
        control: new TrainingControl(),
        post: (e) => events.push(e),
        activate: () => Promise.resolve({ backend: 'cpu', label: 'cpu' }),
      },
    );
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ kind: 'setup', message: expect.stringMatching(/Dots.*load an image dataset/) });
  });
});
