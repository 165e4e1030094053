import { isBlockNode } from './blocks';
import type { Edge, Graph, LayerNode } from './graph';
import { quoteText } from './quote';

/** What Make block needs to know about a selection, or why it cannot become a block. */
export interface BlockCut {
  readonly layers: readonly LayerNode[];
  /** Layers outside the selection that feed it, one port each, in the order their first edge appears. */
  readonly portSources: readonly string[];
  /** The selected layer whose output leaves the block. */
  readonly output: string;
}

const names = (nodes: readonly LayerNode[]) =>
  nodes
    .slice(0, 3)
    .map((n) => `'${quoteText(n.name)}'`)
    .join(', ') + (nodes.length > 3 ? ` and ${nodes.length - 3} more` : '');

/** A layer outside the selection that a selected layer reaches and that reaches back into it, if any. */
function layerBetween(graph: Graph, inside: ReadonlySet<string>): string | null {
  const stack = graph.edges.filter((e) => inside.has(e.source) && !inside.has(e.target)).map((e) => e.target);
  const seen = new Set<string>();
  const reachesInside = (id: string): boolean => {
    const walk = [id];
    const visited = new Set<string>();
    while (walk.length > 0) {
      const at = walk.pop() as string;
      if (visited.has(at)) continue;
      visited.add(at);
      for (const e of graph.edges) {
        if (e.source !== at) continue;
        if (inside.has(e.target)) return true;
        walk.push(e.target);
      }
    }
    return false;
  };
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    if (reachesInside(id)) return id;
  }
  return null;
}

/**
 * Checks that the selected layers can become one block: no Inputs, no blocks (they do not nest),
 * something feeding them, one layer whose output leaves (or ends) the selection, and no outside
 * layer between two selected ones (collapsing would make a loop).
 */
export function cutForBlock(
  graph: Graph,
  ids: Iterable<string>,
): { ok: true; cut: BlockCut } | { ok: false; reason: string } {
  const wanted = new Set(ids);
  const layers = graph.nodes.filter((n) => wanted.has(n.id));
  if (layers.length === 0) {
    return {
      ok: false,
      reason:
        'Nothing is selected: select the layers to put in the block (Shift+drag a box, or Ctrl+click each), then Make block',
    };
  }
  const inputs = layers.filter((n) => n.type === 'Input');
  if (inputs.length > 0)
    return {
      ok: false,
      reason: `Input layers stay outside blocks, and ${names(inputs)} is selected; deselect it and try again`,
    };
  const blocks = layers.filter(isBlockNode);
  if (blocks.length > 0)
    return {
      ok: false,
      reason: `${names(blocks)} is already a block, and blocks cannot be nested; expand it first or leave it out of the selection`,
    };
  const inside = new Set(layers.map((n) => n.id));
  const entering: Edge[] = graph.edges.filter((e) => inside.has(e.target) && !inside.has(e.source));
  const portSources = [...new Set(entering.map((e) => e.source))];
  if (portSources.length === 0) {
    return {
      ok: false,
      reason: `Nothing outside the selection feeds ${names(layers)}; connect the layer before it, so the block has an input`,
    };
  }
  const between = layerBetween(graph, inside);
  if (between !== null) {
    const node = graph.nodes.find((n) => n.id === between)!;
    return {
      ok: false,
      reason: `'${quoteText(node.name)}' is not selected but sits between selected layers, so the block would feed itself; select it too`,
    };
  }
  const hasOutgoing = new Set(graph.edges.map((e) => e.source));
  const leaving = new Set(
    graph.edges.filter((e) => inside.has(e.source) && !inside.has(e.target)).map((e) => e.source),
  );
  const ends = layers.filter((n) => leaving.has(n.id) || !hasOutgoing.has(n.id));
  if (ends.length !== 1) {
    return {
      ok: false,
      reason: `A block has one output, but ${ends.length} selected layers (${names(ends)}) send their output out of the selection or end it; select fewer layers, or add the layer that joins them`,
    };
  }
  return { ok: true, cut: { layers, portSources, output: ends[0]!.id } };
}
