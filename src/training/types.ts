import type { ConfigIssue, LossName, MetricName } from './config';
import type { NamedArray, OptimizerState } from './optimizers';

/** Epochs and batches are counted from 1 everywhere, as people read them. */

export interface BatchProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
  /** This batch's loss (regularisation included) and metric. */
  readonly loss: number;
  readonly metric: number;
  readonly lr: number;
  /** Training samples per second so far in this epoch, paused time left out. */
  readonly samplesPerSec: number;
}

export interface EpochLog {
  readonly epoch: number;
  /** Means over the epoch's batches, weighted by batch size. */
  readonly loss: number;
  readonly metric: number;
  /** Null when validation is off or the validation split is empty. */
  readonly valLoss: number | null;
  readonly valMetric: number | null;
  /** The learning rate this epoch ran with. */
  readonly lr: number;
  /** Wall time of the epoch, validation included, time spent paused left out. */
  readonly seconds: number;
  /** Training samples per second over the epoch's batches (validation not counted). */
  readonly samplesPerSec: number;
}

export interface StartInfo {
  readonly seed: number;
  readonly loss: LossName;
  readonly metric: MetricName;
  /** Epochs already completed before this run (0 for a fresh trainer). */
  readonly startEpoch: number;
  /** The last epoch this run will reach if nothing stops it. */
  readonly endEpoch: number;
  readonly batchesPerEpoch: number;
  readonly trainSamples: number;
  readonly validationSamples: number;
}

/** A problem that ends (or prevents) a run, as a value the UI and CLI can show. */
export type TrainingIssue =
  | {
      readonly kind: 'non-finite-loss';
      readonly epoch: number;
      readonly batch: number;
      readonly loss: number;
      readonly message: string;
    }
  /** The model does not fit the data or the loss (shapes, units, classes). */
  | { readonly kind: 'incompatible'; readonly message: string }
  /** The settings did not validate; `issues` names each bad field. */
  | { readonly kind: 'config'; readonly message: string; readonly issues: readonly ConfigIssue[] }
  /** A hook threw, or tfjs failed mid-run. */
  | { readonly kind: 'error'; readonly message: string };

export type TrainStatus = 'completed' | 'early-stopped' | 'stopped' | 'failed';

export interface TrainResult {
  readonly status: TrainStatus;
  readonly issue: TrainingIssue | null;
  /** Epochs completed in this run; the whole history is in `history`. */
  readonly epochsRun: number;
  /** Total epochs completed by this trainer. */
  readonly epoch: number;
  readonly history: readonly EpochLog[];
  readonly seed: number;
  readonly loss: LossName;
  readonly metric: MetricName;
  /** The epoch whose weights the model holds after early stopping restored them, else null. */
  readonly restoredEpoch: number | null;
  readonly warnings: readonly string[];
}

/** Plain-data snapshot of a training run at an epoch's end. */
export interface Checkpoint {
  readonly epoch: number;
  /** Every model weight (trainable or not, e.g. batch-norm statistics) in `model.weights` order. */
  readonly weights: readonly NamedArray[];
  readonly optimizer: OptimizerState;
  /** Schedule, random streams and history, so a restored trainer continues exactly. */
  readonly trainer: TrainerState;
}

export interface TrainerState {
  readonly epoch: number;
  readonly lr: number;
  readonly shuffleRng: number;
  readonly noiseRng: number;
  /** Absent in checkpoints written before augmentation existed. */
  readonly augmentRng?: number;
  readonly plateau: { readonly best: number | null; readonly wait: number; readonly cooldown: number };
  readonly history: readonly EpochLog[];
}

export interface TrainHooks {
  onStart?(info: StartInfo): void | Promise<void>;
  onBatch?(progress: BatchProgress): void | Promise<void>;
  onEpoch?(log: EpochLog): void | Promise<void>;
  /** Called at each epoch end (after onEpoch) when given; reading the weights costs a copy. */
  onCheckpoint?(checkpoint: Checkpoint): void | Promise<void>;
  /** Pause/resume/stop from outside (see TrainingControl). */
  control?: {
    readonly stopRequested: boolean;
    waitIfPaused(): Promise<void>;
  };
  /** Aborting stops the run at the next batch, like control.stop(). */
  signal?: AbortSignal;
  /** Called before every batch; training waits while the promise is pending (an alternative to control). */
  waitIfPaused?(): Promise<void>;
}

export interface RunOptions {
  /** How many epochs to run now; defaults to the config's `epochs`. */
  readonly epochs?: number;
  /** Give the event loop a turn at least this often so pause/stop messages get through (ms). */
  readonly yieldEveryMs?: number;
}
