import { describe, expect, it } from 'vitest';
import { dcganTemplate } from '../model/gan-template';
import { createAppStore } from '../store/index';
import type { GanClientHandlers } from '../worker/gan-client';
import type { GanStartRequest } from '../worker/train-protocol';
import { fakeDigits } from './fake-gan-worker';
import { createGanTraining, type GanWorker } from './gan-training';

const images = fakeDigits();

function setup() {
  const store = createAppStore();
  const calls: string[] = [];
  let handlers: GanClientHandlers | null = null;
  let started: Omit<GanStartRequest, 'type'> | null = null;
  const worker: GanWorker = {
    start: (req) => {
      started = req;
      calls.push('start');
    },
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    stop: () => calls.push('stop'),
    checkpointSaved: () => calls.push('saved'),
    terminate: () => calls.push('terminate'),
  };
  const training = createGanTraining(store, (h) => {
    handlers = h;
    return Promise.resolve(worker);
  });
  return { store, training, calls, handlers: () => handlers!, started: () => started };
}

describe('GAN training from the page', () => {
  it('will not start without a GAN or an image dataset, and says what to do', async () => {
    const { store, training, calls } = setup();
    expect(training.blocker()).toMatch(/DCGAN template/);
    store.getState().setGan(dcganTemplate([8, 8, 1]));
    expect(training.blocker()).toMatch(/Load an image dataset/);
    await training.start();
    expect(store.getState().ganRun).toMatchObject({ status: 'failed', error: expect.stringMatching(/image dataset/) });
    expect(calls).toEqual([]);
  });

  it('names the graph at fault when the networks do not fit together', () => {
    const { store, training } = setup();
    store.getState().setGan({
      generator: dcganTemplate([8, 8, 1]).generator,
      discriminator: dcganTemplate([12, 12, 1]).discriminator,
    });
    store.getState().setDataset(images);
    expect(training.blocker()).toMatch(/^Fix the generator on the Model page: .*\[12, 12, 1\].*1 more/);
  });

  it('asks for the template again when the dataset’s images are another size than the generator draws', () => {
    const { store, training } = setup();
    store.getState().setGan(dcganTemplate([28, 28, 1]));
    store.getState().setDataset(images);
    expect(training.blocker()).toBe(
      'The generator draws 28×28×1 images but "Digits" holds 8×8×1: load the DCGAN template again on the Model page to size both networks to this dataset',
    );
  });

  it('sends the project’s GAN settings and turns the worker’s events into the live view', async () => {
    const { store, training, calls, handlers, started } = setup();
    store
      .getState()
      .setGan(dcganTemplate([8, 8, 1]), { discriminatorSteps: 3, generatorLearningRate: 1e-3, epochs: 7 });
    store.getState().setDataset(images);
    await training.start();
    expect(started()).toMatchObject({
      epochs: 7,
      config: { discriminatorSteps: 3, realLabel: 0.9, generatorOptimizer: { learningRate: 1e-3, beta1: 0.5 } },
    });
    const h = handlers();
    h.onEvent({ type: 'backend', backend: 'wasm', label: 'wasm', reason: 'wasm (GAN)', notices: [] });
    expect(store.getState().ganRun.status).toBe('running');
    h.onEvent({
      type: 'gan-steps',
      steps: [{ epoch: 1, step: 1, dLoss: 1.3, gLoss: 0.7, realScore: 0.5, fakeScore: 0.4 }],
    });
    h.onEvent({ type: 'gan-grid', step: 1, epoch: 1, width: 2, height: 2, rgba: new Uint8Array(16) });
    const diversity = { samples: 0.1, real: 1, ratio: 0.1, collapsed: true, warning: 'collapsing' };
    h.onEvent({
      type: 'gan-epoch',
      log: { epoch: 1, dLoss: 1, gLoss: 1, realScore: 0.5, fakeScore: 0.5, seconds: 1, diversity },
    });
    const run = store.getState().ganRun;
    expect(run.steps.map((p) => p.gLoss)).toEqual([0.7]);
    expect(run.grids).toHaveLength(1);
    expect(run.warning).toBe('collapsing');
    training.pause();
    expect(store.getState().ganRun.status).toBe('paused');
    training.stop();
    expect(calls).toEqual(['start', 'pause', 'resume', 'stop']);
    const w = (v: number) => [{ name: 'kernel', shape: [1], values: new Float32Array([v]) }];
    const weights = { generator: { dense: w(1) }, discriminator: { out: w(2) } };
    h.onEvent({ type: 'gan-done', status: 'stopped', epochs: 1, weights });
    expect(store.getState().ganRun.status).toBe('stopped');
    // The last weights stay for the Evaluate page; a new run forgets them.
    expect(store.getState().ganRun.weights).toBe(weights);
  });
});
