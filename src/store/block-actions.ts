import {
  addBlock,
  expandBlock,
  makeBlock,
  reuseBlock,
  setBlockLayerParams,
  unlinkBlock,
  type BlockEdit,
} from '../model/block-ops';
import { isBlockNode } from '../model/blocks';
import type { ParamValue } from '../model/graph';
import { connect, LAYER_STEP_Y } from '../model/graph-ops';
import { DEFAULT_TRANSFORMER_SIZES, READY_BLOCKS, type ReadyBlock, type TransformerSizes } from '../model/ready-blocks';
import type { HistoryMode } from './graph-slice';
import type { AppStore } from './types';

/**
 * Block commands (Make block, Expand, reuse linked or copied, ready blocks). Each is one undo
 * step; a refusal leaves the graph and history alone and says why in a notice.
 */
export function blockActions(store: AppStore) {
  const s = () => store.getState();
  const apply = (r: BlockEdit, what: string): boolean => {
    if (!r.ok) {
      s().notify(`${what}: ${r.reason}`, 'error');
      return false;
    }
    s().setGraph(r.graph);
    s().select(r.ids);
    return true;
  };
  /** The one selected block node, or a notice saying to select one. */
  const selectedBlock = (what: string): string | null => {
    const sel = s().selection;
    const node = sel.length === 1 ? s().graph.nodes.find((n) => n.id === sel[0]) : undefined;
    if (node && isBlockNode(node)) return node.id;
    s().notify(`${what}: select one block node first`, 'error');
    return null;
  };
  return {
    /** Collapses the selected layers into one block node (Ctrl+G). */
    makeBlock(name = 'block'): boolean {
      return apply(makeBlock(s().graph, s().selection, name), 'Cannot make a block');
    },
    /** Turns a block node back into its layers (Ctrl+Shift+G); the selected one when no id is given. */
    expandBlock(id: string | null = null): boolean {
      const target = id ?? selectedBlock('Cannot expand');
      return target !== null && apply(expandBlock(s().graph, target), 'Cannot expand the block');
    },
    /** Adds another instance of a block beside it: linked (shares edits) or a copy. */
    reuseBlock(id: string, linked: boolean): boolean {
      return apply(reuseBlock(s().graph, id, linked), 'Cannot reuse the block');
    },
    unlinkBlock(id: string): boolean {
      return apply(unlinkBlock(s().graph, id), 'Cannot unlink the block');
    },
    /** Edits one layer of a block definition: every linked instance follows. */
    setBlockLayerParam(key: string, innerId: string, param: string, value: ParamValue, mode: HistoryMode = 'record') {
      s().setGraph(setBlockLayerParams(s().graph, key, innerId, { [param]: value }), mode);
    },
    /**
     * Inserts a ready block below the selected layer and connects it. Its width (the Dense that
     * returns to the residual) is the last dimension of that layer's output, when known.
     */
    insertReadyBlock(ready: ReadyBlock | ReadyBlock['id'], sizes: Partial<TransformerSizes> = {}): boolean {
      const block = typeof ready === 'string' ? READY_BLOCKS.find((b) => b.id === ready) : ready;
      if (!block) return false;
      const { graph, selection, analysis } = s();
      const anchor = selection.length === 1 ? graph.nodes.find((n) => n.id === selection[0]) : undefined;
      const last = anchor ? analysis.shapes.get(anchor.id)?.at(-1) : undefined;
      const dim = typeof last === 'number' ? last : DEFAULT_TRANSFORMER_SIZES.dim;
      const below = anchor ?? [...graph.nodes].sort((a, b) => b.position.y - a.position.y)[0];
      const position = below ? { x: below.position.x, y: below.position.y + LAYER_STEP_Y } : { x: 0, y: 0 };
      const added = addBlock(graph, block.build({ ...DEFAULT_TRANSFORMER_SIZES, dim, ...sizes }), position);
      if (!added.ok || !anchor) return apply(added, `Cannot add the ${block.title} block`);
      const linked = connect(added.graph, anchor.id, added.ids[0]!);
      return apply(linked.ok ? { ...added, graph: linked.graph } : added, `Cannot add the ${block.title} block`);
    },
  };
}
