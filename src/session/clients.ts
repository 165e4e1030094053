/**
 * What the session layer needs from the outside world, as interfaces: the app passes the real
 * worker clients and IndexedDB, the unit tests pass fakes. Nothing here loads tfjs.
 */
import type { CheckpointDb } from '../store/persistence/project-db';
import type { DataClient } from '../worker/data-client';
import type { EvalClient } from '../worker/eval-client';
import type { StartRequest, TrainEvent } from '../worker/train-protocol';

export interface TrainHandlers {
  onEvent(event: TrainEvent): void;
  /** The worker died or went silent; it has been terminated. */
  onCrash(reason: string): void;
}

/** The training worker as the session drives it (src/worker/train-client.ts in the app). */
export interface TrainWorker {
  readonly alive: boolean;
  start(request: Omit<StartRequest, 'type'>): void;
  continue(epochs: number): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** The page has stored epoch `epoch`'s checkpoint: the worker may begin the next epoch. */
  checkpointSaved(epoch: number): void;
  terminate(): void;
}

export type EvalWorker = Pick<
  EvalClient,
  'load' | 'predict' | 'exportModel' | 'saveToBrowser' | 'generate' | 'explain'
>;

export type DataWorker = Pick<DataClient, 'run' | 'cancel'>;

/** Per-run storage the session writes besides autosave: checkpoints and freeing a run's space. */
export interface RunStorage {
  readonly checkpoints: CheckpointDb;
  removeRun(projectId: string, runId: string): Promise<void>;
  usage(projectId: string): Promise<number>;
}

export interface SessionClients {
  /** Makes a training worker client (lazily: tfjs loads only when training starts). */
  trainWorker(handlers: TrainHandlers): Promise<TrainWorker>;
  /** The one evaluation worker, shared by Evaluate and Deploy. */
  evalWorker(): Promise<EvalWorker>;
  /** The data worker (parsing, preprocessing, image decoding, built-ins). */
  dataWorker(): Promise<DataWorker>;
  /** Where the app is served from: built-in datasets are read relative to it. */
  baseUrl(): string;
  /** Object URLs for image thumbnails (revoked when the data changes). */
  readonly objectUrls: { create(blob: Blob): string; revoke(url: string): void };
  readonly storage: RunStorage;
  /** Milliseconds for durations (performance.now in the app). */
  now(): number;
  /** Runs `fn` before the next paint (requestAnimationFrame; a timer where there is none). */
  nextFrame(fn: () => void): () => void;
  /** Saves the open project now (autosave's flush), so a run's data and settings outlive a reload. */
  saveProject(): Promise<void>;
  /** Downloads a file (the Deploy page's ZIP). */
  download(bytes: Uint8Array, fileName: string, type: string): void;
}
