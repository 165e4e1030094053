import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/types';
import { runPipeline, type PipelineRunResult, type RunnerDeps } from './runner';

/**
 * Runs the store's pipeline with `deps` and writes every stage update, the rule check and the
 * suggestions back into the store. The app's glue only has to supply the deps:
 *
 *   store.getState().setPipelineRunHandler(() => runPipelineInStore(store, makeDeps()));
 */
export async function runPipelineInStore(
  store: StoreApi<AppState>,
  deps: RunnerDeps,
): Promise<PipelineRunResult | null> {
  const s = store.getState();
  if (s.pipelineRunning) return null;
  s.endPipelineGesture();
  s.clearStageRuns();
  s.setPipelineRunning(true);
  try {
    const result = await runPipeline(store.getState().pipeline, deps, (u) => store.getState().applyStageUpdate(u));
    store.getState().finishPipelineRun(result);
    return result;
  } finally {
    store.getState().setPipelineRunning(false);
  }
}
