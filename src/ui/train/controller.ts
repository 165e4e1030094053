/**
 * Drives the training worker for the Train page and writes what it reports into the store. A
 * module singleton, so a run survives leaving the page. The client is loaded with import() so
 * tfjs and the worker stay out of the app shell until training starts.
 */
import { appStore } from '../../store/app-store';
import { liveSeries, type TrainingRun } from '../../store/training-slice';
import type { BackendName } from '../../training/backend-trial';
import type { TrainConfigInput } from '../../training/config';
import type { Checkpoint } from '../../training/types';
import type { TrainClient } from '../../worker/train-client';
import { liveCurves } from '../charts/live-series';
import { currentRun, handleCrash, handleEvent, markLegStart } from './events';
import type { SavedCheckpoint } from './saved-checkpoint';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

let client: TrainClient | null = null;
/** What the crashed run was started with, for "Retry on …". */
let lastStart: { config: TrainConfigInput; force: BackendName | null; epochs: number } | null = null;

const s = () => appStore.getState();

async function getClient(): Promise<TrainClient> {
  if (client) return client;
  const { TrainClient } = await import('../../worker/train-client');
  client = new TrainClient({ onEvent: handleEvent, onCrash: handleCrash });
  return client;
}

/** What blocks a start: a sentence for the page, or null. */
export function startBlocker(): { message: string; page: 'data' | 'model' } | null {
  const st = s();
  if (!st.dataset) return { message: 'There is no dataset yet: pick or upload one on the Data page.', page: 'data' };
  if (st.graph.nodes.length === 0) return { message: 'The model is empty: build one or load a template on the Model page.', page: 'model' };
  const errors = st.analysis.errors;
  if (errors.length > 0)
    return { message: `The model has ${errors.length} error${errors.length === 1 ? '' : 's'} (${errors[0]!.message}); fix them on the Model page.`, page: 'model' };
  return null;
}

let runCounter = 0;

/** A new run from fresh seeded weights, or from `checkpoint` (resume / retry). */
export async function startTraining(
  config: TrainConfigInput,
  force: BackendName | null,
  epochs: number,
  from: { checkpoint: Checkpoint; runId?: string; history?: TrainingRun['epochs'] } | null = null,
  /** A name for the runs list instead of "Run N" (search trials are named after their settings). */
  name?: string,
): Promise<void> {
  const st = s();
  const dataset = st.dataset;
  if (!dataset || startBlocker()) return;
  lastStart = { config, force, epochs };
  const existing = from?.runId ? st.runs.find((r) => r.id === from.runId) : undefined;
  if (!existing) {
    runCounter += 1;
    const run: TrainingRun = {
      id: from?.runId ?? `run-${Date.now().toString(36)}-${runCounter}`,
      name: name ?? `Run ${st.runs.length + 1}`,
      config,
      backendLabel: '…',
      status: 'running',
      epochs: from?.history ?? [],
      test: null,
      seconds: 0,
      metric: dataset.task === 'regression' ? 'mae' : 'accuracy',
    };
    st.patchTraining({ runs: [...st.runs, run], currentRunId: run.id });
    liveSeries.clear();
    liveCurves.reset();
  } else {
    st.updateRun(existing.id, (r) => ({ ...r, status: 'running', test: null }));
    st.patchTraining({ currentRunId: existing.id });
  }
  st.patchTraining({ trainingStatus: 'starting', trainingProblem: null, progress: null, seriesVersion: st.seriesVersion + 1 });
  markLegStart();
  const c = await getClient();
  c.start({
    graph: st.graph,
    dataset,
    config,
    forceBackend: force,
    epochs,
    checkpoint: from?.checkpoint ?? null,
    // An opened or pretrained model is fine-tuned from its own weights, not from fresh ones.
    initialWeights: st.initialWeights,
  });
}

/** N more epochs on the same model and optimizer state (or from the last checkpoint after a crash). */
export async function continueTraining(epochs: number): Promise<void> {
  const st = s();
  const run = currentRun();
  if (!run) return;
  if (client?.alive) {
    // The test score belonged to the weights before these epochs.
    st.updateRun(run.id, (r) => ({ ...r, status: 'running', test: null }));
    st.patchTraining({ trainingStatus: 'starting', trainingProblem: null });
    client.continue(epochs);
    return;
  }
  if (st.lastCheckpoint)
    await startTraining(run.config, lastStart?.force ?? null, epochs, {
      checkpoint: st.lastCheckpoint,
      runId: run.id,
      history: st.lastCheckpoint.trainer.history,
    });
}

export function pauseTraining(): void {
  const p = s().progress;
  client?.pause();
  s().patchTraining({ trainingStatus: 'paused', ...(p ? { progress: { ...p, pausedAt: performance.now() } } : {}) });
}

export function resumeTraining(): void {
  const p = s().progress;
  client?.resume();
  const pausedMs = p?.pausedAt != null ? p.pausedMs + performance.now() - p.pausedAt : (p?.pausedMs ?? 0);
  s().patchTraining({ trainingStatus: 'running', ...(p ? { progress: { ...p, pausedAt: null, pausedMs } } : {}) });
}

export function stopTraining(): void {
  if (s().trainingStatus === 'paused') resumeTraining();
  client?.stop();
}

/** The backend after the one that crashed, for "Retry on …". */
export function nextBackend(): BackendName {
  const current = s().backend?.name ?? 'wasm';
  const i = BACKEND_ORDER.indexOf(current);
  return BACKEND_ORDER[Math.min(BACKEND_ORDER.length - 1, i + 1)] ?? 'cpu';
}

/** Starts again on `backend` from the last good checkpoint (or fresh weights), keeping the run. */
export async function retryOn(backend: BackendName): Promise<void> {
  const run = currentRun();
  const cp = s().lastCheckpoint;
  const config = run?.config ?? lastStart?.config ?? {};
  const total = lastStart?.epochs ?? 1;
  const done = cp?.epoch ?? 0;
  const remaining = Math.max(1, (s().progress?.endEpoch ?? total) - done);
  s().patchTraining({ trainingProblem: null });
  await startTraining(config, backend, remaining, cp && run ? { checkpoint: cp, runId: run.id, history: cp.trainer.history } : null);
}

/** Resumes a run saved in IndexedDB before the page was reloaded. */
export async function resumeSaved(saved: SavedCheckpoint, epochs: number): Promise<void> {
  const st = s();
  if (!st.runs.some((r) => r.id === saved.runId)) {
    const run: TrainingRun = {
      id: saved.runId,
      name: `Run ${st.runs.length + 1} (resumed)`,
      config: saved.config,
      backendLabel: saved.backendLabel,
      status: 'stopped',
      epochs: saved.history,
      test: null,
      seconds: 0,
      metric: st.dataset?.task === 'regression' ? 'mae' : 'accuracy',
    };
    st.patchTraining({ runs: [...st.runs, run], currentRunId: run.id, lastCheckpoint: saved.checkpoint });
  }
  await startTraining(saved.config, null, epochs, { checkpoint: saved.checkpoint, runId: saved.runId, history: saved.history });
}

/** Dev/test hook behind `?crash-worker`: makes the worker fail at its next batch. */
export function crashWorkerForTest(): void {
  client?.crashForTest();
}
