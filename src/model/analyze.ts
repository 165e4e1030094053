import type { Edge, Graph, LayerNode, Shape } from './graph';
import { isTrainable } from './graph';
import { liftAnalysis } from './block-analysis';
import { flattenGraph, hasBlocks } from './blocks';
import { checkParam, LAYER_NAME } from './param-check';
import { quoteText } from './quote';
import { getSpec, layerParamCount, specParams } from './registry';
import { bigCount, limitText, MAX_PARAMS, outputSizeProblem, paramCountProblem } from './size-limits';
import { ShapeError } from './spec';

export interface GraphIssue {
  /** The node the problem is on; null for whole-graph problems (no Input, say). */
  readonly nodeId: string | null;
  /** The input port, when one input is at fault. */
  readonly port?: number;
  /** The param key, when one param is at fault. */
  readonly param?: string;
  readonly message: string;
}

export interface ParamTotals {
  readonly total: number;
  readonly trainable: number;
  readonly nonTrainable: number;
}

export interface GraphAnalysis {
  /** Node ids in topological order (only nodes not on a cycle). */
  readonly order: readonly string[];
  readonly shapes: ReadonlyMap<string, Shape>;
  readonly counts: ReadonlyMap<string, ParamTotals>;
  readonly totals: ParamTotals;
  /** Frozen layers (`trainable: false`), in graph order; Inputs are never listed. */
  readonly frozen: readonly string[];
  /**
   * Parameters of the frozen layers, all counted in `totals.nonTrainable`. The rest of that
   * total is statistics no optimizer trains, such as BatchNormalization's moving mean and variance.
   */
  readonly frozenParams: number;
  readonly errors: readonly GraphIssue[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** "Dense 'dense_1'": how messages name a layer, its name cut short when a file made it very long. */
export function label(node: LayerNode): string {
  return `${node.type} '${quoteText(node.name)}'`;
}

/** Edges grouped by endpoint, in graph order (which is also merge input order). */
function adjacency(graph: Graph, known: ReadonlySet<string>) {
  const into = new Map<string, Edge[]>();
  const outOf = new Map<string, Edge[]>();
  for (const e of graph.edges) {
    if (!known.has(e.source) || !known.has(e.target)) continue;
    (into.get(e.target) ?? into.set(e.target, []).get(e.target)!).push(e);
    (outOf.get(e.source) ?? outOf.set(e.source, []).get(e.source)!).push(e);
  }
  return { into, outOf };
}

/** Kahn's algorithm; whatever is left over sits on a cycle. */
function topoOrder(graph: Graph, into: Map<string, Edge[]>, outOf: Map<string, Edge[]>): { order: string[]; cyclic: string[] } {
  const indegree = new Map(graph.nodes.map((n) => [n.id, into.get(n.id)?.length ?? 0]));
  const queue = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    order.push(id);
    for (const e of outOf.get(id) ?? []) {
      const d = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, d);
      if (d === 0) queue.push(e.target);
    }
  }
  const done = new Set(order);
  return { order, cyclic: graph.nodes.filter((n) => !done.has(n.id)).map((n) => n.id) };
}

/** Layers each below the limit can still add up past it: pin that to the largest, where cutting helps most. */
function tooManyInAll(graph: Graph, counts: ReadonlyMap<string, ParamTotals>, total: number): GraphIssue {
  let largest: LayerNode | undefined;
  let most = 0;
  for (const node of graph.nodes) {
    const n = counts.get(node.id)?.total ?? 0;
    if (n > most) [largest, most] = [node, n];
  }
  const where = largest ? `; the largest layer is ${label(largest)} with ${bigCount(most)}` : '';
  return {
    nodeId: largest?.id ?? null,
    message: `The model would have ${bigCount(total)} parameters in all, more than the ${limitText(MAX_PARAMS)} a model can have to train in a browser${where}. Use fewer units or filters, or shrink the inputs of the largest layers`,
  };
}

/**
 * One pass over the graph: shape inference, param counts and every validation error,
 * each pinned to a node with a sentence a person can act on. A graph with blocks is analysed
 * flattened (blocks.ts) and the result told per block node (block-analysis.ts).
 */
export function analyzeGraph(graph: Graph): GraphAnalysis {
  if (!hasBlocks(graph)) return analyzeLayers(graph);
  const flat = flattenGraph(graph);
  return liftAnalysis(graph, flat, analyzeLayers(flat.graph));
}

/** analyzeGraph for a graph of layers only. */
function analyzeLayers(graph: Graph): GraphAnalysis {
  const errors: GraphIssue[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seenNames = new Map<string, string>();

  for (const node of graph.nodes) {
    const spec = getSpec(node.type);
    if (!spec) {
      errors.push({ nodeId: node.id, message: `'${quoteText(node.name)}' has unknown layer type ${quoteText(node.type)}` });
      continue;
    }
    if (!LAYER_NAME.test(node.name)) {
      errors.push({
        nodeId: node.id,
        message: `${label(node)} has an invalid name; use letters, digits, _ . or - and start with a letter or _`,
      });
    }
    const other = seenNames.get(node.name);
    if (other !== undefined) {
      errors.push({ nodeId: node.id, message: `${label(node)} has the same name as another layer; names must be unique` });
    } else seenNames.set(node.name, node.id);
    for (const def of specParams(spec)) {
      const problem = checkParam(def, node.params[def.key]);
      if (problem) errors.push({ nodeId: node.id, param: def.key, message: `${label(node)}: ${def.label} ${problem}` });
    }
  }

  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) {
      errors.push({ nodeId: byId.has(e.target) ? e.target : null, message: `A connection points to a layer that no longer exists (${e.id}); delete it` });
    }
  }

  const { into, outOf } = adjacency(graph, new Set(byId.keys()));
  const { order, cyclic } = topoOrder(graph, into, outOf);
  if (cyclic.length > 0) {
    const names = cyclic.map((id) => `'${quoteText(byId.get(id)?.name ?? id)}'`).join(', ');
    for (const id of cyclic) {
      errors.push({ nodeId: id, message: `Layers ${names} form a cycle; a model must flow one way, so remove a connection that loops back` });
    }
  }

  const inputs = graph.nodes.filter((n) => n.type === 'Input').map((n) => n.id);
  if (graph.nodes.length > 0 && inputs.length === 0) {
    errors.push({ nodeId: null, message: 'The model has no Input layer; add one from the palette and connect it to the first layer' });
  }

  const shapes = new Map<string, Shape>();
  const counts = new Map<string, ParamTotals>();
  const badParams = new Set(errors.filter((e) => e.param).map((e) => e.nodeId));
  let layerTooLarge = false;
  for (const id of order) {
    const node = byId.get(id) as LayerNode;
    const spec = getSpec(node.type);
    if (!spec) continue;
    const incoming = into.get(id) ?? [];
    const { min, max } = spec.inputs;
    if (incoming.length < min) {
      errors.push({
        nodeId: id,
        message:
          incoming.length === 0
            ? `${label(node)} has no input; connect a layer to it or delete it`
            : `${label(node)} needs at least ${min} inputs but has ${incoming.length}; connect another layer to it`,
      });
      continue;
    }
    if (incoming.length > max) {
      errors.push({
        nodeId: id,
        port: max,
        message:
          max === 0
            ? `${label(node)} is an Input and cannot take an incoming connection`
            : `${label(node)} takes ${max === 1 ? 'one input' : `at most ${max} inputs`} but ${incoming.length} are connected; remove one, or join them first with a merge layer such as Concatenate or Add`,
      });
      continue;
    }
    const inShapes = incoming.map((e) => shapes.get(e.source));
    if (inShapes.some((s) => s === undefined) || badParams.has(id)) continue; // upstream already reported
    try {
      const shape = spec.inferShape(inShapes as Shape[], node.params);
      if (shape.some((d) => d !== null && (!Number.isInteger(d) || d <= 0))) {
        throw new ShapeError(`would produce an empty or invalid output ${JSON.stringify(shape)}; make the input larger or the kernel/stride smaller`);
      }
      const tooLarge = outputSizeProblem(shape);
      if (tooLarge) throw new ShapeError(tooLarge);
      const count = layerParamCount(spec, inShapes as Shape[], node.params);
      const tooMany = paramCountProblem(count.total);
      if (tooMany) {
        errors.push({ nodeId: id, message: `${label(node)} ${tooMany}` });
        layerTooLarge = true;
      }
      // Only exact counts are summed, so the totals stay finite however large a layer is.
      if (Number.isSafeInteger(count.total)) counts.set(id, count);
      shapes.set(id, shape);
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      errors.push({ nodeId: id, port: err.port, message: `${label(node)} ${err.message}` });
    }
  }

  const hasOutgoing = new Set(graph.edges.map((e) => e.source));
  const outputs = graph.nodes.filter((n) => n.type !== 'Input' && !hasOutgoing.has(n.id)).map((n) => n.id);
  for (const id of inputs) {
    if (!hasOutgoing.has(id)) {
      const node = byId.get(id) as LayerNode;
      errors.push({ nodeId: id, message: `${label(node)} is not connected to any layer; connect it or delete it` });
    }
  }
  if (inputs.length > 0 && outputs.length === 0 && cyclic.length === 0) {
    errors.push({ nodeId: null, message: 'The model has no output layer; connect at least one layer after the Input' });
  }

  let trainable = 0;
  let nonTrainable = 0;
  for (const c of counts.values()) {
    trainable += c.trainable;
    nonTrainable += c.nonTrainable;
  }
  const total = trainable + nonTrainable;
  // A layer already flagged says it better; this is for layers each under the limit.
  if (total > MAX_PARAMS && !layerTooLarge) errors.push(tooManyInAll(graph, counts, total));
  const frozen = graph.nodes.filter((n) => n.type !== 'Input' && !isTrainable(n)).map((n) => n.id);
  const frozenParams = frozen.reduce((sum, id) => sum + (counts.get(id)?.total ?? 0), 0);
  return {
    order,
    shapes,
    counts,
    totals: { total, trainable, nonTrainable },
    frozen,
    frozenParams,
    errors,
    inputs,
    outputs,
  };
}
