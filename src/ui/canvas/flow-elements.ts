import type { Edge as FlowEdge } from '@xyflow/react';
import type { GraphAnalysis } from '../../model/analyze';
import { blockUses, definitionOf, innerLayers, isBlockNode } from '../../model/blocks';
import type { Graph, LayerNode } from '../../model/graph';
import { formatShape } from '../../model/graph';
import { getSpec } from '../../model/registry';
import type { LayerFlowNode, LayerNodeData } from '../nodes/LayerNode';
import type { ShapeFlowEdge } from '../nodes/ShapeEdge';

function sameData(a: LayerNodeData, b: LayerNodeData): boolean {
  return (
    a.node === b.node &&
    a.summary === b.summary &&
    a.params === b.params &&
    a.error === b.error &&
    a.warning === b.warning &&
    a.frozen === b.frozen &&
    a.block?.title === b.block?.title &&
    a.block?.uses === b.block?.uses &&
    a.block?.layers === b.block?.layers &&
    (a.shape === b.shape || (a.shape !== null && b.shape !== null && formatShape(a.shape) === formatShape(b.shape)))
  );
}

/** What a block node's face shows: its definition's name, how many instances share it, its size. */
function blockFace(graph: Graph, node: LayerNode, uses: ReadonlyMap<string, number>): LayerNodeData['block'] {
  const def = definitionOf(graph, node);
  if (!def) return { title: '(missing definition)', uses: 1, layers: 0 };
  return { title: def.name, uses: uses.get(String(node.params.block)) ?? 1, layers: innerLayers(def).length };
}

function dataFor(
  node: LayerNode,
  analysis: GraphAnalysis,
  errors: Map<string, string>,
  warnings: ReadonlyMap<string, string>,
  block?: LayerNodeData['block'],
): LayerNodeData {
  if (block) {
    return {
      node,
      category: 'Core',
      summary: `${block.layers} layers`,
      shape: analysis.shapes.get(node.id) ?? null,
      params: analysis.counts.get(node.id)?.total ?? null,
      frozen: node.params.trainable === false,
      error: errors.get(node.id) ?? null,
      warning: warnings.get(node.id) ?? null,
      acceptsInput: true,
      block,
    };
  }
  const spec = getSpec(node.type);
  let summary = '';
  try {
    summary = spec?.summary(node.params) ?? '';
  } catch {
    summary = ''; // a half-typed param must never take the node face down
  }
  return {
    node,
    category: spec?.category ?? 'Core',
    summary,
    shape: analysis.shapes.get(node.id) ?? null,
    params: analysis.counts.get(node.id)?.total ?? null,
    frozen: node.params.trainable === false,
    error: errors.get(node.id) ?? null,
    warning: warnings.get(node.id) ?? null,
    acceptsInput: (spec?.inputs.max ?? 1) > 0,
  };
}

/**
 * Graph + analysis → React Flow nodes. Keeps each node's previous `data` object when nothing it
 * shows changed, so memoised nodes skip re-rendering, and keeps React Flow's measurements.
 */
export function toFlowNodes(
  graph: Graph,
  analysis: GraphAnalysis,
  selection: ReadonlySet<string>,
  previous: readonly LayerFlowNode[],
  warnings: ReadonlyMap<string, string> = new Map(),
): LayerFlowNode[] {
  const errors = new Map<string, string>();
  for (const e of analysis.errors) if (e.nodeId && !errors.has(e.nodeId)) errors.set(e.nodeId, e.message);
  const prevById = new Map(previous.map((n) => [n.id, n]));
  const uses = blockUses(graph);
  return graph.nodes.map((node) => {
    const prev = prevById.get(node.id);
    const fresh = dataFor(node, analysis, errors, warnings, isBlockNode(node) ? blockFace(graph, node, uses) : undefined);
    const data = prev && sameData(prev.data, fresh) ? prev.data : fresh;
    const selected = selection.has(node.id);
    if (prev && prev.data === data && prev.position === node.position && prev.selected === selected) return prev;
    return { ...prev, id: node.id, type: 'layer', position: node.position, data, selected };
  });
}

/**
 * Graph edges → React Flow edges, labelled with the shape they carry. Every edge out of one layer
 * carries the same shape, so only the first says it: labels of a branch would otherwise stack
 * in the gap below the layer.
 */
export function toFlowEdges(graph: Graph, analysis: GraphAnalysis, selectedEdges: ReadonlySet<string>): FlowEdge[] {
  const labelled = new Set<string>();
  return graph.edges.map((e): ShapeFlowEdge => {
    const shape = analysis.shapes.get(e.source);
    const first = !labelled.has(e.source);
    labelled.add(e.source);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'shape',
      selected: selectedEdges.has(e.id),
      data: { label: shape && first ? formatShape(shape) : '' },
    };
  });
}
