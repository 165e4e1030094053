/**
 * Trains a GAN on an image dataset: each iteration takes k discriminator steps (each on its own
 * real batch) and then one generator step. An epoch is one pass over the training images. The
 * labels are ignored. Pause and stop come through a TrainingControl, checked between iterations,
 * as in the normal trainer; `checkpoint()` / `restore()` carry both networks, both optimizers and
 * the random streams, so a resumed run continues as if never stopped.
 */
import * as tf from '@tensorflow/tfjs';
import { applyWeights, extractWeights } from '../../compiler/weights';
import { rngFor, shuffledIndices, type SeededRng } from '../../data/random';
import type { PreparedDataset } from '../../data/types';
import { analyzeGan, type GanGraphs } from '../../model/gan';
import { formatShape } from '../../model/graph';
import type { LayerWeights } from '../../model/weights';
import type { TrainingControl } from '../control';
import { makeOptimizer, optimizerFromState, readOptimizerState, type OptimizerState } from '../optimizers';
import { compileSeeded } from '../train';
import { parseGanConfig, type GanConfig, type GanConfigInput } from './config';
import { diversityReport, type DiversityReport } from './diversity';
import { latentBatch } from './latent';
import { discriminatorStep, generatorStep, type GanModels } from './step';

export interface GanStepLog {
  readonly epoch: number;
  /** Generator steps so far, from 1 (a restored run goes on from its checkpoint's count). */
  readonly step: number;
  readonly dLoss: number;
  readonly gLoss: number;
  /** Mean D(x) on the last real batch. */
  readonly realScore: number;
  /** Mean D(G(z)) on the last fake batch the discriminator saw. */
  readonly fakeScore: number;
}

export interface GanEpochLog {
  readonly epoch: number;
  /** Means over the epoch's iterations. */
  readonly dLoss: number;
  readonly gLoss: number;
  readonly realScore: number;
  readonly fakeScore: number;
  readonly seconds: number;
  readonly diversity: DiversityReport;
}

export interface GanHooks {
  onStep?(log: GanStepLog): void;
  /** Awaited before the next epoch begins (store a checkpoint here). */
  onEpoch?(log: GanEpochLog): void | Promise<void>;
}

export interface GanRunResult {
  readonly status: 'completed' | 'stopped';
  /** Epochs finished in all, including those before a restore. */
  readonly epoch: number;
  readonly history: readonly GanEpochLog[];
}

export interface GanCheckpoint {
  readonly epoch: number;
  readonly generator: LayerWeights;
  readonly discriminator: LayerWeights;
  readonly optimizers: { readonly generator: OptimizerState; readonly discriminator: OptimizerState };
  /** States of the batch-order and latent streams. */
  readonly rng: { readonly shuffle: number; readonly noise: number };
  /** Generator steps so far, so a resumed run's step count goes on (absent: 0). */
  readonly steps?: number;
}

export class GanDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GanDataError';
  }
}

/** Images the diversity measure compares the samples with. */
const DIVERSITY_REFERENCE = 64;

/** A different stream of initial weights for the discriminator than the generator's. */
const DISCRIMINATOR_SEED_OFFSET = 0x5bd1e995;

export class GanTrainer {
  readonly config: GanConfig;
  readonly latentDim: number;
  readonly imageShape: readonly number[];
  private readonly models: GanModels;
  private gOptimizer: tf.Optimizer;
  private dOptimizer: tf.Optimizer;
  private readonly shuffle: SeededRng;
  private readonly noise: SeededRng;
  /** The fixed latent batch of the sample grid, drawn once from the seed. */
  readonly fixedLatent: Float32Array;
  private epochsDone = 0;
  private stepsDone = 0;

  constructor(
    private readonly gan: GanGraphs,
    private readonly dataset: PreparedDataset,
    config: GanConfigInput = {},
  ) {
    this.config = parseGanConfig(config);
    const analysis = analyzeGan(gan);
    if (analysis.issues.length > 0) {
      throw new GanDataError(
        `The GAN cannot train yet: ${analysis.issues.map((i) => `${i.graph}: ${i.message}`).join('; ')}`,
      );
    }
    const image = analysis.imageShape!;
    if (dataset.kind !== 'image') {
      throw new GanDataError(
        `A GAN learns to draw images, but "${dataset.name}" is ${dataset.kind} data: load an image dataset`,
      );
    }
    if (formatShape(image) !== formatShape(dataset.inputShape)) {
      throw new GanDataError(
        `The generator draws ${formatShape(image)} images but "${dataset.name}" holds ${formatShape(dataset.inputShape)}: ` +
          'rebuild the DCGAN template for this dataset, or change the generator and the discriminator Input to match',
      );
    }
    if (dataset.train.n < this.config.batchSize) {
      throw new GanDataError(
        `"${dataset.name}" has ${dataset.train.n} training images, fewer than one batch of ${this.config.batchSize}: lower the batch size`,
      );
    }
    this.latentDim = analysis.latentDim!;
    this.imageShape = image;
    const seed = this.config.seed;
    this.models = {
      generator: compileSeeded(gan.generator, seed, 'generator'),
      discriminator: compileSeeded(gan.discriminator, (seed + DISCRIMINATOR_SEED_OFFSET) >>> 0, 'discriminator'),
    };
    this.gOptimizer = makeOptimizer(this.config.generatorOptimizer);
    this.dOptimizer = makeOptimizer(this.config.discriminatorOptimizer);
    this.shuffle = rngFor(seed, 'shuffle');
    this.noise = rngFor(seed, 'noise');
    // A GAN has no augmentation, so that stream is free for the fixed batch.
    this.fixedLatent = latentBatch(rngFor(seed, 'augment'), this.config.sampleCount, this.latentDim);
  }

  get epoch(): number {
    return this.epochsDone;
  }

  /** The compiled networks (for export or scoring); they stay owned by the trainer. */
  get networks(): GanModels {
    return this.models;
  }

  /** Runs `epochs` more epochs (the config's by default), or until the control stops it. */
  async run(hooks: GanHooks = {}, control?: TrainingControl, epochs = this.config.epochs): Promise<GanRunResult> {
    const history: GanEpochLog[] = [];
    const { batchSize, discriminatorSteps: k } = this.config;
    const perImage = this.imageShape.reduce((a, b) => a * b, 1);
    const iterations = Math.max(1, Math.floor(this.dataset.train.n / (batchSize * k)));
    for (let e = 0; e < epochs; e++) {
      const started = performance.now();
      const order = shuffledIndices(this.dataset.train.n, this.shuffle);
      const sums = { dLoss: 0, gLoss: 0, realScore: 0, fakeScore: 0 };
      let done = 0;
      for (let it = 0; it < iterations; it++) {
        await control?.waitIfPaused();
        if (control?.stopRequested) return { status: 'stopped', epoch: this.epochsDone, history };
        let d = { loss: 0, realScore: 0, fakeScore: 0 };
        for (let s = 0; s < k; s++) {
          const at = ((it * k + s) * batchSize) % (order.length - batchSize + 1);
          const real = this.realBatch(order.subarray(at, at + batchSize), perImage);
          const z = this.latent(batchSize);
          try {
            d = discriminatorStep(this.models, this.dOptimizer, real, z, this.config.realLabel);
          } finally {
            tf.dispose([real, z]);
          }
        }
        const z = this.latent(batchSize);
        let g;
        try {
          g = generatorStep(this.models, this.gOptimizer, z);
        } finally {
          z.dispose();
        }
        this.stepsDone++;
        done++;
        sums.dLoss += d.loss;
        sums.gLoss += g.loss;
        sums.realScore += d.realScore;
        sums.fakeScore += d.fakeScore;
        hooks.onStep?.({
          epoch: this.epochsDone + 1,
          step: this.stepsDone,
          dLoss: d.loss,
          gLoss: g.loss,
          realScore: d.realScore,
          fakeScore: d.fakeScore,
        });
        // Lets a pause or stop message in, as the normal epoch loop does between batches.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      this.epochsDone++;
      const log: GanEpochLog = {
        epoch: this.epochsDone,
        dLoss: sums.dLoss / done,
        gLoss: sums.gLoss / done,
        realScore: sums.realScore / done,
        fakeScore: sums.fakeScore / done,
        seconds: (performance.now() - started) / 1000,
        diversity: this.diversity(),
      };
      history.push(log);
      await hooks.onEpoch?.(log);
    }
    return { status: 'completed', epoch: this.epochsDone, history };
  }

  /** The generator's images for the fixed latent batch, row-major, in the data's [0, 1] range. */
  samples(): Float32Array {
    return this.generate(this.fixedLatent, this.config.sampleCount);
  }

  /** Images for `count` latent vectors (row-major, `count × latentDim`). */
  generate(latent: Float32Array, count: number): Float32Array {
    return tf.tidy(() => {
      const out = this.models.generator.predict(tf.tensor2d(latent, [count, this.latentDim])) as tf.Tensor;
      return out.dataSync() as Float32Array;
    });
  }

  /** The mode-collapse check on the fixed-batch samples against the first training images. */
  diversity(): DiversityReport {
    const perImage = this.imageShape.reduce((a, b) => a * b, 1);
    const nReal = Math.min(DIVERSITY_REFERENCE, this.dataset.train.n);
    return diversityReport(
      this.samples(),
      this.config.sampleCount,
      this.dataset.train.x.subarray(0, nReal * perImage),
      nReal,
    );
  }

  weights(): { generator: LayerWeights; discriminator: LayerWeights } {
    return {
      generator: extractWeights(this.models.generator, this.gan.generator),
      discriminator: extractWeights(this.models.discriminator, this.gan.discriminator),
    };
  }

  async checkpoint(): Promise<GanCheckpoint> {
    return {
      epoch: this.epochsDone,
      ...this.weights(),
      optimizers: {
        generator: await readOptimizerState(this.gOptimizer, this.config.generatorOptimizer.name),
        discriminator: await readOptimizerState(this.dOptimizer, this.config.discriminatorOptimizer.name),
      },
      rng: { shuffle: this.shuffle.state, noise: this.noise.state },
      steps: this.stepsDone,
    };
  }

  /**
   * Puts both networks' weights back (a finished run's, or a checkpoint's). With the rest of a
   * checkpoint, the optimizers, random streams and epoch count come back too.
   */
  async restore(
    generator: LayerWeights,
    discriminator: LayerWeights,
    state?: Pick<GanCheckpoint, 'epoch' | 'optimizers' | 'rng' | 'steps'>,
  ): Promise<void> {
    applyWeights(this.models.generator, generator);
    applyWeights(this.models.discriminator, discriminator);
    if (!state) return;
    this.epochsDone = state.epoch;
    this.stepsDone = state.steps ?? 0;
    this.shuffle.state = state.rng.shuffle;
    this.noise.state = state.rng.noise;
    const g = await optimizerFromState(this.config.generatorOptimizer, state.optimizers.generator);
    const d = await optimizerFromState(this.config.discriminatorOptimizer, state.optimizers.discriminator);
    this.gOptimizer.dispose();
    this.dOptimizer.dispose();
    this.gOptimizer = g;
    this.dOptimizer = d;
  }

  dispose(): void {
    this.gOptimizer.dispose();
    this.dOptimizer.dispose();
    this.models.generator.dispose();
    this.models.discriminator.dispose();
  }

  private latent(count: number): tf.Tensor {
    return tf.tensor2d(latentBatch(this.noise, count, this.latentDim), [count, this.latentDim]);
  }

  private realBatch(indices: Uint32Array, perImage: number): tf.Tensor {
    const out = new Float32Array(indices.length * perImage);
    indices.forEach((i, row) =>
      out.set(this.dataset.train.x.subarray(i * perImage, (i + 1) * perImage), row * perImage),
    );
    return tf.tensor(out, [indices.length, ...this.imageShape]);
  }
}
