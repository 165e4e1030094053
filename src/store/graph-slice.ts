import type { StateCreator } from 'zustand';
import { analyzeGraph, type GraphAnalysis } from '../model/analyze';
import { emptyGraph, type Graph } from '../model/graph';
import type { AppState } from './types';

/** How many undo steps we keep; older ones fall off. */
const HISTORY_LIMIT = 200;

/**
 * How an edit enters history (after excalidraw's captureUpdate):
 * - 'record': its own undo step;
 * - 'transient': part of a gesture in progress (a drag, a slider); the step is recorded once
 *   when the gesture ends, so one gesture is one undo step.
 * - 'none': never undoable (loading a project resets history instead).
 */
export type HistoryMode = 'record' | 'transient' | 'none';

export interface GraphSlice {
  graph: Graph;
  analysis: GraphAnalysis;
  past: Graph[];
  future: Graph[];
  /** The graph as it was when the current gesture began; null outside gestures. */
  gestureStart: Graph | null;
  setGraph(next: Graph, mode?: HistoryMode): void;
  beginGesture(): void;
  endGesture(): void;
  undo(): void;
  redo(): void;
  /** Replaces the graph and forgets history (opening a file, loading a template). */
  resetGraph(next: Graph): void;
}

/** True when only node positions differ, so the last analysis still holds. */
function sameStructure(a: Graph, b: Graph): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i]!;
    return n.id === m.id && n.type === m.type && n.name === m.name && n.params === m.params;
  });
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => ({
  graph: emptyGraph,
  analysis: analyzeGraph(emptyGraph),
  past: [],
  future: [],
  gestureStart: null,
  setGraph(next, mode = 'record') {
    const { graph, past, gestureStart } = get();
    if (next === graph) return;
    // Moves do not change shapes or counts; skip the analysis pass for them.
    const analysis = sameStructure(graph, next) ? get().analysis : analyzeGraph(next);
    if (mode === 'record' && gestureStart === null) {
      set({ graph: next, analysis, past: [...past, graph].slice(-HISTORY_LIMIT), future: [] });
    } else if (mode === 'transient' && gestureStart === null) {
      // A transient edit outside a gesture starts one implicitly, ended by the next endGesture.
      set({ graph: next, analysis, gestureStart: graph });
    } else {
      set({ graph: next, analysis });
    }
  },
  beginGesture() {
    if (get().gestureStart === null) set({ gestureStart: get().graph });
  },
  endGesture() {
    const { gestureStart, graph, past } = get();
    if (gestureStart === null) return;
    if (gestureStart === graph) set({ gestureStart: null });
    else set({ gestureStart: null, past: [...past, gestureStart].slice(-HISTORY_LIMIT), future: [] });
  },
  undo() {
    get().endGesture();
    const { past, graph, future } = get();
    const prev = past.at(-1);
    if (!prev) return;
    set({ graph: prev, analysis: analyzeGraph(prev), past: past.slice(0, -1), future: [graph, ...future] });
  },
  redo() {
    const { past, graph, future } = get();
    const next = future[0];
    if (!next) return;
    set({ graph: next, analysis: analyzeGraph(next), past: [...past, graph], future: future.slice(1) });
  },
  resetGraph(next) {
    set({ graph: next, analysis: analyzeGraph(next), past: [], future: [], gestureStart: null });
  },
});
