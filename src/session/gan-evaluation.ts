/**
 * The Evaluate page of a GAN: the finished run's generator is loaded into the evaluation worker
 * (once per run's weights), with slices of the dataset's training images (nearest-image search)
 * and held-out images (scores). Latent vectors are drawn here from seeds, so a seed always gives
 * the same samples, and interpolation just mixes two of them.
 */
import { analyzeGan } from '../model/gan';
import type { GanScoreReport, ImageSet } from '../training/gan/scores';
import { ganGraphs } from '../store/gan-slice';
import type { AppStore } from '../store/types';
import type { EvalClient } from '../worker/eval-client';
import type { GanWeights } from '../worker/train-protocol';

export type GanEvalWorker = Pick<EvalClient, 'ganLoad' | 'ganGenerate' | 'ganNearest' | 'ganScore'>;

/** Training images the nearest-image search compares with (the backbone reads each once). */
export const NEAREST_IMAGES = 2000;
/** Images per set for the scores (generated, held-out test, held-out validation). */
export const SCORE_IMAGES = 500;
/** Samples in the grid (8×8). */
export const GRID_SAMPLES = 64;

/** The point `t` of the way from latent `a` to latent `b` (0: a, 1: b). */
export function interpolateLatent(a: Float32Array, b: Float32Array, t: number): Float32Array {
  if (a.length !== b.length) throw new Error(`Cannot interpolate latents of ${a.length} and ${b.length} values`);
  return a.map((v, i) => v + (b[i]! - v) * t);
}

export interface GanSamples {
  readonly seed: number;
  readonly n: number;
  readonly shape: readonly number[];
  readonly latent: Float32Array;
  readonly images: Float32Array;
}

export function createGanEvaluation(store: AppStore, worker: () => Promise<GanEvalWorker>, baseUrl: () => string) {
  const s = () => store.getState();
  interface Loaded {
    readonly weights: GanWeights;
    readonly shape: readonly number[];
  }
  let loaded: Loaded | null = null;
  let loading: Promise<Loaded> | null = null;

  /** Why there is nothing to evaluate yet, or null. */
  function blocker(): string | null {
    const st = s();
    if (!ganGraphs(st)) return 'This project is not a GAN.';
    if (!st.ganRun.weights)
      return 'Train the GAN first (the Train page): its generator is evaluated once the run finishes or is stopped after at least one finished epoch.';
    if (st.dataset?.kind !== 'image') return 'Load the image dataset the GAN trained on (the Data page).';
    return null;
  }

  async function ready(): Promise<Loaded> {
    const why = blocker();
    if (why) throw new Error(why);
    const st = s();
    const weights = st.ganRun.weights!;
    if (loaded?.weights === weights) return loaded;
    if (loading) return loading;
    const graphs = ganGraphs(st)!;
    const analysis = analyzeGan(graphs);
    const dataset = st.dataset!;
    const shape = dataset.inputShape;
    if (analysis.latentDim === null || analysis.imageShape?.join('×') !== shape.join('×')) {
      throw new Error(
        `The generator draws ${analysis.imageShape?.join('×') ?? 'no'} images but "${dataset.name}" holds ${shape.join('×')}: load the dataset the GAN trained on`,
      );
    }
    const size = shape.reduce((a, b) => a * b, 1);
    const images = (split: { n: number; x: Float32Array }, most: number): ImageSet => {
      const n = Math.min(split.n, most);
      return { n, x: split.x.subarray(0, n * size), shape };
    };
    const latentDim = analysis.latentDim;
    loading = (async () => {
      const w = await worker();
      await w.ganLoad({
        generator: graphs.generator,
        weights: weights.generator,
        latentDim,
        imageShape: shape,
        train: images(dataset.train, NEAREST_IMAGES),
        test: images(dataset.test, SCORE_IMAGES),
        validation: images(dataset.validation, SCORE_IMAGES),
        baseUrl: baseUrl(),
      });
      const done: Loaded = { weights, shape };
      loaded = done;
      return done;
    })().finally(() => {
      loading = null;
    });
    return loading;
  }

  return {
    blocker,
    /** `n` samples from the latents of `seed` (the grid: GRID_SAMPLES). */
    async samples(seed: number, n = GRID_SAMPLES): Promise<GanSamples> {
      const { shape } = await ready();
      const { images, latent } = await (await worker()).ganGenerate({ latent: null, seed, n });
      return { seed, n, shape, latent, images };
    },
    /** One image `t` of the way between latents `a` and `b`. */
    async between(a: Float32Array, b: Float32Array, t: number): Promise<Float32Array> {
      await ready();
      const { images } = await (await worker()).ganGenerate({ latent: interpolateLatent(a, b, t), seed: 0, n: 1 });
      return images;
    },
    async nearest(image: Float32Array) {
      await ready();
      return (await worker()).ganNearest(image);
    },
    async score(seed: number, onProgress: (text: string) => void): Promise<GanScoreReport & { n: number }> {
      onProgress('Loading the generator…');
      const { weights } = await ready();
      const report = await (await worker()).ganScore(seed, onProgress);
      // The run these weights are from keeps its scores (the project's GAN run record).
      const st = s();
      const runId = st.ganRun.weights === weights ? st.ganRun.runId : null;
      if (runId) st.setGanRunScores(runId, { score: report.score, bounds: report.bounds, n: report.n, seed });
      return report;
    },
  };
}

export type GanEvaluation = ReturnType<typeof createGanEvaluation>;
