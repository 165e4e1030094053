import { afterEach, describe, expect, it } from 'vitest';
import { dcganTemplate } from '../model/gan-template';
import { scenarioPipeline, scenarioTemplate } from '../pipeline/scenarios';
import { createAppStore } from '../store/index';
import type { GanEvalWorker } from './gan-evaluation';
import { createGanEvaluation } from './gan-evaluation';
import { createGanTraining } from './gan-training';
import { fakeClients } from './fake-clients';
import { fakeDigits, FakeGanWorker } from './fake-gan-worker';
import { createSession } from './index';
import { ganOverrides, provideGanPipeline } from './pipeline-gan';

const images = fakeDigits(128, 20, 20);

/** A GAN project with the fashion scenario's pipeline (rule frechet ≤ 105), on 8×8 images to keep it small. */
function setup(frechet: number) {
  const store = createAppStore();
  store.getState().setGan(dcganTemplate([8, 8, 1], { latentDim: 8, width: 8 }), { epochs: 2 });
  store.getState().setDataset(images);
  store.getState().resetPipeline(scenarioPipeline(scenarioTemplate('scenario:fashion-gan')!));
  const clients = fakeClients();
  const workers: FakeGanWorker[] = [];
  const training = createGanTraining(
    store,
    (h) => {
      const w = new FakeGanWorker(h);
      workers.push(w);
      return Promise.resolve(w);
    },
    clients.storage,
  );
  const scored: string[] = [];
  const worker: GanEvalWorker = {
    ganLoad: async (req) => {
      scored.push(`load ${req.weights['g_dense']?.[0]?.values[0]}`);
    },
    ganGenerate: async () => ({ latent: new Float32Array(0), images: new Float32Array(0) }),
    ganNearest: async (image) => ({ index: 0, distance: 0, image }),
    ganScore: async () => {
      const s = (f: number) => ({ inception: 2, frechet: f });
      return { score: s(frechet), bounds: { real: s(4), noise: s(210) }, n: 20 };
    },
  };
  const evaluation = createGanEvaluation(
    store,
    async () => worker,
    () => 'http://app/',
  );
  provideGanPipeline(() => ({ training, evaluation }));
  const session = createSession(store, clients);
  return { store, session, workers, scored, clients };
}

afterEach(() => provideGanPipeline(null));

describe('the pipeline runs a GAN project', () => {
  it('trains a GAN run, scores its generator and checks "frechet ≤ 105": met', async () => {
    const { store, session, workers, scored, clients } = setup(68);
    const result = await session.pipeline.run();
    expect(result?.outcome).toBe('met');
    expect(result?.check?.text).toBe('frechet 68.00 ≤ 105.00 ✓');
    // One GAN run of 2 epochs, scored with its finished generator (epoch 2's weights); no normal run.
    expect(workers).toHaveLength(1);
    expect(store.getState().gan!.runs.map((r) => [r.status, r.epochs.length])).toEqual([['completed', 2]]);
    expect(scored).toEqual(['load 2']);
    expect(clients.workers).toHaveLength(0);
    expect(store.getState().runs).toEqual([]);
    expect(store.getState().gan!.runs[0]!.scores?.score.frechet).toBe(68);
    session.dispose();
  });

  it('misses the target with the number, and Optimize is asked for', async () => {
    const { session } = setup(150);
    const result = await session.pipeline.run();
    expect(result?.outcome).toBe('not-met');
    expect(result?.message).toMatch(/frechet 150\.00 > 105\.00/);
    session.dispose();
  });

  it('fails at the Model stage with the GAN’s own reason when the networks do not fit the data', async () => {
    const { store, session, workers } = setup(68);
    store.getState().setDataset({ ...images, inputShape: [12, 12, 1] });
    const result = await session.pipeline.run();
    expect(result?.outcome).toBe('failed');
    expect(result?.message).toMatch(/generator draws 8×8×1 images but "Digits" holds 12×12×1/);
    expect(workers).toHaveLength(0);
    session.dispose();
  });

  it('gives a search trial’s learning rate to both networks', () => {
    expect(ganOverrides({ learningRate: 1e-3, epochs: 4 })).toEqual({
      generatorLearningRate: 1e-3,
      discriminatorLearningRate: 1e-3,
      epochs: 4,
    });
  });
});
