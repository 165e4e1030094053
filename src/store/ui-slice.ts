import type { StateCreator } from 'zustand';
import type { Edge, LayerNode } from '../model/graph';
import type { AppState } from './types';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export interface UiSlice {
  /** Selected node ids (edges are selected inside React Flow only). */
  selection: readonly string[];
  edgeSelection: readonly string[];
  notice: Notice | null;
  clipboard: { nodes: readonly LayerNode[]; edges: readonly Edge[] } | null;
  /** Bumped to ask the canvas to fit the view (after a template or import loads). */
  fitRequest: number;
  quickAddOpen: boolean;
  requestFit(): void;
  setQuickAdd(open: boolean): void;
  select(ids: readonly string[]): void;
  selectEdges(ids: readonly string[]): void;
  notify(text: string, kind?: Notice['kind']): void;
  dismissNotice(): void;
  setClipboard(nodes: readonly LayerNode[], edges: readonly Edge[]): void;
}

let noticeId = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  selection: [],
  edgeSelection: [],
  notice: null,
  clipboard: null,
  fitRequest: 0,
  quickAddOpen: false,
  requestFit() {
    set({ fitRequest: get().fitRequest + 1 });
  },
  setQuickAdd(open) {
    set({ quickAddOpen: open });
  },
  select(ids) {
    const cur = get().selection;
    if (cur.length === ids.length && cur.every((id, i) => id === ids[i])) return;
    set({ selection: ids });
  },
  selectEdges(ids) {
    set({ edgeSelection: ids });
  },
  notify(text, kind = 'info') {
    set({ notice: { id: ++noticeId, kind, text } });
  },
  dismissNotice() {
    set({ notice: null });
  },
  setClipboard(nodes, edges) {
    set({ clipboard: { nodes, edges } });
  },
});
