import type { Graph, ParamValue, Position } from '../model/graph';
import { addNode, appendAfter, connect, moveNodes, pasteNodes, removeElements, renameNode, setParams, setTrainable, upstreamOf } from '../model/graph-ops';
import type { LayerWeights } from '../model/weights';
import { blockActions } from './block-actions';
import type { HistoryMode } from './graph-slice';
import type { AppStore } from './index';

/**
 * Editor commands. Components call these instead of carrying callbacks in node data; each is
 * one undo step unless it says otherwise.
 */
export function editorActions(store: AppStore) {
  const s = () => store.getState();
  return {
    ...blockActions(store),
    addLayerAt(type: string, position: Position) {
      const { graph, id } = addNode(s().graph, type, position);
      s().setGraph(graph);
      s().select([id]);
      return id;
    },
    appendLayer(type: string) {
      const sel = s().selection;
      const { graph, id } = appendAfter(s().graph, type, sel.length === 1 ? sel[0]! : null);
      s().setGraph(graph);
      s().select([id]);
      return id;
    },
    connectNodes(source: string, target: string): boolean {
      const r = connect(s().graph, source, target);
      if (!r.ok) {
        s().notify(`Connection refused: ${r.reason}`, 'error');
        return false;
      }
      s().setGraph(r.graph);
      return true;
    },
    moveTo(positions: ReadonlyMap<string, Position>) {
      s().setGraph(moveNodes(s().graph, positions));
    },
    deleteSelection() {
      const nodes = s().selection;
      const edgeIds = s().edgeSelection;
      if (nodes.length === 0 && edgeIds.length === 0) return;
      s().setGraph(removeElements(s().graph, nodes, edgeIds));
      s().select([]);
      s().selectEdges([]);
    },
    copySelection() {
      const ids = new Set(s().selection);
      if (ids.size === 0) return false;
      const g = s().graph;
      s().setClipboard(
        g.nodes.filter((n) => ids.has(n.id)),
        g.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      );
      return true;
    },
    paste(offset: Position = { x: 40, y: 40 }) {
      const clip = s().clipboard;
      if (!clip || clip.nodes.length === 0) return;
      const { graph, ids } = pasteNodes(s().graph, clip.nodes, clip.edges, offset);
      s().setGraph(graph);
      s().select(ids);
      // Paste again lands further along rather than on top of the last copy.
      s().setClipboard(
        graph.nodes.filter((n) => ids.includes(n.id)),
        graph.edges.filter((e) => ids.includes(e.source) && ids.includes(e.target)),
      );
    },
    duplicate() {
      if (this.copySelection()) this.paste();
    },
    setParam(id: string, key: string, value: ParamValue, mode: HistoryMode = 'record') {
      s().setGraph(setParams(s().graph, id, { [key]: value }), mode);
    },
    /** Freezes or unfreezes layers (one undo step; none when nothing changes). */
    setTrainable(ids: readonly string[], trainable: boolean) {
      s().setGraph(setTrainable(s().graph, ids, trainable));
    },
    /** Freezes every layer that feeds `id` (one undo step) and says how many changed. */
    freezeBefore(id: string): number {
      const graph = s().graph;
      const next = setTrainable(graph, upstreamOf(graph, id), false);
      const changed = next.nodes.filter((n, i) => n !== graph.nodes[i]).length;
      s().setGraph(next);
      s().notify(changed === 0 ? 'Every layer before this one was already frozen.' : `Froze ${changed} layer${changed === 1 ? '' : 's'} before this one.`);
      return changed;
    },
    rename(id: string, name: string): string | null {
      const r = renameNode(s().graph, id, name);
      if (!r.ok) return r.reason;
      s().setGraph(r.graph);
      return null;
    },
    loadGraph(graph: Graph, message?: string) {
      s().clearGan();
      s().resetGraph(graph);
      s().select([]);
      s().requestFit();
      if (message) s().notify(message);
    },
    /**
     * Opens a template: its graph, and its pretrained weights as the ones training starts from.
     * A template without weights clears those of the previous graph, which would not fit.
     */
    loadTemplate(graph: Graph, title: string, weights: LayerWeights | null, weightsLabel: string | null = null) {
      this.loadGraph(graph, `Loaded “${title}”${weights ? ' with pretrained weights' : ''}`);
      s().setInitialWeights(weights, weights ? (weightsLabel ?? title) : null);
    },
  };
}

export type EditorActions = ReturnType<typeof editorActions>;
