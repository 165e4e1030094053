/**
 * Messages between the Train page's client and train.worker.ts. Both sides switch over `type`
 * and end with assertNever, so adding a message fails type-checking until both handle it.
 */
import type { PreparedDataset } from '../data/types';
import type { Graph } from '../model/graph';
import type { LayerWeights } from '../model/weights';
import type { BackendName } from '../training/backend-trial';
import type { TrainConfigInput } from '../training/config';
import type { ParityRow } from '../training/backend-parity';
import type { EvaluationMetrics } from '../training/metrics';
import type { LanguageModelMetrics } from '../training/text/lm-metrics';
import type { GanGraphs } from '../model/gan';
import type { GanConfigInput } from '../training/gan/config';
import type { GanCheckpoint, GanEpochLog, GanStepLog } from '../training/gan/trainer';
import type { Checkpoint, EpochLog, StartInfo, TrainResult } from '../training/types';

export type { BackendName };

export interface StartRequest {
  readonly type: 'start';
  readonly graph: Graph;
  /** Its ArrayBuffers are transferred: send a copy if the page keeps the dataset. */
  readonly dataset: PreparedDataset;
  readonly config: TrainConfigInput;
  readonly forceBackend: BackendName | null;
  readonly epochs: number;
  /** Continue from here (weights, optimizer state, history) instead of fresh seeded weights. */
  readonly checkpoint: Checkpoint | null;
  /**
   * Start from these weights (an imported or pretrained model: fine-tuning) with a fresh
   * optimizer; layers without an entry keep their seeded weights. Ignored with a checkpoint.
   */
  readonly initialWeights?: LayerWeights | null;
}

/** Trains a GAN (src/training/gan/trainer.ts) on an image dataset; Pause, Resume and Stop apply to it. */
export interface GanStartRequest {
  readonly type: 'train-gan';
  readonly gan: GanGraphs;
  /** Its ArrayBuffers are transferred, as with 'start'. */
  readonly dataset: PreparedDataset;
  readonly config: GanConfigInput;
  readonly forceBackend: BackendName | null;
  /** Epochs to train in this leg (after the checkpoint's, when resuming). */
  readonly epochs: number;
  /** Continue a stored run from its last finished epoch instead of fresh seeded weights. */
  readonly checkpoint?: GanCheckpoint | null;
}

export type TrainRequest =
  | StartRequest
  | GanStartRequest
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  /** Train more epochs with the model, optimizer and history of the last run. */
  | { readonly type: 'continue'; readonly epochs: number }
  | { readonly type: 'evaluate' }
  /**
   * Hold this Web Lock for the worker's whole life. A terminated worker fires no event, but its
   * locks are released at once, which is how the page learns it died (see TrainClient).
   */
  | { readonly type: 'hold-lock'; readonly name: string }
  /** The page stored epoch `epoch`'s checkpoint: the worker may start the next epoch. */
  | { readonly type: 'checkpoint-saved'; readonly epoch: number }
  /**
   * Tests only (e2e/backend-parity.spec.ts): train each template a few seeded SGD steps on every
   * listed backend and cpu, and answer 'parity' with the losses and gradients compared with cpu's.
   * No page sends it; it lives here so the test drives the real worker bundle and its kernels.
   */
  | { readonly type: 'parity'; readonly templates: readonly string[]; readonly backends: readonly BackendName[] };

/** Every batch's numbers since the last message, as parallel arrays (so charts keep all points). */
export interface BatchSeries {
  readonly epoch: Float64Array;
  readonly batch: Float64Array;
  readonly loss: Float64Array;
  readonly metric: Float64Array;
  readonly lr: Float64Array;
}

export interface TestMetrics {
  readonly loss: number;
  readonly metrics: EvaluationMetrics;
  readonly n: number;
  /** Next-token runs: nats per token, perplexity, bits per character (`metrics` then holds per-token accuracy). */
  readonly languageModel?: LanguageModelMetrics;
}

export type TrainEvent =
  /** The worker holds its liveness lock (answer to 'hold-lock'); handled inside TrainClient. */
  | { readonly type: 'lock-held' }
  | {
      readonly type: 'backend';
      readonly backend: BackendName;
      readonly label: string;
      readonly reason: string;
      readonly notices: readonly string[];
    }
  | { readonly type: 'start'; readonly info: StartInfo }
  | {
      readonly type: 'batch';
      readonly series: BatchSeries;
      /** The latest batch: what progress bars show. */
      readonly epoch: number;
      readonly batch: number;
      readonly batchesPerEpoch: number;
      readonly samplesPerSec: number;
    }
  | { readonly type: 'epoch'; readonly log: EpochLog }
  /** After every finished epoch; the worker waits for 'checkpoint-saved' before the next one. */
  | { readonly type: 'checkpoint'; readonly checkpoint: Checkpoint; readonly weights: LayerWeights }
  | {
      readonly type: 'done';
      readonly result: TrainResult;
      readonly test: TestMetrics | null;
      readonly weights: LayerWeights;
    }
  | { readonly type: 'evaluated'; readonly test: TestMetrics | null }
  /** Answer to the tests' 'parity' request. */
  | { readonly type: 'parity'; readonly rows: readonly ParityRow[] }
  | {
      readonly type: 'error';
      readonly kind: 'setup' | 'non-finite-loss' | 'incompatible' | 'config' | 'error';
      readonly message: string;
      readonly epoch?: number;
      readonly batch?: number;
    };

/**
 * What the worker answers 'train-gan' with, besides 'backend' and 'error' (TrainEvent's). Only the
 * GAN client (gan-client.ts) listens for these, so the normal run's handler need not know them.
 */
export type GanEvent =
  /** A GAN run's generator steps since the last message (at most a few a second). */
  | { readonly type: 'gan-steps'; readonly steps: readonly GanStepLog[] }
  | { readonly type: 'gan-epoch'; readonly log: GanEpochLog }
  /** After every finished epoch (after its gan-epoch); the worker waits for 'checkpoint-saved' before the next. */
  | { readonly type: 'gan-checkpoint'; readonly checkpoint: GanCheckpoint }
  /** The fixed latent batch's samples as an 8-bit RGBA grid (at the start, then at most every few seconds). */
  | {
      readonly type: 'gan-grid';
      readonly step: number;
      readonly epoch: number;
      readonly width: number;
      readonly height: number;
      readonly rgba: Uint8Array;
    }
  /**
   * The run ended; `weights` are both networks' weights at its last finished epoch (what the
   * Evaluate page generates with): a stop mid-epoch drops the unfinished one; null when a run was
   * stopped before any epoch finished.
   */
  | {
      readonly type: 'gan-done';
      readonly status: 'completed' | 'stopped';
      readonly epochs: number;
      readonly weights: GanWeights | null;
    };

/** Both networks' weights of a GAN run. */
export interface GanWeights {
  readonly generator: LayerWeights;
  readonly discriminator: LayerWeights;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

/** The ArrayBuffers inside a dataset, for postMessage's transfer list. */
export function datasetBuffers(dataset: PreparedDataset): ArrayBuffer[] {
  const splits = [dataset.train, dataset.validation, dataset.test];
  const buffers = new Set<ArrayBuffer>();
  for (const s of splits) {
    buffers.add(s.x.buffer as ArrayBuffer);
    buffers.add(s.y.buffer as ArrayBuffer);
  }
  return [...buffers];
}

/** A copy of a dataset whose buffers can be transferred without emptying the original. */
export function copyDataset(dataset: PreparedDataset): PreparedDataset {
  const copy = (s: PreparedDataset['train']) => ({ n: s.n, x: s.x.slice(), y: s.y.slice() });
  return { ...dataset, train: copy(dataset.train), validation: copy(dataset.validation), test: copy(dataset.test) };
}

/** Buffers of a checkpoint's arrays, for a transfer list (each distinct buffer once). */
export function checkpointBuffers(checkpoint: Checkpoint): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const w of checkpoint.weights) buffers.add(w.values.buffer as ArrayBuffer);
  for (const v of checkpoint.optimizer.slots) buffers.add(v.values.buffer as ArrayBuffer);
  return [...buffers];
}
