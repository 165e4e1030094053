/**
 * Quality scores for generated images, computed with the project's own Fashion-MNIST networks
 * (public/models/): the backbone's 128 penultimate features and the 10-class head that taught it.
 *
 * - Inception-style score: exp(mean KL(p(y|x) ‖ p(y))). High when each image is confidently one
 *   class and the classes are varied; 1 at worst, 10 at best.
 * - Fréchet distance between Gaussians fitted to the features of generated and held-out real
 *   images (FID with our backbone in place of Inception). Lower is better; 0 for the same set.
 *
 * Both only mean something next to their bounds: held-out real images against another real
 * sample (the best a generator can hope for) and uniform noise (a generator that learned nothing).
 * Images of another size or channel count are resized to the backbone's 28×28 grey input.
 */
import * as tf from '@tensorflow/tfjs';
import { applyWeights } from '../../compiler/weights';
import { compile } from '../../compiler/compile';
import { mulberry32 } from '../../data/random';
import { fashionBackbone, fashionClassifierHead } from '../../model/backbones';
import { importLayersModel } from '../../model/keras-import';
import type { ReadModelFile } from '../../model/pretrained';
import { manifestPaths } from '../../model/weights';
import { frechetDistance, moments, type Moments } from './linalg';

export interface GanScore {
  readonly inception: number;
  readonly frechet: number;
}

export interface GanScoreReport {
  readonly score: GanScore;
  readonly bounds: { readonly real: GanScore; readonly noise: GanScore };
}

/** A set of images, row-major, each of `shape` ([h, w, c]) with values in [0, 1]. */
export interface ImageSet {
  readonly x: Float32Array;
  readonly n: number;
  readonly shape: readonly number[];
}

const BACKBONE_SIZE = 28;
const BATCH = 250;

async function loadNetwork(readFile: ReadModelFile, folder: string): Promise<tf.LayersModel> {
  const json: unknown = JSON.parse(new TextDecoder().decode(await readFile(`${folder}model.json`)));
  const shards = await Promise.all(
    manifestPaths((json as { weightsManifest?: unknown }).weightsManifest).map(async (path) => {
      const bytes = await readFile(`${folder}${path}`);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    }),
  );
  const imported = importLayersModel(json, shards);
  const model = compile(imported.graph);
  applyWeights(model, imported.weights ?? {});
  return model;
}

/** exp of the mean KL divergence of each row of `probs` (n × k) from their mean. */
export function inceptionScore(probs: Float32Array, n: number): number {
  const k = probs.length / n;
  const marginal = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) marginal[c]! += probs[i * k + c]! / n;
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const p = probs[i * k + c]!;
      if (p > 0) kl += p * (Math.log(p) - Math.log(marginal[c]!));
    }
  }
  return Math.exp(kl / n);
}

/** `n` images of uniform noise in [0, 1], seeded. */
export function noiseImages(n: number, shape: readonly number[], seed: number): ImageSet {
  const rng = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return { x: Float32Array.from({ length: n * size }, () => rng()), n, shape };
}

export class FashionScorer {
  private constructor(
    private readonly backbone: tf.LayersModel,
    private readonly head: tf.LayersModel,
  ) {}

  /** Reads the backbone and the head from public/models/ through `readFile`. */
  static async load(readFile: ReadModelFile): Promise<FashionScorer> {
    const backbone = await loadNetwork(readFile, fashionBackbone.weights);
    const head = await loadNetwork(readFile, fashionClassifierHead.weights);
    return new FashionScorer(backbone, head);
  }

  /** The backbone's 128 features of each image (n × 128). */
  features(images: ImageSet): Float32Array {
    const size = images.shape.reduce((a, b) => a * b, 1);
    const parts: Float32Array[] = [];
    for (let at = 0; at < images.n; at += BATCH) {
      const count = Math.min(BATCH, images.n - at);
      parts.push(
        tf.tidy(() => {
          let x = tf.tensor4d(images.x.subarray(at * size, (at + count) * size), [count, ...images.shape] as [
            number,
            number,
            number,
            number,
          ]);
          if (images.shape[2] !== 1) x = tf.mean(x, 3, true);
          if (images.shape[0] !== BACKBONE_SIZE || images.shape[1] !== BACKBONE_SIZE) {
            x = tf.image.resizeBilinear(x as tf.Tensor4D, [BACKBONE_SIZE, BACKBONE_SIZE]);
          }
          return (this.backbone.predict(x) as tf.Tensor).dataSync() as Float32Array;
        }),
      );
    }
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }

  /** Class probabilities from features (n × 10). */
  probabilities(features: Float32Array, n: number): Float32Array {
    return tf.tidy(() => {
      const f = tf.tensor2d(features, [n, features.length / n]);
      return (this.head.predict(f) as tf.Tensor).dataSync() as Float32Array;
    });
  }

  /** Feature statistics of the held-out real images every score is measured against. */
  reference(images: ImageSet): Moments {
    return moments(this.features(images), images.n);
  }

  /** Both scores of `images` against the reference statistics. */
  score(images: ImageSet, reference: Moments): GanScore {
    const features = this.features(images);
    return {
      inception: inceptionScore(this.probabilities(features, images.n), images.n),
      frechet: frechetDistance(moments(features, images.n), reference),
    };
  }

  /** The scores of another real sample and of uniform noise (as many images), for comparison. */
  bounds(otherReal: ImageSet, reference: Moments, seed: number): { real: GanScore; noise: GanScore } {
    return {
      real: this.score(otherReal, reference),
      noise: this.score(noiseImages(otherReal.n, otherReal.shape, seed), reference),
    };
  }

  dispose(): void {
    this.backbone.dispose();
    this.head.dispose();
  }
}
