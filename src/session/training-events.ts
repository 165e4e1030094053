/**
 * Turns the training worker's events into store updates: progress (at most once a frame), the
 * live batch series (charts told at 4 Hz), epoch logs, checkpoints (stored per project and run
 * before the worker may go on), results and problems. One instance per training session.
 */
import type { AppStore } from '../store/types';
import { batchCurveOf, liveSeries, type TrainingRun } from '../store/training-slice';
import type { Checkpoint } from '../training/types';
import type { TrainEvent } from '../worker/train-protocol';
import type { RunCheckpoint } from './checkpoints';
import type { SessionClients } from './clients';
import { languageModelLine } from './language-model';

/**
 * Each store write re-renders its subscribers synchronously, so charts hear of new points at most
 * every CHART_REFRESH_MS: a few ms of main thread per redraw, which 4 Hz keeps under 5 %.
 */
const CHART_REFRESH_MS = 250;
/** rAF does not fire in a hidden tab; this timeout writes the progress there instead. */
const HIDDEN_TAB_FLUSH_MS = 250;

type BatchEvent = Extract<TrainEvent, { type: 'batch' }>;

export interface LegOutcome {
  readonly run: TrainingRun | null;
  readonly error: string | null;
}

export interface EventSink {
  handleEvent(event: TrainEvent): void;
  handleCrash(reason: string): void;
  markLegStart(): void;
  /** Settles when the current leg ends (done, setup failure or crash). */
  legFinished(): Promise<LegOutcome>;
}

export interface EventContext {
  readonly store: AppStore;
  readonly clients: SessionClients;
  /** Lets the worker begin its next epoch once the checkpoint is stored. */
  checkpointStored(epoch: number): void;
}

export function createEventSink({ store, clients, checkpointStored }: EventContext): EventSink {
  const s = () => store.getState();
  let legStartedAt = 0;
  let pendingProgress: BatchEvent | null = null;
  let cancelFrame: (() => void) | null = null;
  let progressTimer: ReturnType<typeof setTimeout> | null = null;
  let chartTimer: ReturnType<typeof setTimeout> | null = null;
  let lastChartBump = 0;
  let waiters: ((o: LegOutcome) => void)[] = [];

  const currentRun = () => s().runs.find((r) => r.id === s().currentRunId);

  function settle(outcome: LegOutcome): void {
    const list = waiters;
    waiters = [];
    for (const w of list) w(outcome);
  }

  function flushProgress(): void {
    cancelFrame?.();
    if (progressTimer !== null) clearTimeout(progressTimer);
    cancelFrame = progressTimer = null;
    const event = pendingProgress;
    pendingProgress = null;
    const p = s().progress;
    if (!event || !p) return;
    s().setProgress({
      ...p,
      epoch: event.epoch,
      batch: event.batch,
      batchesPerEpoch: event.batchesPerEpoch,
      samplesPerSec: event.samplesPerSec,
    });
  }

  function scheduleProgress(event: BatchEvent): void {
    pendingProgress = event;
    if (cancelFrame !== null) return;
    cancelFrame = clients.nextFrame(flushProgress);
    progressTimer = setTimeout(flushProgress, HIDDEN_TAB_FLUSH_MS);
  }

  function bumpSeries(): void {
    if (chartTimer !== null) return;
    const wait = Math.max(0, lastChartBump + CHART_REFRESH_MS - clients.now());
    chartTimer = setTimeout(() => {
      chartTimer = null;
      lastChartBump = clients.now();
      s().bumpSeriesVersion();
    }, wait);
  }

  function endLeg(status: TrainingRun['status'], error: string | null = null): void {
    const id = s().currentRunId;
    const seconds = (clients.now() - legStartedAt - (s().progress?.pausedMs ?? 0)) / 1000;
    if (id)
      s().updateRun(id, (r) => ({
        ...r,
        status,
        seconds: r.seconds + Math.max(0, seconds),
        batchCurve: batchCurveOf(liveSeries),
      }));
    s().setTrainingStatus('idle');
    settle({ run: currentRun() ?? null, error });
  }

  const fmt = (metric: number | null) =>
    metric === null ? '' : `${currentRun()?.metric ?? 'accuracy'} ${metric.toFixed(4)}`;

  async function keepCheckpoint(checkpoint: Checkpoint, weights: RunCheckpoint['weights']): Promise<void> {
    const run = currentRun();
    s().setLastCheckpoint(checkpoint);
    if (!run) return checkpointStored(checkpoint.epoch);
    const batchCurve = batchCurveOf(liveSeries);
    const projectId = s().currentProjectId;
    try {
      if (projectId) {
        const record: RunCheckpoint = {
          version: 2,
          runId: run.id,
          run: { name: run.name, metric: run.metric, createdAt: run.createdAt, data: run.data },
          config: run.config,
          backendLabel: run.backendLabel,
          checkpoint,
          weights,
          batchCurve,
          finished: false,
        };
        await clients.storage.checkpoints.put(projectId, run.id, record);
      }
    } catch (e) {
      s().logTraining({
        level: 'warning',
        text: `Epoch ${checkpoint.epoch} could not be stored in the browser (${e instanceof Error ? e.message : String(e)}); a reload now would lose it.`,
      });
    } finally {
      // The runs list shows an epoch once it is stored: what it shows, a reload keeps.
      s().setRunWeights(run.id, weights);
      s().updateRun(run.id, (r) => ({ ...r, epochs: checkpoint.trainer.history, batchCurve }));
      checkpointStored(checkpoint.epoch);
    }
  }

  async function markFinished(runId: string): Promise<void> {
    const projectId = s().currentProjectId;
    if (!projectId) return;
    try {
      const saved = (await clients.storage.checkpoints.get(projectId, runId)) as RunCheckpoint | undefined;
      if (saved) await clients.storage.checkpoints.put(projectId, runId, { ...saved, finished: true });
    } catch (_unavailable) {
      // The run record still says how it ended; only the resume offer may show once too often.
    }
  }

  function handleEvent(event: TrainEvent): void {
    if (event.type !== 'batch') flushProgress();
    const st = s();
    const id = st.currentRunId;
    switch (event.type) {
      case 'backend':
        st.setBackend({ name: event.backend, label: event.label, reason: event.reason });
        if (id) st.updateRun(id, (r) => ({ ...r, backendLabel: event.label }));
        st.logTraining({ level: 'info', text: `Backend: ${event.reason}` });
        for (const n of event.notices) st.logTraining({ level: 'warning', text: n });
        return;
      case 'start': {
        const { info } = event;
        legStartedAt = clients.now();
        st.setTrainingStatus(st.trainingStatus === 'paused' ? 'paused' : 'running');
        st.setProgress({
          epoch: info.startEpoch,
          batch: 0,
          batchesPerEpoch: info.batchesPerEpoch,
          startEpoch: info.startEpoch,
          endEpoch: info.endEpoch,
          samplesPerSec: 0,
          startedAt: legStartedAt,
          pausedMs: 0,
          pausedAt: null,
        });
        if (id) st.updateRun(id, (r) => ({ ...r, metric: info.metric }));
        st.logTraining({
          level: 'info',
          text: `Training epochs ${info.startEpoch + 1}–${info.endEpoch}: ${info.trainSamples} samples, ${info.batchesPerEpoch} batches per epoch, seed ${info.seed}, loss ${info.loss}.`,
        });
        return;
      }
      case 'batch':
        liveSeries.append(event.series, event.batchesPerEpoch);
        scheduleProgress(event);
        bumpSeries();
        return;
      case 'epoch': {
        // The run's epoch list grows when the epoch's checkpoint is stored (keepCheckpoint).
        const { log } = event;
        const val = log.valLoss === null ? '' : `, val loss ${log.valLoss.toFixed(4)}, val ${fmt(log.valMetric)}`;
        st.logTraining({
          level: 'info',
          text: `Epoch ${log.epoch}: loss ${log.loss.toFixed(4)}, ${fmt(log.metric)}${val} (${log.seconds.toFixed(1)} s, ${Math.round(log.samplesPerSec)} samples/s)`,
        });
        return;
      }
      case 'checkpoint':
        void keepCheckpoint(event.checkpoint, event.weights);
        return;
      case 'done': {
        const { result, test } = event;
        if (id) {
          st.setRunWeights(id, event.weights);
          st.updateRun(id, (r) => ({ ...r, test, epochs: [...result.history] }));
        }
        for (const w of result.warnings) st.logTraining({ level: 'warning', text: w });
        if (test?.languageModel) st.logTraining({ level: 'info', text: languageModelLine(test.languageModel, test.n) });
        else if (test && test.metrics.kind === 'classification')
          st.logTraining({
            level: 'info',
            text: `Test accuracy ${test.metrics.accuracy.toFixed(4)} (loss ${test.loss.toFixed(4)}, ${test.n} samples).`,
          });
        else if (test && test.metrics.kind === 'regression')
          st.logTraining({
            level: 'info',
            text: `Test MAE ${test.metrics.mae.toFixed(4)}, R² ${test.metrics.r2.toFixed(3)}.`,
          });
        st.logTraining({
          level: 'info',
          text: `Run ${result.status} after ${result.epoch} epoch${result.epoch === 1 ? '' : 's'}.`,
        });
        if (id && (result.status === 'completed' || result.status === 'early-stopped')) void markFinished(id);
        endLeg(result.status);
        return;
      }
      case 'lock-held':
      case 'evaluated':
      case 'parity': // tests only: no page asks for it
        return;
      case 'error': {
        const { kind, message } = event;
        st.setTrainingProblem({
          kind,
          message,
          ...(event.epoch != null ? { epoch: event.epoch, batch: event.batch ?? 0 } : {}),
        });
        st.logTraining({ level: 'error', text: message });
        if (kind === 'setup') endLeg('failed', message);
        return;
      }
      default: {
        const never: never = event;
        throw new Error(`Unhandled training event ${JSON.stringify(never)}`);
      }
    }
  }

  function handleCrash(reason: string): void {
    const message = `The training worker stopped unexpectedly (${reason}).`;
    s().setTrainingProblem({ kind: 'crash', message });
    s().logTraining({ level: 'error', text: `The training worker stopped unexpectedly: ${reason}` });
    endLeg('crashed', message);
  }

  return {
    handleEvent,
    handleCrash,
    markLegStart: () => {
      legStartedAt = clients.now();
    },
    legFinished: () => new Promise<LegOutcome>((resolve) => waiters.push(resolve)),
  };
}
