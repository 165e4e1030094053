import type { StateCreator } from 'zustand';
import type { LayerWeights } from '../model/weights';
import type { BackendName } from '../training/backend-trial';
import type { TrainConfigInput } from '../training/config';
import type { Checkpoint, EpochLog, TrainStatus } from '../training/types';
import type { BatchSeries, TestMetrics } from '../worker/train-protocol';
import type { AppState } from './types';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './train-settings';

export type RunStatus = 'running' | TrainStatus | 'crashed';

export interface TrainingRun {
  readonly id: string;
  /** "Run 3", as the runs list and chart legends show it. */
  readonly name: string;
  readonly config: TrainConfigInput;
  readonly backendLabel: string;
  readonly status: RunStatus;
  /** Every completed epoch of this run's model (continued runs keep extending it). */
  readonly epochs: readonly EpochLog[];
  readonly test: TestMetrics | null;
  /** Seconds spent training (all legs of the run). */
  readonly seconds: number;
  readonly metric: 'accuracy' | 'mae';
}

export interface TrainingProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
  /** Epochs this leg runs from (exclusive) and to (inclusive). */
  readonly startEpoch: number;
  readonly endEpoch: number;
  readonly samplesPerSec: number;
  /** performance.now() when this leg started, and paused time so far. */
  readonly startedAt: number;
  readonly pausedMs: number;
  readonly pausedAt: number | null;
}

export interface TrainingProblem {
  readonly kind: 'crash' | 'non-finite-loss' | 'setup' | 'incompatible' | 'config' | 'error';
  readonly message: string;
  readonly epoch?: number;
  readonly batch?: number;
}

export interface LogLine {
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

export { type TrainSettings, DEFAULT_TRAIN_SETTINGS } from './train-settings';

export interface TrainingSlice {
  trainSettings: TrainSettings;
  trainingStatus: 'idle' | 'starting' | 'running' | 'paused';
  backend: { readonly name: BackendName; readonly label: string; readonly reason: string } | null;
  runs: readonly TrainingRun[];
  currentRunId: string | null;
  progress: TrainingProgress | null;
  trainingLog: readonly LogLine[];
  trainingProblem: TrainingProblem | null;
  /** The weights at the end of the last completed epoch or run: kept through crashes. */
  lastGoodWeights: LayerWeights | null;
  lastCheckpoint: Checkpoint | null;
  /** Bumped (about every 250 ms while training) when liveSeries grows; charts subscribe to it. */
  seriesVersion: number;
  /** Runs whose epoch curves are overlaid on the comparison chart. */
  comparedRunIds: readonly string[];
  patchTraining(patch: Partial<Omit<TrainingSlice, 'patchTraining' | 'updateRun' | 'logTraining' | 'setTrainSettings'>>): void;
  setTrainSettings(patch: Partial<TrainSettings>): void;
  updateRun(id: string, update: (run: TrainingRun) => TrainingRun): void;
  logTraining(line: LogLine): void;
}

const LOG_LIMIT = 500;

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set) => ({
  trainSettings: DEFAULT_TRAIN_SETTINGS,
  trainingStatus: 'idle',
  backend: null,
  runs: [],
  currentRunId: null,
  progress: null,
  trainingLog: [],
  trainingProblem: null,
  lastGoodWeights: null,
  lastCheckpoint: null,
  seriesVersion: 0,
  comparedRunIds: [],
  patchTraining(patch) {
    set(patch);
  },
  setTrainSettings(patch) {
    set((s) => ({ trainSettings: { ...s.trainSettings, ...patch } }));
  },
  updateRun(id, update) {
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? update(r) : r)) }));
  },
  logTraining(line) {
    set((s) => ({ trainingLog: [...s.trainingLog, line].slice(-LOG_LIMIT) }));
  },
});

/**
 * The live run's per-batch numbers as growable columns, outside React state: appending a batch
 * copies nothing, and React only hears of it through `seriesVersion`.
 */
export class BatchColumns {
  length = 0;
  step = new Float64Array(1024);
  epoch = new Float64Array(1024);
  loss = new Float64Array(1024);
  metric = new Float64Array(1024);
  lr = new Float64Array(1024);

  clear(): void {
    this.length = 0;
  }

  append(s: BatchSeries, batchesPerEpoch: number): void {
    const n = s.loss.length;
    if (this.length + n > this.loss.length) this.grow(Math.max(this.loss.length * 2, this.length + n));
    for (let i = 0; i < n; i++) {
      const j = this.length + i;
      this.step[j] = (s.epoch[i]! - 1) * batchesPerEpoch + s.batch[i]!;
      this.epoch[j] = s.epoch[i]!;
      this.loss[j] = s.loss[i]!;
      this.metric[j] = s.metric[i]!;
      this.lr[j] = s.lr[i]!;
    }
    this.length += n;
  }

  private grow(size: number): void {
    const widen = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.step = widen(this.step);
    this.epoch = widen(this.epoch);
    this.loss = widen(this.loss);
    this.metric = widen(this.metric);
    this.lr = widen(this.lr);
  }
}

export const liveSeries = new BatchColumns();
