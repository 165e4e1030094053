/**
 * The session layer: everything that drives the workers and the store, built from `(store,
 * clients)` so the unit tests run it against createAppStore() with fake workers. The UI calls it;
 * it reaches the core only through the worker clients.
 */
import type { LoadedProject } from '../store/persistence/snapshot';
import type { AppStore } from '../store/types';
import type { SessionClients } from './clients';
import { createDataSession, type DataSession } from './data';
import { restoreDataset } from './data-restore';
import { createEvaluationSession, type EvaluationSession } from './evaluation';
import { createPipelineSession, type PipelineSession } from './pipeline';
import { createTrainingSession, type TrainingSession } from './training';

export interface Session {
  readonly data: DataSession;
  readonly training: TrainingSession;
  readonly evaluation: EvaluationSession;
  readonly pipeline: PipelineSession;
  /** Reloads an opened project's data through the data worker, with the settings it saved. */
  restoreDataset(loaded: LoadedProject): Promise<void>;
  /** Whether closing the tab now would lose something: a run in progress or unsaved changes. */
  closeWarning(): string | null;
  dispose(): void;
}

export function createSession(store: AppStore, clients: SessionClients): Session {
  const data = createDataSession(store, clients);
  const training = createTrainingSession(store, clients);
  const evaluation = createEvaluationSession(store, clients);
  const pipeline = createPipelineSession(store, training);
  store.getState().setPipelineRunHandler(async () => {
    await pipeline.run();
  });
  // A project opened (or reloaded): its interrupted runs get their stored epochs back.
  let projectId = store.getState().currentProjectId;
  const unsubscribe = store.subscribe((s) => {
    if (s.currentProjectId === projectId) return;
    projectId = s.currentProjectId;
    void training.recover();
  });
  if (projectId) void training.recover();

  function closeWarning(): string | null {
    const s = store.getState();
    if (s.trainingStatus !== 'idle') return 'A model is training: leaving stops it (finished epochs are kept).';
    const save = s.saveStatus.state;
    if (save === 'pending' || save === 'saving' || save === 'paused' || save === 'failed')
      return 'Some changes are not saved yet: leaving now loses them.';
    return null;
  }

  return {
    data,
    restoreDataset: (loaded) => restoreDataset(store, data, loaded),
    training,
    evaluation,
    pipeline,
    closeWarning,
    dispose() {
      unsubscribe();
      training.dispose();
      store.getState().setPipelineRunHandler(null);
    },
  };
}

export type { SessionClients } from './clients';
