import { blockUses, definitionOf, isBlockNode } from './blocks';
import { baseName, uniqueName } from './build';
import type { Edge, Graph, LayerNode, Params, ParamValue, Position } from './graph';
import { incomingEdges, isTrainable, nodeById } from './graph';
import { LAYER_NAME } from './param-check';
import { quoteText } from './quote';
import { defaultParamsFor, getSpec } from './registry';

/**
 * Pure edits of the graph. Each returns a new graph (or a refusal with a reason a person can
 * read), so the store can keep history by reference and the UI can show why a gesture failed.
 */
export type EditResult = { ok: true; graph: Graph } | { ok: false; reason: string };

let counter = 0;
/** Ids only need to be unique within a graph; time + counter keeps pasted copies apart too. */
export function newId(prefix: string): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36)}`;
}

const takenNames = (graph: Graph) => new Set(graph.nodes.map((n) => n.name));

export function addNode(graph: Graph, type: string, position: Position, params: Params = {}, id = newId('n')): { graph: Graph; id: string } {
  const spec = getSpec(type);
  if (!spec) throw new Error(`Unknown layer type ${type}`);
  const node: LayerNode = {
    id,
    type,
    name: uniqueName(takenNames(graph), baseName(type)),
    params: { ...defaultParamsFor(spec), ...params },
    position,
  };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/** True when `to` can reach `from` already, so from→to would close a loop. */
export function wouldCreateCycle(graph: Graph, from: string, to: string): boolean {
  if (from === to) return true;
  const stack = [to];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === from) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}

/** Why a connection would be refused, or null when it is fine. */
export function connectionProblem(graph: Graph, source: string, target: string): string | null {
  const s = nodeById(graph, source);
  const t = nodeById(graph, target);
  if (!s || !t) return 'That layer no longer exists';
  // A block takes one input per port of its definition.
  const def = isBlockNode(t) ? definitionOf(graph, t) : undefined;
  const spec = def ? { inputs: { min: def.inputs.length, max: def.inputs.length } } : getSpec(t.type);
  if (!spec) return `${t.type} is not a known layer type`;
  if (spec.inputs.max === 0) return `${t.name} is an Input; it cannot receive a connection`;
  if (source === target) return `${t.name} cannot feed itself`;
  // The cycle reason comes first: it is the one that explains a loop-back drag.
  if (wouldCreateCycle(graph, source, target)) return `Connecting ${s.name} → ${t.name} would create a cycle; a model must flow one way`;
  const taken = incomingEdges(graph, target).length;
  if (taken >= spec.inputs.max) {
    return spec.inputs.max === 1
      ? `${t.name} takes one input and already has one; use a merge layer (Concatenate, Add) to combine branches`
      : `${t.name} takes at most ${spec.inputs.max} inputs`;
  }
  return null;
}

export function connect(graph: Graph, source: string, target: string, id = newId('e')): EditResult {
  const problem = connectionProblem(graph, source, target);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, graph: { ...graph, edges: [...graph.edges, { id, source, target }] } };
}

export function removeElements(graph: Graph, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Graph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return withoutUnusedBlocks({
    ...graph,
    nodes: graph.nodes.filter((n) => !nodes.has(n.id)),
    edges: graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  });
}

/** Drops block definitions no block node uses any more (undo brings them back with their node). */
export function withoutUnusedBlocks(graph: Graph): Graph {
  if (!graph.blocks) return graph;
  const uses = blockUses(graph);
  const kept = Object.entries(graph.blocks).filter(([key]) => uses.has(key));
  if (kept.length === Object.keys(graph.blocks).length) return graph;
  const { blocks: _all, ...rest } = graph;
  return kept.length > 0 ? { ...rest, blocks: Object.fromEntries(kept) } : rest;
}

export function moveNodes(graph: Graph, positions: ReadonlyMap<string, Position>): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) };
}

export function setParams(graph: Graph, id: string, patch: Readonly<Record<string, ParamValue>>): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...patch } } : n)) };
}

/**
 * Freezes (`false`) or unfreezes the given layers. Inputs have no weights and keep their flag.
 * Returns the same graph when nothing changes, so a no-op click leaves no undo step.
 */
export function setTrainable(graph: Graph, ids: Iterable<string>, trainable: boolean): Graph {
  const wanted = new Set(ids);
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    if (!wanted.has(n.id) || n.type === 'Input' || isTrainable(n) === trainable) return n;
    changed = true;
    return { ...n, params: { ...n.params, trainable } };
  });
  return changed ? { ...graph, nodes } : graph;
}

/** Every layer that feeds `id`, directly or through others (not `id` itself). */
export function upstreamOf(graph: Graph, id: string): Set<string> {
  const found = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const at = stack.pop() as string;
    for (const e of graph.edges) {
      if (e.target === at && !found.has(e.source) && e.source !== id) {
        found.add(e.source);
        stack.push(e.source);
      }
    }
  }
  return found;
}

export function renameNode(graph: Graph, id: string, name: string): EditResult {
  if (!LAYER_NAME.test(name)) return { ok: false, reason: 'Use letters, digits, _ . or -, starting with a letter or _' };
  if (graph.nodes.some((n) => n.name === name && n.id !== id)) return { ok: false, reason: `Another layer is already named ${quoteText(name)}` };
  return { ok: true, graph: { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, name } : n)) } };
}

/**
 * Pastes copies of `nodes` (and the edges among them) shifted by `offset`, with fresh ids and
 * names. Returns the new ids so the caller can select them.
 */
export function pasteNodes(graph: Graph, nodes: readonly LayerNode[], edges: readonly Edge[], offset: Position): { graph: Graph; ids: string[] } {
  const names = takenNames(graph);
  const idMap = new Map<string, string>();
  const copies = nodes.map((n) => {
    const id = newId('n');
    idMap.set(n.id, id);
    const name = uniqueName(names, n.name.replace(/_\d+$/, ''));
    names.add(name);
    // A pasted block is a linked instance; the layer names recorded for the original stay with it.
    const { blockNames: _names, ...rest } = n;
    return { ...rest, id, name, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const copiedEdges = edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => ({ id: newId('e'), source: idMap.get(e.source)!, target: idMap.get(e.target)! }));
  return { graph: { ...graph, nodes: [...graph.nodes, ...copies], edges: [...graph.edges, ...copiedEdges] }, ids: copies.map((c) => c.id) };
}

/** Vertical step between a layer and the next: graphs read top to bottom (see layoutByDepth). */
export const LAYER_STEP_Y = 140;

/**
 * Adds a layer below `afterId` and connects it, as double-click / Enter in the palette does.
 * With nothing selected the layer lands after the lowest node.
 */
export function appendAfter(graph: Graph, type: string, afterId: string | null): { graph: Graph; id: string } {
  const anchor = (afterId && nodeById(graph, afterId)) || [...graph.nodes].sort((a, b) => b.position.y - a.position.y)[0];
  const position = anchor ? { x: anchor.position.x, y: anchor.position.y + LAYER_STEP_Y } : { x: 0, y: 0 };
  const added = addNode(graph, type, position);
  if (!anchor || type === 'Input') return added;
  const linked = connect(added.graph, anchor.id, added.id);
  return { graph: linked.ok ? linked.graph : added.graph, id: added.id };
}
