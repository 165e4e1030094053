import { describe, expect, it } from 'vitest';
import type { PreparedDataset } from '../data/types';
import { analyzeGan } from '../model/gan';
import { dcganTemplate } from '../model/gan-template';
import { createAppStore } from '../store/index';
import type { GanWeights } from '../worker/train-protocol';
import {
  createGanEvaluation,
  interpolateLatent,
  NEAREST_IMAGES,
  SCORE_IMAGES,
  type GanEvalWorker,
} from './gan-evaluation';

const split = (n: number) => ({ n, x: new Float32Array(n * 64).map((_, i) => (i % 7) / 7), y: new Float32Array(n) });
const digits: PreparedDataset = {
  id: 'digits',
  name: 'Digits',
  kind: 'image',
  task: 'multiclass',
  inputShape: [8, 8, 1],
  classNames: ['0'],
  train: split(NEAREST_IMAGES + 10),
  validation: split(40),
  test: split(SCORE_IMAGES + 3),
  transform: null,
};
const gan = dcganTemplate([8, 8, 1]);
const latentDim = analyzeGan(gan).latentDim!;

function setup() {
  const store = createAppStore();
  const calls: string[] = [];
  const loads: Parameters<GanEvalWorker['ganLoad']>[0][] = [];
  const worker: GanEvalWorker = {
    ganLoad: async (req) => {
      loads.push(req);
      calls.push('load');
    },
    // Each image's pixels are its latent's first value, so a test can tell which latent drew it.
    // Each seed's latents are filled with the seed; each image's pixels are its latent's first value.
    ganGenerate: async ({ latent, seed, n }) => {
      calls.push(`generate ${n}`);
      const z = latent ?? new Float32Array(n * latentDim).fill(seed);
      return { latent: z, images: Float32Array.from({ length: n * 64 }, (_, i) => z[Math.floor(i / 64) * latentDim]!) };
    },
    ganNearest: async (image) => ({ index: 3, distance: 0.5, image }),
    ganScore: async (seed, onProgress) => {
      onProgress('scoring');
      const s = { inception: seed, frechet: 1 };
      return { score: s, bounds: { real: s, noise: s }, n: 10 };
    },
  };
  const evaluation = createGanEvaluation(
    store,
    async () => worker,
    () => 'http://app/',
  );
  return { store, calls, loads, evaluation };
}

const w = (v: number) => [{ name: 'kernel', shape: [1], values: new Float32Array([v]) }];
const weights = (v: number): GanWeights => ({ generator: { g: w(v) }, discriminator: { d: w(v) } });

describe('GAN evaluation', () => {
  it('says what is missing: a GAN, a finished run, the image data', async () => {
    const { store, evaluation } = setup();
    expect(evaluation.blocker()).toMatch(/not a GAN/);
    store.getState().setGan(gan);
    expect(evaluation.blocker()).toMatch(/Train the GAN first/);
    store.getState().patchGanRun({ weights: weights(1) });
    expect(evaluation.blocker()).toMatch(/Load the image dataset/);
    await expect(evaluation.samples(1)).rejects.toThrow(/Load the image dataset/);
    store.setState({ dataset: digits });
    expect(evaluation.blocker()).toBeNull();
  });

  it('loads the generator once per run and sends capped slices of the real images', async () => {
    const { store, calls, loads, evaluation } = setup();
    store.getState().setGan(gan);
    store.setState({ dataset: digits });
    store.getState().patchGanRun({ weights: weights(1) });
    const a = await evaluation.samples(5);
    const b = await evaluation.samples(5);
    expect(calls).toEqual(['load', 'generate 64', 'generate 64']);
    expect(loads[0]!.train.n).toBe(NEAREST_IMAGES);
    expect(loads[0]!.train.x.length).toBe(NEAREST_IMAGES * 64);
    expect(loads[0]!.test.n).toBe(SCORE_IMAGES);
    expect(loads[0]!.validation.n).toBe(40);
    expect(loads[0]!.latentDim).toBe(latentDim);
    expect(a.latent[0]).toBe(5);
    expect(b.images.length).toBe(64 * 64);
    // A new run's weights are loaded again.
    store.getState().patchGanRun({ weights: weights(2) });
    await evaluation.samples(5);
    expect(calls.filter((c) => c === 'load')).toHaveLength(2);
    expect(loads[1]!.weights).toEqual(weights(2).generator);
  });

  it('refuses a dataset of another image size than the generator draws', async () => {
    const { store, evaluation } = setup();
    store.getState().setGan(gan);
    store.getState().patchGanRun({ weights: weights(1) });
    store.setState({ dataset: { ...digits, inputShape: [28, 28, 1] } });
    await expect(evaluation.samples(1)).rejects.toThrow('draws 8×8×1 images but "Digits" holds 28×28×1');
  });

  it('interpolates between two latents and passes progress through scoring', async () => {
    const { store, evaluation } = setup();
    store.getState().setGan(gan);
    store.setState({ dataset: digits });
    store.getState().patchGanRun({ weights: weights(1) });
    const a = Float32Array.from({ length: latentDim }, (_, i) => i);
    const b = Float32Array.from({ length: latentDim }, (_, i) => -2 * i + 1);
    expect(Array.from(interpolateLatent(a, b, 0))).toEqual(Array.from(a));
    expect(interpolateLatent(a, b, 1)[3]).toBeCloseTo(b[3]!, 6);
    expect(interpolateLatent(a, b, 0.5)[3]).toBeCloseTo((a[3]! + b[3]!) / 2, 6);
    const mid = await evaluation.between(a, b, 0.25);
    expect(mid[0]).toBeCloseTo(a[0]! + (b[0]! - a[0]!) * 0.25, 6);
    const stages: string[] = [];
    const report = await evaluation.score(9, (t) => stages.push(t));
    expect(report.score.inception).toBe(9);
    expect(stages).toEqual(['Loading the generator…', 'scoring']);
  });
});

describe('GAN scores kept on the run', () => {
  it('records the scores on the run whose generator was scored', async () => {
    const { store, evaluation } = setup();
    store.getState().setGan(gan);
    store.setState({ dataset: digits });
    const record = {
      id: 'gan-1',
      name: 'GAN run 1',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'completed' as const,
      settings: store.getState().gan!.settings,
      seed: 1,
      dataName: 'Digits',
      epochs: [],
      scores: null,
    };
    store.getState().putGanRunRecord(record);
    store.getState().putGanRunRecord({ ...record, id: 'gan-2' });
    store.getState().patchGanRun({ weights: weights(1), runId: 'gan-2' });
    await evaluation.score(4, () => {});
    const [one, two] = store.getState().gan!.runs;
    expect(one!.scores).toBeNull();
    expect(two!.scores).toEqual({
      score: { inception: 4, frechet: 1 },
      bounds: { real: { inception: 4, frechet: 1 }, noise: { inception: 4, frechet: 1 } },
      n: 10,
      seed: 4,
    });
  });
});
