/**
 * The training session: starts, pauses, stops, continues and resumes runs in the training worker
 * and keeps every run's record, weights and checkpoint. `start` returns a promise of the finished
 * run, so the pipeline awaits it instead of watching the store.
 */
import { flattenGraph } from '../model/blocks';
import type { AppStore } from '../store/types';
import { liveSeries, restoreBatchCurve, type TrainingRun } from '../store/training-slice';
import type { BackendName } from '../training/backend-trial';
import type { TrainConfigInput } from '../training/config';
import type { Checkpoint } from '../training/types';
import type { RunCheckpoint } from './checkpoints';
import { recoverRuns, storedCheckpoint } from './recovery';
import type { SessionClients, TrainWorker } from './clients';
import { datasetInfo } from './dataset-info';
import { createEventSink } from './training-events';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface StartOptions {
  readonly config: TrainConfigInput;
  readonly backend: BackendName | null;
  readonly epochs: number;
  /** A name for the runs list instead of "Run N" (search trials are named after their settings). */
  readonly name?: string;
}

export interface TrainingSession {
  /** What blocks a start: a sentence and the page that fixes it, or null. */
  startBlocker(): { message: string; page: 'data' | 'model' } | null;
  /** A new run from fresh seeded weights; resolves with the run when it ends (rejects if it cannot start). */
  start(options: StartOptions): Promise<TrainingRun>;
  /** N more epochs of the current run: in the live worker, else from its stored checkpoint. */
  continueRun(epochs: number): Promise<TrainingRun>;
  /** Picks up an interrupted run (a reload, a crash) at its last stored epoch. */
  resume(runId: string, epochs: number): Promise<TrainingRun>;
  /** Starts again on `backend` from the last good checkpoint, keeping the run. */
  retryOn(backend: BackendName): Promise<TrainingRun>;
  nextBackend(): BackendName;
  pause(): void;
  unpause(): void;
  stop(): void;
  /** Deletes a run: its record, weights and checkpoint (not while it trains). */
  deleteRun(runId: string): Promise<void>;
  /** Reads the open project's checkpoints: interrupted runs get their last epochs, curves and weights back. */
  recover(): Promise<RunCheckpoint | null>;
  /** The interrupted run that "Resume training" offers, if any. */
  resumable(): RunCheckpoint | null;
  dispose(): void;
}

export function createTrainingSession(store: AppStore, clients: SessionClients): TrainingSession {
  const s = () => store.getState();
  let worker: TrainWorker | null = null;
  let lastBackend: BackendName | null = null;
  let interrupted: RunCheckpoint | null = null;
  let counter = 0;
  const sink = createEventSink({ store, clients, checkpointStored: (epoch) => worker?.checkpointSaved(epoch) });

  async function getWorker(): Promise<TrainWorker> {
    worker ??= await clients.trainWorker({ onEvent: sink.handleEvent, onCrash: sink.handleCrash });
    return worker;
  }

  function startBlocker(): ReturnType<TrainingSession['startBlocker']> {
    const st = s();
    if (!st.dataset) return { message: 'There is no dataset yet: pick or upload one on the Data page.', page: 'data' };
    if (st.graph.nodes.length === 0)
      return { message: 'The model is empty: build one or load a template on the Model page.', page: 'model' };
    const errors = st.analysis.errors;
    if (errors.length > 0)
      return {
        message: `The model has ${errors.length} error${errors.length === 1 ? '' : 's'} (${errors[0]!.message}); fix them on the Model page.`,
        page: 'model',
      };
    return null;
  }

  async function finished(): Promise<TrainingRun> {
    const outcome = await sink.legFinished();
    if (!outcome.run) throw new Error(outcome.error ?? 'The run ended without a record.');
    return outcome.run;
  }

  /** Runs one leg in a fresh worker: from fresh weights, or from `checkpoint` for an existing run. */
  async function launch(
    run: TrainingRun,
    backend: BackendName | null,
    epochs: number,
    checkpoint: Checkpoint | null,
  ): Promise<TrainingRun> {
    assertCanStart();
    const st = s();
    const dataset = st.dataset!;
    lastBackend = backend;
    s().setTrainingStatus('starting');
    s().setTrainingProblem(null);
    s().setProgress(null);
    s().bumpSeriesVersion();
    sink.markLegStart();
    const done = finished();
    const w = await getWorker();
    w.start({
      // Workers and exports see layers only: blocks are flattened here (src/model/blocks.ts).
      graph: flattenGraph(st.graph).graph,
      dataset,
      config: run.config,
      forceBackend: backend,
      epochs,
      checkpoint,
      // An opened or pretrained model is fine-tuned from its own weights, not from fresh ones.
      initialWeights: st.initialWeights,
    });
    return done;
  }

  /** Throws the sentence that blocks a start (no data, model errors, a run in progress). */
  function assertCanStart(): void {
    const blocker = startBlocker();
    if (blocker) throw new Error(blocker.message);
    if (s().trainingStatus !== 'idle') throw new Error('Training is already running: stop it first.');
  }

  async function start({ config, backend, epochs, name }: StartOptions): Promise<TrainingRun> {
    assertCanStart();
    const st = s();
    counter += 1;
    const run: TrainingRun = {
      id: `run-${Date.now().toString(36)}-${counter}`,
      name: name ?? `Run ${st.runs.length + 1}`,
      config,
      backendLabel: '…',
      status: 'running',
      epochs: [],
      test: null,
      seconds: 0,
      metric: st.dataset!.task === 'regression' ? 'mae' : 'accuracy',
      createdAt: new Date().toISOString(),
      data: datasetInfo(st.dataset!),
    };
    interrupted = null;
    st.addRun(run);
    st.setLastCheckpoint(null);
    liveSeries.clear();
    // The project as the run starts (data, model, settings, the run) is on disk before epoch 1 ends.
    await clients.saveProject().catch(() => undefined);
    return launch(run, backend, epochs, null);
  }

  /** Makes `runId` the current run again, with its stored curve in the live chart. */
  function reopen(run: TrainingRun): void {
    s().setCurrentRun(run.id);
    s().updateRun(run.id, (r) => ({ ...r, status: 'running', test: null }));
    if (run.batchCurve) restoreBatchCurve(liveSeries, run.batchCurve);
    else liveSeries.clear();
  }

  async function continueRun(epochs: number): Promise<TrainingRun> {
    const run = s().runs.find((r) => r.id === s().currentRunId) ?? s().runs.at(-1);
    if (!run) throw new Error('There is no run to continue: start one first.');
    if (s().trainingStatus !== 'idle') throw new Error('Training is already running.');
    if (worker?.alive && s().currentRunId === run.id) {
      // The test score belonged to the weights before these epochs.
      s().updateRun(run.id, (r) => ({ ...r, status: 'running', test: null }));
      s().setTrainingStatus('starting');
      s().setTrainingProblem(null);
      const done = finished();
      worker.continue(epochs);
      return done;
    }
    const cp =
      s().currentRunId === run.id && s().lastCheckpoint
        ? s().lastCheckpoint
        : ((await storedCheckpoint(store, clients.storage, run.id))?.checkpoint ?? null);
    if (!cp) throw new Error(`${run.name} has no stored checkpoint to continue from: start a new run.`);
    assertCanStart();
    reopen(run);
    return launch(run, lastBackend, epochs, cp);
  }

  async function resume(runId: string, epochs: number): Promise<TrainingRun> {
    const run = s().runs.find((r) => r.id === runId);
    const saved = interrupted?.runId === runId ? interrupted : await storedCheckpoint(store, clients.storage, runId);
    if (!run || !saved) throw new Error('That run has nothing stored to resume from.');
    assertCanStart();
    interrupted = null;
    s().setLastCheckpoint(saved.checkpoint);
    reopen(run);
    return launch(run, null, epochs, saved.checkpoint);
  }

  async function retryOn(backend: BackendName): Promise<TrainingRun> {
    const run = s().runs.find((r) => r.id === s().currentRunId);
    if (!run) throw new Error('There is no run to retry.');
    const cp = s().lastCheckpoint;
    const total = typeof run.config.epochs === 'number' ? run.config.epochs : s().trainSettings.epochs;
    const remaining = Math.max(1, (s().progress?.endEpoch ?? total) - (cp?.epoch ?? 0));
    assertCanStart();
    worker?.terminate();
    worker = null;
    reopen(run);
    if (!cp) s().updateRun(run.id, (r) => ({ ...r, epochs: [] }));
    return launch(run, backend, remaining, cp);
  }

  function nextBackend(): BackendName {
    const i = BACKEND_ORDER.indexOf(s().backend?.name ?? 'wasm');
    return BACKEND_ORDER[Math.min(BACKEND_ORDER.length - 1, i + 1)] ?? 'cpu';
  }

  function pause(): void {
    const p = s().progress;
    worker?.pause();
    s().setTrainingStatus('paused');
    if (p) s().setProgress({ ...p, pausedAt: clients.now() });
  }

  function unpause(): void {
    const p = s().progress;
    worker?.resume();
    s().setTrainingStatus('running');
    if (p)
      s().setProgress({
        ...p,
        pausedAt: null,
        pausedMs: p.pausedAt != null ? p.pausedMs + clients.now() - p.pausedAt : p.pausedMs,
      });
  }

  function stop(): void {
    if (s().trainingStatus === 'paused') unpause();
    worker?.stop();
  }

  async function deleteRun(runId: string): Promise<void> {
    if (s().currentRunId === runId && s().trainingStatus !== 'idle')
      throw new Error('Stop this run before deleting it.');
    const projectId = s().currentProjectId;
    if (s().currentRunId === runId) {
      worker?.terminate();
      worker = null;
    }
    if (interrupted?.runId === runId) interrupted = null;
    s().deleteRun(runId);
    if (projectId) await clients.storage.removeRun(projectId, runId);
  }

  async function recover(): Promise<RunCheckpoint | null> {
    // A run in progress is the live one: nothing of it needs recovering.
    if (s().trainingStatus !== 'idle') return null;
    interrupted = await recoverRuns(store, clients.storage);
    return interrupted;
  }

  return {
    startBlocker,
    start,
    continueRun,
    resume,
    retryOn,
    nextBackend,
    pause,
    unpause,
    stop,
    deleteRun,
    recover,
    resumable: () => interrupted,
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
