/**
 * The settings of a GAN run, with the DCGAN paper's defaults except the learning rate: Adam with
 * β1 0.5 for each network at 5e-4 (the paper's 2e-4 left Fashion-MNIST samples as blobs after five
 * epochs; 5e-4 drew clothing in ten, bench/gan-fashion.ts), one discriminator step per generator step, real labels smoothed to 0.9 (one-sided:
 * fake labels stay 0), batches of 64 and a fixed batch of 64 latent vectors for the sample grid.
 */
import type { OptimizerConfig } from '../config';

export interface GanConfig {
  readonly epochs: number;
  readonly batchSize: number;
  /** k: discriminator steps per generator step (each on its own real batch). */
  readonly discriminatorSteps: number;
  /** The target for real images in the discriminator's loss (1 = no smoothing). */
  readonly realLabel: number;
  readonly generatorOptimizer: OptimizerConfig;
  readonly discriminatorOptimizer: OptimizerConfig;
  /** Seeds the initial weights, the batch order, the latent draws and the fixed sample batch. */
  readonly seed: number;
  /** How many fixed latent vectors the sample grid shows (8×8). */
  readonly sampleCount: number;
}

export type GanConfigInput = Partial<GanConfig>;

export const ganAdam = (learningRate: number): OptimizerConfig => ({
  name: 'adam',
  learningRate,
  beta1: 0.5,
  beta2: 0.999,
  epsilon: 1e-7,
});

export const DEFAULT_GAN_CONFIG: GanConfig = {
  epochs: 5,
  batchSize: 64,
  discriminatorSteps: 1,
  realLabel: 0.9,
  generatorOptimizer: ganAdam(5e-4),
  discriminatorOptimizer: ganAdam(5e-4),
  seed: 1,
  sampleCount: 64,
};

export class GanConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GanConfigError';
  }
}

function whole(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new GanConfigError(`The GAN setting ${name} must be a whole number of at least ${min}; it is ${value}`);
  }
}

/** Defaults filled in; a setting out of range throws a GanConfigError naming it and its range. */
export function parseGanConfig(input: GanConfigInput = {}): GanConfig {
  const c = { ...DEFAULT_GAN_CONFIG, ...input };
  whole(c.epochs, 'epochs', 0);
  whole(c.batchSize, 'batch size', 1);
  whole(c.discriminatorSteps, 'discriminator steps (k)', 1);
  whole(c.sampleCount, 'sample count', 1);
  whole(c.seed, 'seed', 0);
  if (!(c.realLabel > 0.5 && c.realLabel <= 1)) {
    throw new GanConfigError(
      `The real label must lie in (0.5, 1] (1 is no smoothing, 0.9 is usual); it is ${c.realLabel}`,
    );
  }
  for (const [name, o] of [
    ['generator', c.generatorOptimizer],
    ['discriminator', c.discriminatorOptimizer],
  ] as const) {
    if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) {
      throw new GanConfigError(`The ${name}'s learning rate must be a positive number; it is ${o.learningRate}`);
    }
  }
  return c;
}
