/**
 * Turns the training worker's events into store updates: progress, the live batch series,
 * epoch logs, checkpoints (kept in memory and IndexedDB), results and problems.
 */
import { appStore } from '../../store/app-store';
import { liveSeries, type TrainingRun } from '../../store/training-slice';
import type { Checkpoint } from '../../training/types';
import type { TrainEvent } from '../../worker/train-protocol';
import { markCheckpointFinished, saveCheckpoint, type SavedCheckpoint } from './saved-checkpoint';

const s = () => appStore.getState();
let legStartedAt = 0;

/** Called when a leg (a start or a continue) begins, for its duration. */
export function markLegStart(): void {
  legStartedAt = performance.now();
}

/**
 * The worker posts up to 30 batch messages a second. Each store write re-renders its subscribers
 * synchronously, so the newest progress is written at most once per animation frame, and the
 * charts hear of new points at most every CHART_REFRESH_MS: a few ms of main thread per redraw
 * (see LineChart), which 4 Hz keeps well under 5% of it.
 */
const CHART_REFRESH_MS = 250;
/** rAF does not fire in a hidden tab; this timeout writes the progress there instead. */
const HIDDEN_TAB_FLUSH_MS = 250;
let pendingProgress: BatchEvent | null = null;
let progressFrame: number | null = null;
let progressTimer: ReturnType<typeof setTimeout> | null = null;
let chartTimer: ReturnType<typeof setTimeout> | null = null;
let lastChartBump = 0;

type BatchEvent = Extract<TrainEvent, { type: 'batch' }>;

/** Writes the newest batch's progress now (also before epoch and end events, to keep their order). */
export function flushProgress(): void {
  if (progressFrame !== null) cancelAnimationFrame(progressFrame);
  if (progressTimer !== null) clearTimeout(progressTimer);
  progressFrame = progressTimer = null;
  const event = pendingProgress;
  pendingProgress = null;
  const p = s().progress;
  if (!event || !p) return;
  s().patchTraining({
    progress: { ...p, epoch: event.epoch, batch: event.batch, batchesPerEpoch: event.batchesPerEpoch, samplesPerSec: event.samplesPerSec },
  });
}

function scheduleProgress(event: BatchEvent): void {
  pendingProgress = event;
  if (progressFrame !== null) return;
  progressFrame = requestAnimationFrame(flushProgress);
  progressTimer = setTimeout(flushProgress, HIDDEN_TAB_FLUSH_MS);
}

function bumpSeriesVersion(): void {
  if (chartTimer !== null) return;
  const wait = Math.max(0, lastChartBump + CHART_REFRESH_MS - performance.now());
  chartTimer = setTimeout(() => {
    chartTimer = null;
    lastChartBump = performance.now();
    s().patchTraining({ seriesVersion: s().seriesVersion + 1 });
  }, wait);
}

export function currentRun(): TrainingRun | undefined {
  const id = s().currentRunId;
  return s().runs.find((r) => r.id === id);
}

function endLeg(status: TrainingRun['status']): void {
  const id = s().currentRunId;
  const seconds = (performance.now() - legStartedAt - (s().progress?.pausedMs ?? 0)) / 1000;
  if (id) s().updateRun(id, (r) => ({ ...r, status, seconds: r.seconds + Math.max(0, seconds) }));
  s().patchTraining({ trainingStatus: 'idle' });
}

export function handleEvent(event: TrainEvent): void {
  if (event.type !== 'batch') flushProgress();
  const st = s();
  switch (event.type) {
    case 'backend': {
      st.patchTraining({ backend: { name: event.backend, label: event.label, reason: event.reason } });
      const id = st.currentRunId;
      if (id) st.updateRun(id, (r) => ({ ...r, backendLabel: event.label }));
      st.logTraining({ level: 'info', text: `Backend: ${event.reason}` });
      for (const n of event.notices) st.logTraining({ level: 'warning', text: n });
      return;
    }
    case 'start': {
      const { info } = event;
      markLegStart();
      st.patchTraining({
        trainingStatus: st.trainingStatus === 'paused' ? 'paused' : 'running',
        progress: {
          epoch: info.startEpoch,
          batch: 0,
          batchesPerEpoch: info.batchesPerEpoch,
          startEpoch: info.startEpoch,
          endEpoch: info.endEpoch,
          samplesPerSec: 0,
          startedAt: legStartedAt,
          pausedMs: 0,
          pausedAt: null,
        },
      });
      const id = st.currentRunId;
      if (id) st.updateRun(id, (r) => ({ ...r, metric: info.metric }));
      st.logTraining({
        level: 'info',
        text: `Training epochs ${info.startEpoch + 1}–${info.endEpoch}: ${info.trainSamples} samples, ${info.batchesPerEpoch} batches per epoch, seed ${info.seed}, loss ${info.loss}.`,
      });
      return;
    }
    case 'batch': {
      liveSeries.append(event.series, event.batchesPerEpoch);
      scheduleProgress(event);
      bumpSeriesVersion();
      return;
    }
    case 'epoch': {
      const { log } = event;
      const id = st.currentRunId;
      if (id) st.updateRun(id, (r) => ({ ...r, epochs: [...r.epochs.filter((e) => e.epoch < log.epoch), log] }));
      const val = log.valLoss === null ? '' : `, val loss ${log.valLoss.toFixed(4)}, val ${fmt(log.valMetric)}`;
      st.logTraining({
        level: 'info',
        text: `Epoch ${log.epoch}: loss ${log.loss.toFixed(4)}, ${fmt(log.metric)}${val} (${log.seconds.toFixed(1)} s, ${Math.round(log.samplesPerSec)} samples/s)`,
      });
      return;
    }
    case 'checkpoint':
      keepCheckpoint(event.checkpoint);
      return;
    case 'done': {
      const { result, test } = event;
      st.patchTraining({ lastGoodWeights: event.weights });
      const id = st.currentRunId;
      if (id) st.updateRun(id, (r) => ({ ...r, test, epochs: [...result.history] }));
      endLeg(result.status);
      for (const w of result.warnings) st.logTraining({ level: 'warning', text: w });
      if (test && test.metrics.kind === 'classification')
        st.logTraining({ level: 'info', text: `Test accuracy ${test.metrics.accuracy.toFixed(4)} (loss ${test.loss.toFixed(4)}, ${test.n} samples).` });
      else if (test && test.metrics.kind === 'regression')
        st.logTraining({ level: 'info', text: `Test MAE ${test.metrics.mae.toFixed(4)}, R² ${test.metrics.r2.toFixed(3)}.` });
      st.logTraining({ level: 'info', text: `Run ${result.status} after ${result.epoch} epoch${result.epoch === 1 ? '' : 's'}.` });
      if (result.status === 'completed' || result.status === 'early-stopped') void markCheckpointFinished();
      return;
    }
    case 'lock-held':
      return; // TrainClient's own liveness signal
    case 'evaluated':
      return;
    case 'error': {
      const { kind, message } = event;
      st.patchTraining({
        trainingProblem: { kind, message, ...(event.epoch != null ? { epoch: event.epoch, batch: event.batch ?? 0 } : {}) },
      });
      st.logTraining({ level: 'error', text: message });
      if (kind === 'setup') endLeg('failed');
      return;
    }
    default: {
      const never: never = event;
      throw new Error(`Unhandled training event ${JSON.stringify(never)}`);
    }
  }
}

function fmt(metric: number | null): string {
  const name = currentRun()?.metric ?? 'accuracy';
  return metric === null ? '' : `${name} ${metric.toFixed(4)}`;
}

function keepCheckpoint(checkpoint: Checkpoint): void {
  s().patchTraining({ lastCheckpoint: checkpoint });
  const run = currentRun();
  if (!run) return;
  const saved: SavedCheckpoint = {
    version: 1,
    runId: run.id,
    config: run.config,
    backendLabel: run.backendLabel,
    history: checkpoint.trainer.history,
    checkpoint,
    finished: false,
  };
  void saveCheckpoint(saved);
}

export function handleCrash(reason: string): void {
  const st = s();
  endLeg('crashed');
  st.patchTraining({
    trainingProblem: { kind: 'crash', message: `The training worker stopped unexpectedly (${reason}).` },
  });
  st.logTraining({ level: 'error', text: `The training worker stopped unexpectedly: ${reason}` });
}

