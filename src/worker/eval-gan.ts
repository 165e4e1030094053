/**
 * The evaluation worker's GAN part: the trained generator draws images for latent vectors the page
 * sends (grid, interpolation), and the Fashion-MNIST backbone (src/training/gan/scores.ts) finds a
 * sample's nearest training image and scores generated images against held-out real ones, with
 * the real-vs-real and noise bounds. The backbone is read on first use and then kept.
 */
import * as tf from '@tensorflow/tfjs';
import { compile } from '../compiler/compile';
import { applyWeights } from '../compiler/weights';
import { mulberry32 } from '../data/random';
import type { ReadModelFile } from '../model/pretrained';
import { latentBatch } from '../training/gan/latent';
import { FashionScorer, type GanScoreReport, type ImageSet } from '../training/gan/scores';
import type { GanLoadRequest } from './eval-protocol';

/** Seeds the noise bound apart from the scoring latents. */
const NOISE_SEED_OFFSET = 0x2545f491;

export interface NearestImage {
  /** Index into the training images the page sent. */
  readonly index: number;
  /** Euclidean distance between the two images' backbone features. */
  readonly distance: number;
  readonly image: Float32Array;
}

export class GanEvaluator {
  private scorer: FashionScorer | null = null;
  private trainFeatures: Float32Array | null = null;

  private constructor(
    private readonly generator: tf.LayersModel,
    private readonly req: Omit<GanLoadRequest, 'type' | 'id'>,
    private readonly readFile: ReadModelFile,
  ) {}

  static load(req: Omit<GanLoadRequest, 'type' | 'id'>, readFile: ReadModelFile): GanEvaluator {
    const model = compile(req.generator);
    try {
      applyWeights(model, req.weights);
    } catch (err) {
      model.dispose();
      throw err;
    }
    return new GanEvaluator(model, req, readFile);
  }

  get latentDim(): number {
    return this.req.latentDim;
  }

  /** `n` latent vectors drawn from `seed`: the same seed always gives the same vectors (and samples). */
  latents(seed: number, n: number): Float32Array {
    return latentBatch(mulberry32(seed >>> 0), n, this.req.latentDim);
  }

  /** Images for `n` latent vectors (row-major `n × latentDim`), each of the image shape, in [0, 1]. */
  generate(latent: Float32Array, n: number): Float32Array {
    if (latent.length !== n * this.req.latentDim) {
      throw new Error(
        `The generator takes latent vectors of ${this.req.latentDim} values, but ${latent.length} values came for ${n} images`,
      );
    }
    return tf.tidy(() => {
      const out = this.generator.predict(tf.tensor2d(latent, [n, this.req.latentDim])) as tf.Tensor;
      return out.dataSync() as Float32Array;
    });
  }

  private async backbone(): Promise<FashionScorer> {
    this.scorer ??= await FashionScorer.load(this.readFile);
    return this.scorer;
  }

  /** The training image whose backbone features are closest to `image`'s (a memorisation check). */
  async nearest(image: Float32Array): Promise<NearestImage> {
    const { train, imageShape } = this.req;
    if (train.n === 0) throw new Error('No training images were sent to compare the sample with: load the dataset');
    const scorer = await this.backbone();
    this.trainFeatures ??= scorer.features(train);
    const own = scorer.features({ x: image, n: 1, shape: imageShape });
    const k = own.length;
    let best = 0;
    let bestDistance = Infinity;
    for (let i = 0; i < train.n; i++) {
      let d = 0;
      for (let j = 0; j < k; j++) {
        const diff = this.trainFeatures[i * k + j]! - own[j]!;
        d += diff * diff;
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    const size = imageShape.reduce((a, b) => a * b, 1);
    return { index: best, distance: Math.sqrt(bestDistance), image: train.x.slice(best * size, (best + 1) * size) };
  }

  /**
   * Both scores of `n` generated images (latents from `seed`) against the held-out test images, and
   * the bounds: the validation images (real vs real) and uniform noise. `progress` hears each stage.
   */
  async score(seed: number, progress: (text: string) => void): Promise<GanScoreReport & { n: number }> {
    const { test, validation, imageShape } = this.req;
    const n = Math.min(test.n, validation.n);
    if (n < 2) {
      throw new Error(
        `Scoring needs held-out real images, but the dataset has ${test.n} test and ${validation.n} validation images: load a dataset with both splits`,
      );
    }
    const sized = (set: ImageSet): ImageSet => ({ ...set, n, x: set.x.subarray(0, (n * set.x.length) / set.n) });
    progress('Loading the Fashion-MNIST backbone…');
    const scorer = await this.backbone();
    progress(`Reading ${n} held-out real images…`);
    const reference = scorer.reference(sized(test));
    progress(`Generating and scoring ${n} images…`);
    const generated = this.generate(this.latents(seed, n), n);
    const score = scorer.score({ x: generated, n, shape: imageShape }, reference);
    progress('Scoring the bounds: real against real, and noise…');
    const bounds = scorer.bounds(sized(validation), reference, (seed + NOISE_SEED_OFFSET) >>> 0);
    return { score, bounds, n };
  }

  dispose(): void {
    this.generator.dispose();
    this.scorer?.dispose();
  }
}
