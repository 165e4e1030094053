/**
 * The layer graph: plain, serialisable data. Every operation on it returns a new graph,
 * so history (undo/redo) can keep old versions by reference.
 */

/** A tensor dimension; `null` is unknown until run time (the batch, or a free sequence length). */
export type Dim = number | null;

/** A tensor shape including the leading batch dimension, as Keras reports it. */
export type Shape = readonly Dim[];

/** L1/L2 penalty on a weight; both zero means none. */
export interface RegularizerValue {
  readonly l1: number;
  readonly l2: number;
}

export type ParamValue = number | string | boolean | null | readonly number[] | RegularizerValue;

export type Params = Readonly<Record<string, ParamValue>>;

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface LayerNode {
  readonly id: string;
  /** The registry key; equal to the Keras class name (`Dense`, `Conv2D`, …). */
  readonly type: string;
  /** The Keras layer name: unique in the graph, used for weights and exports. */
  readonly name: string;
  readonly params: Params;
  readonly position: Position;
  /**
   * Block nodes only (type `Block`, see blocks.ts): the Keras name each inner layer of this
   * instance gets when the graph is flattened, by the inner node's id. Making a block records the
   * names the layers had, so collapsing and expanding keep every weight's name; inner layers not
   * listed are named `<instance>_<inner>`.
   */
  readonly blockNames?: Readonly<Record<string, string>>;
}

/**
 * A connection from one node's output to another node's input. For layers with several
 * inputs (merges), the order of their incoming edges in `Graph.edges` is the input order.
 */
export interface Edge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

/**
 * A reusable subgraph. Its `graph` holds one `Input` placeholder per port (`inputs`, in port
 * order) standing for whatever feeds the block node; `output` is the inner node whose tensor
 * leaves the block. Instances are nodes of type `Block` whose `block` param is the definition's
 * key in `Graph.blocks`: several instances of one key are linked (one definition, own weights).
 */
export interface BlockDefinition {
  readonly name: string;
  readonly graph: Graph;
  readonly inputs: readonly string[];
  readonly output: string;
}

export interface Graph {
  readonly nodes: readonly LayerNode[];
  readonly edges: readonly Edge[];
  /** Block definitions by key; absent when the graph has none. */
  readonly blocks?: Readonly<Record<string, BlockDefinition>>;
}

export const emptyGraph: Graph = { nodes: [], edges: [] };

/** Incoming edges of a node, in input order. */
export function incomingEdges(graph: Graph, nodeId: string): Edge[] {
  return graph.edges.filter((e) => e.target === nodeId);
}

export function outgoingEdges(graph: Graph, nodeId: string): Edge[] {
  return graph.edges.filter((e) => e.source === nodeId);
}

export function nodeById(graph: Graph, id: string): LayerNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

/**
 * Whether training may change the layer's weights. The flag is the `trainable` param every layer
 * shares (registry.ts), as in a Keras layer config; absent means trainable.
 */
export function isTrainable(node: LayerNode): boolean {
  return node.params.trainable !== false;
}

export function formatShape(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

export function isRegularizer(v: ParamValue | undefined): v is RegularizerValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'l1' in v;
}
