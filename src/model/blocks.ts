import type { BlockDefinition, Edge, Graph, LayerNode } from './graph';
import { quoteText } from './quote';

/**
 * Blocks: a node of type `Block` stands for a whole subgraph (its definition in `Graph.blocks`).
 * Everything after the editor sees ordinary layers only: `flattenGraph` replaces each block node by
 * a copy of its definition's layers, and analysis, compile and every export start from it. So
 * tfjs, Keras, ONNX and PyTorch never learn that blocks exist.
 */
export const BLOCK_TYPE = 'Block';

/** The separator between instance and inner layer in a flattened name: `_` is valid in Keras, tfjs and Python. */
export const BLOCK_NAME_SEPARATOR = '_';

export const isBlockNode = (node: LayerNode): boolean => node.type === BLOCK_TYPE;

export function hasBlocks(graph: Graph): boolean {
  return graph.nodes.some(isBlockNode);
}

/** The definition key a block node names (its `block` param), or null. */
export function blockKey(node: LayerNode): string | null {
  const key = node.params.block;
  return typeof key === 'string' ? key : null;
}

export function definitionOf(graph: Graph, node: LayerNode): BlockDefinition | undefined {
  const key = blockKey(node);
  return key === null ? undefined : graph.blocks?.[key];
}

/** How many block nodes use each definition: 2 or more are linked instances. */
export function blockUses(graph: Graph): Map<string, number> {
  const uses = new Map<string, number>();
  for (const n of graph.nodes) {
    const key = isBlockNode(n) ? blockKey(n) : null;
    if (key !== null) uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  return uses;
}

/** The layers of a definition, without its input placeholders. */
export function innerLayers(def: BlockDefinition): LayerNode[] {
  const ports = new Set(def.inputs);
  return def.graph.nodes.filter((n) => !ports.has(n.id));
}

/** The Keras name an inner layer gets in one instance: recorded at Make block, else `<instance>_<inner>`. */
export function flatName(instance: LayerNode, inner: LayerNode): string {
  return instance.blockNames?.[inner.id] ?? `${instance.name}${BLOCK_NAME_SEPARATOR}${inner.name}`;
}

/** A flattened inner node's id: deterministic, so the same instance flattens the same way every time. */
export const flatId = (instanceId: string, innerId: string): string => `${instanceId}/${innerId}`;

export interface BlockProblem {
  readonly nodeId: string;
  readonly message: string;
}

export interface FlatGraph {
  /** The graph with every block replaced by its layers; the input graph itself when it has no blocks. */
  readonly graph: Graph;
  /** Flattened node id → the block node it came from (layers outside blocks are not listed). */
  readonly owner: ReadonlyMap<string, string>;
  /** Block node id → the flattened node whose output is the block's output. */
  readonly outputOf: ReadonlyMap<string, string>;
  /** Block nodes that could not be flattened (they are left out of `graph`). */
  readonly problems: readonly BlockProblem[];
}

function definitionProblem(graph: Graph, node: LayerNode, def: BlockDefinition | undefined): string | null {
  const label = `Block '${quoteText(node.name)}'`;
  if (!def)
    return `${label} names a block definition (${quoteText(String(node.params.block))}) the project does not have; delete the block node`;
  const ids = new Set(def.graph.nodes.map((n) => n.id));
  if (!ids.has(def.output) || def.inputs.includes(def.output) || def.inputs.some((i) => !ids.has(i))) {
    return `${label}: its definition '${quoteText(def.name)}' is damaged (a port names a layer it does not hold); delete the block node`;
  }
  if (def.graph.nodes.some(isBlockNode))
    return `${label}: its definition '${quoteText(def.name)}' holds another block; blocks cannot be nested`;
  const taken = graph.edges.filter((e) => e.target === node.id).length;
  if (taken !== def.inputs.length) {
    const want = def.inputs.length;
    return `${label} takes ${want === 1 ? 'one input' : `${want} inputs`} but ${taken} ${taken === 1 ? 'is' : 'are'} connected; connect ${want === 1 ? 'one layer' : `${want} layers`} to it`;
  }
  return null;
}

/**
 * Replaces every block node by its definition's layers. An edge into the block's port p feeds
 * whatever the definition's p-th placeholder fed; edges out of the block leave from the inner
 * output layer. Edges keep their order per target, so merge inputs keep their order.
 */
export function flattenGraph(graph: Graph): FlatGraph {
  if (!hasBlocks(graph)) return { graph, owner: new Map(), outputOf: new Map(), problems: [] };
  const problems: BlockProblem[] = [];
  const owner = new Map<string, string>();
  const outputOf = new Map<string, string>();
  const blocks = new Map<string, BlockDefinition>();
  for (const node of graph.nodes) {
    if (!isBlockNode(node)) continue;
    const def = definitionOf(graph, node);
    const problem = definitionProblem(graph, node, def);
    if (problem || !def) problems.push({ nodeId: node.id, message: problem ?? '' });
    else blocks.set(node.id, def);
  }
  const portSources = (blockId: string) => graph.edges.filter((e) => e.target === blockId).map((e) => e.source);
  const brokenBlocks = new Set(problems.map((p) => p.nodeId));
  /** An edge's real source: a block's inner output layer; null for a block left out. */
  const resolve = (id: string): string | null => {
    if (brokenBlocks.has(id)) return null;
    const def = blocks.get(id);
    return def ? flatId(id, def.output) : id;
  };

  const nodes: LayerNode[] = [];
  const edges: Edge[] = [];
  for (const node of graph.nodes) {
    const def = blocks.get(node.id);
    if (!isBlockNode(node)) nodes.push(node);
    if (!def) continue;
    outputOf.set(node.id, flatId(node.id, def.output));
    const frozen = node.params.trainable === false;
    for (const inner of innerLayers(def)) {
      const id = flatId(node.id, inner.id);
      owner.set(id, node.id);
      nodes.push({
        id,
        type: inner.type,
        name: flatName(node, inner),
        params: frozen ? { ...inner.params, trainable: false } : inner.params,
        position: node.position,
      });
    }
  }
  for (const e of graph.edges) {
    // Edges into a block are its ports (used below); those touching a block left out go with it.
    if (blocks.has(e.target) || brokenBlocks.has(e.target)) continue;
    const source = resolve(e.source);
    if (source !== null) edges.push(source === e.source ? e : { ...e, source });
  }
  for (const [blockId, def] of blocks) {
    const sources = portSources(blockId);
    for (const e of def.graph.edges) {
      const port = def.inputs.indexOf(e.source);
      const source = port >= 0 ? resolve(sources[port]!) : flatId(blockId, e.source);
      if (source !== null) edges.push({ id: flatId(blockId, e.id), source, target: flatId(blockId, e.target) });
    }
  }
  return { graph: { nodes, edges }, owner, outputOf, problems };
}

/**
 * The graph with its blocks flattened, for exporters that take any graph (ONNX, PyTorch, Keras);
 * throws naming each block that cannot be flattened.
 */
export function flatGraphOf(graph: Graph): Graph {
  const flat = flattenGraph(graph);
  if (flat.problems.length > 0) throw new Error(flat.problems.map((p) => p.message).join('; '));
  return flat.graph;
}
