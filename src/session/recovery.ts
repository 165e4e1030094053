/**
 * After a reload or a crash: the open project's stored checkpoints give interrupted runs their
 * finished epochs, curves and weights back, and say which run "Resume training" continues.
 */
import type { AppStore } from '../store/types';
import type { TrainingRun } from '../store/training-slice';
import { isRunCheckpoint, type RunCheckpoint } from './checkpoints';
import type { RunStorage } from './clients';

/** A run known only from its checkpoint (it started after the last autosave), as the runs list shows it. */
export function runFromCheckpoint(cp: RunCheckpoint): TrainingRun {
  const history = cp.checkpoint.trainer.history;
  return {
    id: cp.runId,
    ...cp.run,
    config: cp.config,
    backendLabel: cp.backendLabel,
    status: cp.finished ? 'completed' : 'stopped',
    epochs: history,
    test: null,
    seconds: history.reduce((n, e) => n + (Number.isFinite(e.seconds) ? e.seconds : 0), 0),
    batchCurve: cp.batchCurve,
  };
}

/** The stored checkpoint of one run of the open project, or null (none, unreadable, or storage refused). */
export async function storedCheckpoint(
  store: AppStore,
  storage: RunStorage,
  runId: string,
): Promise<RunCheckpoint | null> {
  const projectId = store.getState().currentProjectId;
  if (!projectId) return null;
  try {
    const v = await storage.checkpoints.get(projectId, runId);
    return isRunCheckpoint(v) ? v : null;
  } catch (_unavailable) {
    return null;
  }
}

/** Merges every stored checkpoint into the runs; returns the interrupted run to offer (the newest), or null. */
export async function recoverRuns(store: AppStore, storage: RunStorage): Promise<RunCheckpoint | null> {
  const s = () => store.getState();
  const projectId = s().currentProjectId;
  if (!projectId) return null;
  let stored: unknown[] = [];
  try {
    stored = await storage.checkpoints.list(projectId);
  } catch (_unavailable) {
    return null;
  }
  if (s().currentProjectId !== projectId) return null;
  let interrupted: RunCheckpoint | null = null;
  for (const cp of stored.filter(isRunCheckpoint)) {
    if (!s().runs.some((r) => r.id === cp.runId)) s().insertRun(runFromCheckpoint(cp));
    const run = s().runs.find((r) => r.id === cp.runId)!;
    // The checkpoint is written before the next epoch starts; autosave may lag behind it.
    if (cp.checkpoint.trainer.history.length >= run.epochs.length) {
      s().updateRun(run.id, (r) => ({ ...r, epochs: cp.checkpoint.trainer.history, batchCurve: cp.batchCurve }));
      s().setRunWeights(run.id, cp.weights);
    }
    const newer =
      !interrupted || (run.createdAt ?? '') >= (s().runs.find((r) => r.id === interrupted!.runId)?.createdAt ?? '');
    if (!cp.finished && newer) interrupted = cp;
  }
  if (interrupted) {
    s().setCurrentRun(interrupted.runId);
    s().setLastCheckpoint(interrupted.checkpoint);
  }
  return interrupted;
}
