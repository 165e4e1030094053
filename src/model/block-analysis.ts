import type { GraphAnalysis, GraphIssue, ParamTotals } from './analyze';
import type { FlatGraph } from './blocks';
import { isBlockNode } from './blocks';
import type { Graph, Shape } from './graph';
import { isTrainable } from './graph';
import { LAYER_NAME } from './param-check';
import { quoteText } from './quote';

const add = (a: ParamTotals, b: ParamTotals): ParamTotals => ({
  total: a.total + b.total,
  trainable: a.trainable + b.trainable,
  nonTrainable: a.nonTrainable + b.nonTrainable,
});

/**
 * The analysis of the flattened graph, told in terms of the graph the user edits: a block node's
 * shape is its output layer's, its count the sum of its layers', and a problem inside a block is
 * pinned to the block node (its message still names the inner layer).
 */
export function liftAnalysis(graph: Graph, flat: FlatGraph, inner: GraphAnalysis): GraphAnalysis {
  const up = (id: string) => flat.owner.get(id) ?? id;
  const shapes = new Map<string, Shape>();
  const counts = new Map<string, ParamTotals>();
  for (const [id, shape] of inner.shapes) if (!flat.owner.has(id)) shapes.set(id, shape);
  for (const [blockId, outId] of flat.outputOf) {
    const shape = inner.shapes.get(outId);
    if (shape) shapes.set(blockId, shape);
  }
  for (const [id, count] of inner.counts) {
    const at = up(id);
    const before = counts.get(at);
    counts.set(at, before ? add(before, count) : count);
  }
  const errors: GraphIssue[] = flat.problems.map((p) => ({ nodeId: p.nodeId, message: p.message }));
  for (const e of inner.errors) {
    const at = e.nodeId === null ? null : up(e.nodeId);
    // A param or port of an inner layer is not one of the block node's: keep only the sentence.
    errors.push(at !== null && at !== e.nodeId ? { nodeId: at, message: e.message } : e);
  }
  const names = new Set(graph.nodes.filter((n) => !isBlockNode(n)).map((n) => n.name));
  for (const node of graph.nodes.filter(isBlockNode)) {
    const problem = !LAYER_NAME.test(node.name)
      ? 'has an invalid name; use letters, digits, _ . or - and start with a letter or _'
      : names.has(node.name)
        ? 'has the same name as another layer; names must be unique'
        : null;
    names.add(node.name);
    if (problem) errors.push({ nodeId: node.id, message: `Block '${quoteText(node.name)}' ${problem}` });
  }
  const unique = (ids: readonly string[]) => [...new Set(ids.map(up))];
  const frozen = graph.nodes.filter((n) => n.type !== 'Input' && !isTrainable(n)).map((n) => n.id);
  return {
    ...inner,
    order: unique(inner.order),
    shapes,
    counts,
    frozen,
    frozenParams: frozen.reduce((sum, id) => sum + (counts.get(id)?.total ?? 0), 0),
    errors,
    inputs: unique(inner.inputs),
    outputs: unique(inner.outputs),
  };
}
