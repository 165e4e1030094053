import type { StateCreator } from 'zustand';
import { analyzeGraph, type GraphAnalysis } from '../model/analyze';
import { emptyGraph, type Graph } from '../model/graph';
import * as history from './history';
import type { History, HistoryMode } from './history';
import type { AppState } from './types';

export type { HistoryMode };

export interface GraphSlice {
  graph: Graph;
  analysis: GraphAnalysis;
  past: readonly Graph[];
  future: readonly Graph[];
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
  // A block definition edit changes the layers without touching nodes or edges.
  if (a.edges !== b.edges || a.blocks !== b.blocks || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i]!;
    return n.id === m.id && n.type === m.type && n.name === m.name && n.params === m.params;
  });
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => {
  /** Runs one history step over this slice's fields (named as the UI reads them) and stores the result. */
  const step = (op: (h: History<Graph>) => History<Graph>): void => {
    const { graph, past, future, gestureStart, analysis } = get();
    const before: History<Graph> = { present: graph, past, future, gestureStart };
    const after = op(before);
    if (after === before) return;
    // Moves do not change shapes or counts; skip the analysis pass for them.
    const nextAnalysis = sameStructure(graph, after.present) ? analysis : analyzeGraph(after.present);
    set({
      graph: after.present,
      analysis: nextAnalysis,
      past: after.past,
      future: after.future,
      gestureStart: after.gestureStart,
    });
  };
  return {
    graph: emptyGraph,
    analysis: analyzeGraph(emptyGraph),
    past: [],
    future: [],
    gestureStart: null,
    setGraph(next, mode = 'record') {
      step((h) => history.commit(h, next, mode));
    },
    beginGesture() {
      step(history.beginGesture);
    },
    endGesture() {
      step(history.endGesture);
    },
    undo() {
      step(history.undo);
    },
    redo() {
      step(history.redo);
    },
    resetGraph(next) {
      set({ graph: next, analysis: analyzeGraph(next), past: [], future: [], gestureStart: null });
    },
  };
};
