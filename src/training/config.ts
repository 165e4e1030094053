import { z } from 'zod';
import type { Task } from '../data/types';
import { DEFAULT_LEARNING_RATE as LR, LOSS_NAMES, type LossName, type OptimizerName } from '../model/train-options';

export { DEFAULT_LEARNING_RATE, LOSS_NAMES, OPTIMIZER_NAMES } from '../model/train-options';
export type { LossName, OptimizerName } from '../model/train-options';

/**
 * Training settings as plain JSON: saved with a project, posted to the worker, read from the
 * CLI. Every field has a default, so `{}` is a valid config and old saved configs keep loading
 * when fields are added.
 */

const positive = z.number().positive().finite();
const fraction = z.number().min(0).max(1);
/** β-style decay rates: 1 would never forget, so it is excluded. */
const decay = z.number().min(0).lt(1);
const epsilon = z.number().positive().max(1).default(1e-7);

/** Each optimizer's own settings; the names and learning rates come from src/model/train-options.ts. */
const optimizerSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('sgd'), learningRate: positive.default(LR.sgd) }),
  z.object({
    name: z.literal('momentum'),
    learningRate: positive.default(LR.momentum),
    momentum: decay.default(0.9),
    nesterov: z.boolean().default(false),
  }),
  z.object({
    name: z.literal('adagrad'),
    learningRate: positive.default(LR.adagrad),
    initialAccumulatorValue: positive.default(0.1),
  }),
  z.object({
    name: z.literal('adadelta'),
    learningRate: positive.default(LR.adadelta),
    rho: decay.default(0.95),
    epsilon,
  }),
  z.object({
    name: z.literal('adam'),
    learningRate: positive.default(LR.adam),
    beta1: decay.default(0.9),
    beta2: decay.default(0.999),
    epsilon,
  }),
  z.object({
    name: z.literal('adamax'),
    learningRate: positive.default(LR.adamax),
    beta1: decay.default(0.9),
    beta2: decay.default(0.999),
    epsilon,
    decay: z.number().min(0).finite().default(0),
  }),
  z.object({
    name: z.literal('rmsprop'),
    learningRate: positive.default(LR.rmsprop),
    rho: decay.default(0.9),
    momentum: decay.default(0),
    epsilon,
    centered: z.boolean().default(false),
  }),
]);

/** What early stopping and reduce-on-plateau can watch. `accuracy` is for classification, `mae` for regression. */
export const MONITORS = ['val_loss', 'val_accuracy', 'val_mae', 'loss', 'accuracy', 'mae'] as const;
export type Monitor = (typeof MONITORS)[number];

const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** lr × factor every `everyEpochs` epochs. */
  z.object({
    kind: z.literal('step'),
    everyEpochs: z.number().int().min(1).default(10),
    factor: fraction.positive().default(0.5),
  }),
  /** lr × decayRate^epoch. */
  z.object({ kind: z.literal('exponential'), decayRate: fraction.positive().default(0.95) }),
  /** lr × factor when `monitor` has not improved by minDelta for `patience` epochs, never below minLr. */
  z.object({
    kind: z.literal('plateau'),
    monitor: z.enum(MONITORS).default('val_loss'),
    factor: decay.positive().default(0.5),
    patience: z.number().int().min(0).default(3),
    minDelta: z.number().min(0).default(1e-4),
    cooldown: z.number().int().min(0).default(0),
    minLr: z.number().min(0).default(1e-6),
  }),
]);

const earlyStoppingSchema = z.object({
  enabled: z.boolean().default(false),
  monitor: z.enum(MONITORS).default('val_loss'),
  patience: z.number().int().min(0).default(5),
  minDelta: z.number().min(0).default(0),
  restoreBestWeights: z.boolean().default(true),
});

export const trainConfigSchema = z.object({
  optimizer: optimizerSchema.prefault({ name: 'adam' }),
  /** `auto` picks `defaultLoss(task, outputUnits)` when training starts. */
  loss: z.enum([...LOSS_NAMES, 'auto']).default('auto'),
  batchSize: z.number().int().min(1).max(65_536).default(32),
  epochs: z.number().int().min(1).max(100_000).default(20),
  shuffle: z.boolean().default(true),
  /** null: a random seed is drawn at the start and reported, so the run can be repeated. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .nullable()
    .default(null),
  /** Score the dataset's validation split after every epoch (skipped when it is empty). */
  validate: z.boolean().default(true),
  schedule: scheduleSchema.prefault({ kind: 'none' }),
  earlyStopping: earlyStoppingSchema.prefault({}),
  /** On-the-fly image augmentation (image datasets only); null is off. */
  augment: z
    .object({
      flip: z.boolean(),
      rotate: z.boolean(),
      shift: z.boolean(),
      brightness: z.boolean(),
      // Amounts; left out, src/data/augment.ts's defaults apply.
      maxRotationDeg: z.number().min(0).max(180).optional(),
      maxShift: z.number().min(0).max(0.5).optional(),
      maxBrightness: z.number().min(0).max(1).optional(),
    })
    .nullable()
    .default(null),
});

export type TrainConfig = z.output<typeof trainConfigSchema>;
/** What callers may write: any field may be left out. */
export type TrainConfigInput = z.input<typeof trainConfigSchema>;
export type OptimizerConfig = TrainConfig['optimizer'];
export type ScheduleConfig = TrainConfig['schedule'];
export type EarlyStoppingConfig = TrainConfig['earlyStopping'];

/** The union above must offer exactly the optimizers of the shared list: adding one fails here until both have it. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyOptimizer: SameSet<OptimizerConfig['name'], OptimizerName> = true;

export interface ConfigIssue {
  /** Dotted path to the field, e.g. `optimizer.learningRate`. */
  readonly path: string;
  readonly message: string;
}

export type ParsedTrainConfig = { ok: true; config: TrainConfig } | { ok: false; issues: ConfigIssue[] };

export function parseTrainConfig(raw: unknown): ParsedTrainConfig {
  const result = trainConfigSchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(config)', message: i.message })),
  };
}

export class TrainConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`Invalid training settings: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'TrainConfigError';
  }
}

/** A complete config from a partial one; throws TrainConfigError naming each bad field. */
export function trainConfig(input: TrainConfigInput = {}): TrainConfig {
  const parsed = parseTrainConfig(input);
  if (!parsed.ok) throw new TrainConfigError(parsed.issues);
  return parsed.config;
}

/** The loss Keras users would pick for this task and output layer. */
export function defaultLoss(task: Task, outputUnits: number): LossName {
  if (task === 'regression') return 'mse';
  if (task === 'binary') return outputUnits === 1 ? 'binary_crossentropy' : 'categorical_crossentropy';
  return 'sparse_categorical_crossentropy';
}

export type MetricName = 'accuracy' | 'mae';

export function metricFor(task: Task): MetricName {
  return task === 'regression' ? 'mae' : 'accuracy';
}
