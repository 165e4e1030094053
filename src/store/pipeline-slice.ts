import type { StateCreator } from 'zustand';
import {
  addStage,
  connect,
  defaultPipeline,
  disconnect,
  moveStages,
  removeStage,
  renameStage,
  setRule,
  updateStageConfig,
} from '../pipeline/model';
import type { RuleCheck } from '../pipeline/rule';
import type { PipelineRunResult, StageUpdate } from '../pipeline/runner';
import type { StageRun } from '../pipeline/status';
import type { Suggestion } from '../pipeline/suggestions';
import type {
  ConfigByKind,
  DecisionRule,
  Pipeline,
  PipelineEdit,
  Position,
  StageKind,
  StageStatus,
} from '../pipeline/types';
import * as history from './history';
import type { History, HistoryMode } from './history';
import type { AppState } from './types';

/** A message the Pipeline page shows in its own live region (why a gesture was refused, run results). */
export interface PipelineMessage {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

/** Starts a pipeline run; installed by the app's glue code (see setPipelineRunHandler). */
export type PipelineRunHandler = () => void | Promise<void>;

export interface PipelineSlice {
  pipeline: Pipeline;
  /** Undo/redo stacks of the pipeline only; the layer graph keeps its own. */
  pipelinePast: readonly Pipeline[];
  pipelineFuture: readonly Pipeline[];
  pipelineGestureStart: Pipeline | null;
  selectedStageId: string | null;
  selectedPipelineEdgeId: string | null;
  /** Per-stage states reported by the runner, by stage id. */
  stageRuns: Readonly<Record<string, StageRun>>;
  pipelineRunning: boolean;
  pipelineRunHandler: PipelineRunHandler | null;
  optimizeSuggestions: readonly Suggestion[];
  lastRuleCheck: RuleCheck | null;
  lastPipelineRun: PipelineRunResult | null;
  pipelineMessage: PipelineMessage | null;

  /** Replaces the pipeline, entering history as `mode` says (see HistoryMode in ./history). */
  setPipeline(next: Pipeline, mode?: HistoryMode): void;
  /** Applies a pure edit's result, or shows its refusal; true when applied. */
  applyPipelineEdit(edit: PipelineEdit, mode?: HistoryMode): boolean;
  beginPipelineGesture(): void;
  endPipelineGesture(): void;
  undoPipeline(): void;
  redoPipeline(): void;
  /** Loads a pipeline (opening a project) and forgets history, run states and the page's message. */
  resetPipeline(next: Pipeline): void;

  addPipelineStage(kind: StageKind, position?: Position): string | null;
  removePipelineStage(id: string): boolean;
  renamePipelineStage(id: string, name: string): boolean;
  connectPipelineStages(source: string, target: string): boolean;
  disconnectPipelineEdge(edgeId: string): void;
  /** Removes the selected edge, or else the selected stage (the Delete key). */
  removePipelineSelection(): void;
  movePipelineStages(positions: ReadonlyMap<string, Position>, mode?: HistoryMode): void;
  updatePipelineStageConfig<K extends StageKind>(
    id: string,
    kind: K,
    patch: Partial<ConfigByKind[K]>,
    mode?: HistoryMode,
  ): boolean;
  setPipelineRule(rule: DecisionRule, mode?: HistoryMode): boolean;
  selectStage(id: string | null): void;
  selectPipelineEdge(id: string | null): void;

  /** Run-state API for the runner glue: one stage's status (and the line it shows). */
  setStageRun(stageId: string, status: StageStatus, message?: string): void;
  /** The runner's onStatus callback, as is. */
  applyStageUpdate(update: StageUpdate): void;
  clearStageRuns(): void;
  setPipelineRunning(running: boolean): void;
  setOptimizeSuggestions(suggestions: readonly Suggestion[]): void;
  /** Stores a finished run: its rule check, suggestions and a message for the page. */
  finishPipelineRun(result: PipelineRunResult): void;
  setPipelineRunHandler(handler: PipelineRunHandler | null): void;
  /**
   * The "Run pipeline" button. Calls the installed handler (the app's glue: it runs
   * src/pipeline/runner with real training); without one, says the runner is not ready yet.
   */
  requestPipelineRun(): void;
  notifyPipeline(text: string, kind?: PipelineMessage['kind']): void;
  dismissPipelineMessage(): void;
}

let messageId = 0;

export const createPipelineSlice: StateCreator<AppState, [], [], PipelineSlice> = (set, get) => ({
  pipeline: defaultPipeline(),
  pipelinePast: [],
  pipelineFuture: [],
  pipelineGestureStart: null,
  selectedStageId: null,
  selectedPipelineEdgeId: null,
  stageRuns: {},
  pipelineRunning: false,
  pipelineRunHandler: null,
  optimizeSuggestions: [],
  lastRuleCheck: null,
  lastPipelineRun: null,
  pipelineMessage: null,

  setPipeline(next, mode = 'record') {
    pipelineStep(get, set, (h) => history.commit(h, next, mode));
  },
  applyPipelineEdit(edit, mode = 'record') {
    if (!edit.ok) {
      get().notifyPipeline(edit.reason, 'error');
      return false;
    }
    get().setPipeline(edit.pipeline, mode);
    return true;
  },
  beginPipelineGesture() {
    pipelineStep(get, set, history.beginGesture);
  },
  endPipelineGesture() {
    pipelineStep(get, set, history.endGesture);
  },
  undoPipeline() {
    if (pipelineStep(get, set, history.undo)) keepSelectionValid(get, set);
  },
  redoPipeline() {
    if (pipelineStep(get, set, history.redo)) keepSelectionValid(get, set);
  },
  resetPipeline(next) {
    set({
      pipeline: next,
      pipelinePast: [],
      pipelineFuture: [],
      pipelineGestureStart: null,
      selectedStageId: null,
      selectedPipelineEdgeId: null,
      stageRuns: {},
      optimizeSuggestions: [],
      lastRuleCheck: null,
      lastPipelineRun: null,
      // A message about the previous project's pipeline would be read as about this one.
      pipelineMessage: null,
    });
  },

  addPipelineStage(kind, position) {
    const r = addStage(get().pipeline, kind, position);
    if (!r.ok) {
      get().notifyPipeline(r.reason, 'error');
      return null;
    }
    get().setPipeline(r.pipeline);
    set({ selectedStageId: r.id, selectedPipelineEdgeId: null });
    return r.id;
  },
  removePipelineStage(id) {
    const ok = get().applyPipelineEdit(removeStage(get().pipeline, id));
    if (ok && get().selectedStageId === id) set({ selectedStageId: null });
    return ok;
  },
  renamePipelineStage(id, name) {
    return get().applyPipelineEdit(renameStage(get().pipeline, id, name));
  },
  connectPipelineStages(source, target) {
    return get().applyPipelineEdit(connect(get().pipeline, source, target));
  },
  disconnectPipelineEdge(edgeId) {
    get().setPipeline(disconnect(get().pipeline, edgeId));
    if (get().selectedPipelineEdgeId === edgeId) set({ selectedPipelineEdgeId: null });
  },
  removePipelineSelection() {
    const { selectedPipelineEdgeId: edge, selectedStageId: stage } = get();
    if (edge) get().disconnectPipelineEdge(edge);
    else if (stage) get().removePipelineStage(stage);
  },
  movePipelineStages(positions, mode = 'record') {
    get().setPipeline(moveStages(get().pipeline, positions), mode);
  },
  updatePipelineStageConfig(id, kind, patch, mode = 'record') {
    return get().applyPipelineEdit(updateStageConfig(get().pipeline, id, kind, patch), mode);
  },
  setPipelineRule(rule, mode = 'record') {
    return get().applyPipelineEdit(setRule(get().pipeline, rule), mode);
  },
  selectStage(id) {
    if (get().selectedStageId === id && (id === null || get().selectedPipelineEdgeId === null)) return;
    set({ selectedStageId: id, selectedPipelineEdgeId: id === null ? get().selectedPipelineEdgeId : null });
  },
  selectPipelineEdge(id) {
    if (get().selectedPipelineEdgeId === id) return;
    set({ selectedPipelineEdgeId: id, selectedStageId: id === null ? get().selectedStageId : null });
  },

  setStageRun(stageId, status, message) {
    const run: StageRun = message === undefined ? { status } : { status, message };
    set({ stageRuns: { ...get().stageRuns, [stageId]: run } });
  },
  applyStageUpdate(update) {
    get().setStageRun(update.stageId, update.status, update.message);
  },
  clearStageRuns() {
    set({ stageRuns: {}, optimizeSuggestions: [], lastRuleCheck: null });
  },
  setPipelineRunning(running) {
    set({ pipelineRunning: running });
  },
  setOptimizeSuggestions(suggestions) {
    set({ optimizeSuggestions: suggestions });
  },
  finishPipelineRun(result) {
    set({
      lastPipelineRun: result,
      lastRuleCheck: result.check,
      optimizeSuggestions: result.suggestions,
      pipelineRunning: false,
    });
    get().notifyPipeline(result.message, result.outcome === 'failed' ? 'error' : 'info');
  },
  setPipelineRunHandler(handler) {
    set({ pipelineRunHandler: handler });
  },
  requestPipelineRun() {
    const { pipelineRunHandler: handler, pipelineRunning } = get();
    if (pipelineRunning) return;
    if (!handler) {
      // The app's glue installs the handler once it has started; a click before that is refused, not queued.
      get().notifyPipeline('The pipeline cannot run yet: the app is still starting.', 'error');
      return;
    }
    // The handler reports its own failures through finishPipelineRun; this catches a throw in the glue itself.
    void Promise.resolve()
      .then(handler)
      .catch((err: unknown) => {
        set({ pipelineRunning: false });
        get().notifyPipeline(`The pipeline run stopped: ${err instanceof Error ? err.message : String(err)}`, 'error');
      });
  },
  notifyPipeline(text, kind = 'info') {
    set({ pipelineMessage: { id: ++messageId, kind, text } });
  },
  dismissPipelineMessage() {
    set({ pipelineMessage: null });
  },
});

/**
 * Runs one history step over the pipeline's fields (named apart from the graph's, which share the
 * store) and stores the result; true when the pipeline itself changed.
 */
function pipelineStep(
  get: () => AppState,
  set: (partial: Partial<AppState>) => void,
  op: (h: History<Pipeline>) => History<Pipeline>,
): boolean {
  const { pipeline, pipelinePast, pipelineFuture, pipelineGestureStart } = get();
  const before: History<Pipeline> = {
    present: pipeline,
    past: pipelinePast,
    future: pipelineFuture,
    gestureStart: pipelineGestureStart,
  };
  const after = op(before);
  if (after === before) return false;
  set({
    pipeline: after.present,
    pipelinePast: after.past,
    pipelineFuture: after.future,
    pipelineGestureStart: after.gestureStart,
  });
  return after.present !== pipeline;
}

/** After undo/redo a selected stage or edge may be gone; drop the selection then. */
function keepSelectionValid(get: () => AppState, set: (partial: Partial<AppState>) => void): void {
  const { pipeline, selectedStageId, selectedPipelineEdgeId } = get();
  if (selectedStageId && !pipeline.stages.some((s) => s.id === selectedStageId)) set({ selectedStageId: null });
  if (selectedPipelineEdgeId && !pipeline.edges.some((e) => e.id === selectedPipelineEdgeId))
    set({ selectedPipelineEdgeId: null });
}
