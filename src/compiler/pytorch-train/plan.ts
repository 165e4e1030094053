/**
 * The training plan train.py follows: the run's settings (metadata.json `run.settings`, the
 * trainer's config as the app saved it, fields possibly left out) with every default filled in as
 * src/training/config.ts fills it, and the 'auto' loss resolved as it resolves it. src/compiler may
 * not import src/training, so the defaults are restated here; plan.test.ts checks them against
 * trainConfig() so the two cannot drift apart.
 */
import {
  DEFAULT_LEARNING_RATE,
  LOSS_NAMES,
  OPTIMIZER_NAMES,
  type LossName,
  type OptimizerName,
} from '../../model/train-options';
import type { ExportMetadata } from '../bundle/metadata-schema';

export class TrainScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainScriptError';
  }
}

export interface TrainPlan {
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly loss: LossName;
  readonly settings: TrainSettingsPlan;
}

export interface TrainSettingsPlan {
  readonly optimizer: { readonly name: OptimizerName; readonly learningRate: number } & Record<string, number | boolean | string>;
  readonly loss: LossName;
  readonly batchSize: number;
  readonly epochs: number;
  readonly shuffle: boolean;
  readonly seed: number | null;
  readonly validate: boolean;
  readonly schedule: { readonly kind: 'none' | 'step' | 'exponential' | 'plateau' } & Record<string, number | string>;
  readonly earlyStopping: {
    readonly enabled: boolean;
    readonly monitor: string;
    readonly patience: number;
    readonly minDelta: number;
    readonly restoreBestWeights: boolean;
  };
}

type Raw = Record<string, unknown>;

/** Each optimizer's own settings and their defaults (src/training/config.ts optimizerSchema). */
const OPTIMIZER_DEFAULTS: Readonly<Record<OptimizerName, Readonly<Record<string, number | boolean>>>> = {
  sgd: {},
  momentum: { momentum: 0.9, nesterov: false },
  adagrad: { initialAccumulatorValue: 0.1 },
  adadelta: { rho: 0.95, epsilon: 1e-7 },
  adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  adamax: { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, decay: 0 },
  rmsprop: { rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
};

const SCHEDULE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, number | string>>>> = {
  none: {},
  step: { everyEpochs: 10, factor: 0.5 },
  exponential: { decayRate: 0.95 },
  plateau: { monitor: 'val_loss', factor: 0.5, patience: 3, minDelta: 1e-4, cooldown: 0, minLr: 1e-6 },
};

const MONITORS = ['val_loss', 'val_accuracy', 'val_mae', 'loss', 'accuracy', 'mae'];

const object = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

/** `raw[key]` when it has the default's type (and passes `ok`), else the default; a wrong type is refused. */
function field<T extends number | boolean | string>(raw: Raw, key: string, fallback: T, what: string, ok?: (v: T) => boolean): T {
  const v = raw[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== typeof fallback || (typeof v === 'number' && !Number.isFinite(v)) || (ok && !ok(v as T))) {
    throw new TrainScriptError(`The run's setting ${what}.${key} is ${JSON.stringify(v)}, which train.py cannot use`);
  }
  return v as T;
}

function withDefaults<T extends Readonly<Record<string, number | boolean | string>>>(raw: Raw, defaults: T, what: string): T {
  return Object.fromEntries(Object.entries(defaults).map(([k, d]) => [k, field(raw, k, d, what)])) as T;
}

/** src/training/config.ts defaultLoss. */
export function defaultLoss(task: TrainPlan['task'], outputUnits: number): LossName {
  if (task === 'regression') return 'mse';
  if (task === 'binary') return outputUnits === 1 ? 'binary_crossentropy' : 'categorical_crossentropy';
  return 'sparse_categorical_crossentropy';
}

const positive = (v: number) => v > 0;
const whole = (v: number) => Number.isInteger(v) && v >= 1;

/** The plan for a model exported with `metadata`; throws TrainScriptError naming what train.py cannot do. */
export function trainPlan(metadata: ExportMetadata): TrainPlan {
  if (metadata.preprocessing?.kind !== 'tabular' || metadata.task === null || metadata.task === 'next-token') {
    throw new TrainScriptError(
      'train.py trains on tables (CSV files) only: this model was not exported with a table dataset, so there is no preprocessing for it to redo',
    );
  }
  const task = metadata.task;
  const units = metadata.outputs[0]?.shape.at(-1) ?? 1;
  const raw = object(metadata.run?.settings);
  const opt = object(raw.optimizer);
  const name = field(opt, 'name', 'adam' as string, 'optimizer');
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(name)) {
    throw new TrainScriptError(`The run used the optimizer '${name}', which train.py does not know (it knows ${OPTIMIZER_NAMES.join(', ')})`);
  }
  const optimizerName = name as OptimizerName;
  const lossName = field(raw, 'loss', 'auto' as string, 'settings');
  if (lossName !== 'auto' && !(LOSS_NAMES as readonly string[]).includes(lossName)) {
    throw new TrainScriptError(`The run used the loss '${lossName}', which train.py does not know (it knows ${LOSS_NAMES.join(', ')})`);
  }
  const loss = lossName === 'auto' ? defaultLoss(task, units ?? 1) : (lossName as LossName);
  const sched = object(raw.schedule);
  const kind = field(sched, 'kind', 'none', 'schedule');
  const scheduleDefaults = SCHEDULE_DEFAULTS[kind];
  if (!scheduleDefaults) throw new TrainScriptError(`The run used the learning-rate schedule '${kind}', which train.py does not know`);
  const stop = object(raw.earlyStopping);
  const monitor = (v: string) => MONITORS.includes(v);
  const settings: TrainSettingsPlan = {
    optimizer: {
      name: optimizerName,
      learningRate: field(opt, 'learningRate', DEFAULT_LEARNING_RATE[optimizerName], 'optimizer', positive),
      ...withDefaults(opt, OPTIMIZER_DEFAULTS[optimizerName], 'optimizer'),
    },
    loss,
    batchSize: field(raw, 'batchSize', 32, 'settings', whole),
    epochs: field(raw, 'epochs', 20, 'settings', whole),
    shuffle: field(raw, 'shuffle', true, 'settings'),
    seed: raw.seed == null ? null : field(raw, 'seed', 0, 'settings', (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32),
    validate: field(raw, 'validate', true, 'settings'),
    schedule: { kind: kind as TrainSettingsPlan['schedule']['kind'], ...withDefaults(sched, scheduleDefaults, 'schedule') },
    earlyStopping: {
      enabled: field(stop, 'enabled', false, 'earlyStopping'),
      monitor: field(stop, 'monitor', 'val_loss', 'earlyStopping', monitor),
      patience: field(stop, 'patience', 5, 'earlyStopping'),
      minDelta: field(stop, 'minDelta', 0, 'earlyStopping'),
      restoreBestWeights: field(stop, 'restoreBestWeights', true, 'earlyStopping'),
    },
  };
  if (typeof settings.schedule.monitor === 'string' && !monitor(settings.schedule.monitor)) {
    throw new TrainScriptError(`The run's schedule watches '${settings.schedule.monitor}', which train.py does not know`);
  }
  return { task, loss, settings };
}
