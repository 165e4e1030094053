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
  /** When the run started (ISO time). */
  readonly createdAt?: string;
  /** The per-batch curve, downsampled (absent for runs saved before it was kept). */
  readonly batchCurve?: BatchCurve;
  /** The split seed and fingerprint of the data it trained on, for exports that name the run. */
  readonly data?: RunDataInfo;
}

/** What a run was trained on, as metadata.json and the Deploy page name it. */
export interface RunDataInfo {
  readonly name: string;
  /** A short hash of the training, validation and test arrays. */
  readonly fingerprint: string;
  readonly splitSeed: number | null;
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

/** The per-batch curve of a run, downsampled to at most BATCH_CURVE_POINTS, so it survives a reload. */
export interface BatchCurve {
  readonly step: readonly number[];
  readonly loss: readonly number[];
  readonly metric: readonly number[];
}

export type TrainingStatus = 'idle' | 'starting' | 'running' | 'paused';

export interface TrainingSlice {
  trainSettings: TrainSettings;
  trainingStatus: TrainingStatus;
  backend: { readonly name: BackendName; readonly label: string; readonly reason: string } | null;
  runs: readonly TrainingRun[];
  currentRunId: string | null;
  /**
   * Each run's latest weights (end of its last finished epoch), by run id. Kept in memory and in
   * IndexedDB per project and run, so a new run never replaces an old one's model.
   */
  runWeights: Readonly<Record<string, LayerWeights>>;
  progress: TrainingProgress | null;
  trainingLog: readonly LogLine[];
  trainingProblem: TrainingProblem | null;
  /** The current run's last checkpoint (weights, optimizer state, history): continue and retry start here. */
  lastCheckpoint: Checkpoint | null;
  /** Bumped (about every 250 ms while training) when liveSeries grows; charts subscribe to it. */
  seriesVersion: number;
  /** Runs whose epoch curves are overlaid on the comparison chart. */
  comparedRunIds: readonly string[];
  setTrainSettings(patch: Partial<TrainSettings>): void;
  /** Adds a run and makes it the current one. */
  addRun(run: TrainingRun): void;
  /** Puts a run back into the list in the order runs were created (a recovered run), without selecting it. */
  insertRun(run: TrainingRun): void;
  setCurrentRun(id: string | null): void;
  updateRun(id: string, update: (run: TrainingRun) => TrainingRun): void;
  /** Removes a run with its weights (the session frees its storage). */
  deleteRun(id: string): void;
  setRunWeights(id: string, weights: LayerWeights): void;
  setTrainingStatus(status: TrainingStatus): void;
  setBackend(backend: TrainingSlice['backend']): void;
  setProgress(progress: TrainingProgress | null): void;
  setTrainingProblem(problem: TrainingProblem | null): void;
  setLastCheckpoint(checkpoint: Checkpoint | null): void;
  /** Tells the live charts that liveSeries grew. */
  bumpSeriesVersion(): void;
  setComparedRuns(ids: readonly string[]): void;
  logTraining(line: LogLine): void;
}

const LOG_LIMIT = 500;

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set) => ({
  trainSettings: DEFAULT_TRAIN_SETTINGS,
  trainingStatus: 'idle',
  backend: null,
  runs: [],
  currentRunId: null,
  runWeights: {},
  progress: null,
  trainingLog: [],
  trainingProblem: null,
  lastCheckpoint: null,
  seriesVersion: 0,
  comparedRunIds: [],
  setTrainSettings(patch) {
    set((s) => ({ trainSettings: { ...s.trainSettings, ...patch } }));
  },
  addRun(run) {
    set((s) => ({ runs: [...s.runs, run], currentRunId: run.id }));
  },
  insertRun(run) {
    set((s) => {
      const at = s.runs.findIndex((r) => (r.createdAt ?? '') > (run.createdAt ?? ''));
      return { runs: at < 0 ? [...s.runs, run] : [...s.runs.slice(0, at), run, ...s.runs.slice(at)] };
    });
  },
  setCurrentRun(id) {
    set({ currentRunId: id });
  },
  updateRun(id, update) {
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? update(r) : r)) }));
  },
  deleteRun(id) {
    set((s) => {
      const { [id]: _gone, ...runWeights } = s.runWeights;
      return {
        runs: s.runs.filter((r) => r.id !== id),
        runWeights,
        comparedRunIds: s.comparedRunIds.filter((c) => c !== id),
        currentRunId: s.currentRunId === id ? null : s.currentRunId,
        lastCheckpoint: s.currentRunId === id ? null : s.lastCheckpoint,
        selectedRunId: s.selectedRunId === id ? null : s.selectedRunId,
      };
    });
  },
  setRunWeights(id, weights) {
    set((s) => ({ runWeights: { ...s.runWeights, [id]: weights } }));
  },
  setTrainingStatus(trainingStatus) {
    set({ trainingStatus });
  },
  setBackend(backend) {
    set({ backend });
  },
  setProgress(progress) {
    set({ progress });
  },
  setTrainingProblem(trainingProblem) {
    set({ trainingProblem });
  },
  setLastCheckpoint(lastCheckpoint) {
    set({ lastCheckpoint });
  },
  bumpSeriesVersion() {
    set((s) => ({ seriesVersion: s.seriesVersion + 1 }));
  },
  setComparedRuns(comparedRunIds) {
    set({ comparedRunIds });
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

  /** Appends rows already numbered as global steps (a saved curve; epoch is derived by the caller). */
  appendSteps(step: Float64Array, loss: Float64Array, metric: Float64Array, lr: Float64Array): void {
    const n = step.length;
    if (this.length + n > this.loss.length) this.grow(Math.max(this.loss.length * 2, this.length + n));
    this.step.set(step, this.length);
    this.epoch.set(step.map(() => 0), this.length);
    this.loss.set(loss, this.length);
    this.metric.set(metric, this.length);
    this.lr.set(lr, this.length);
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

/** How many points of a run's per-batch curve are kept with the run. */
export const BATCH_CURVE_POINTS = 500;

/**
 * The live columns as a run's saved curve: every k-th batch (k chosen so at most `max` points are
 * kept) plus the last one, so the saved curve ends where training ended.
 */
export function batchCurveOf(cols: BatchColumns, max = BATCH_CURVE_POINTS): BatchCurve {
  const n = cols.length;
  const every = Math.max(1, Math.ceil(n / max));
  const step: number[] = [];
  const loss: number[] = [];
  const metric: number[] = [];
  for (let i = 0; i < n; i += every) {
    step.push(cols.step[i]!);
    loss.push(cols.loss[i]!);
    metric.push(cols.metric[i]!);
  }
  if (n > 0 && (n - 1) % every !== 0) {
    step.push(cols.step[n - 1]!);
    loss.push(cols.loss[n - 1]!);
    metric.push(cols.metric[n - 1]!);
  }
  return { step, loss, metric };
}

/** Puts a saved curve back into the live columns (after a reload), so resumed training extends it. */
export function restoreBatchCurve(cols: BatchColumns, curve: BatchCurve): void {
  cols.clear();
  const n = curve.step.length;
  const z = new Float64Array(n);
  cols.appendSteps(Float64Array.from(curve.step), Float64Array.from(curve.loss), Float64Array.from(curve.metric), z);
}
