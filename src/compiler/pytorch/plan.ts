import { analyzeGraph } from '../../model/analyze';
import type { Graph, LayerNode, Shape } from '../../model/graph';
import { incomingEdges } from '../../model/graph';
import { getSpec } from '../../model/registry';
import { IdentifierAllocator } from '../python/py-literal';
import type { LayerFamily, PlannedLayer } from './family';
import { PYTORCH_FAMILIES } from './families';

export class PytorchExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PytorchExportError';
  }
}

export interface PlannedNode extends PlannedLayer {
  /** The Python local holding the output in forward(); also the layer's weights.npz key prefix. */
  readonly variable: string;
  /** Variables of the inputs, in input order. */
  readonly inputs: readonly string[];
  /** Null for Input nodes. */
  readonly family: LayerFamily | null;
}

export interface PytorchPlan {
  /** Every node in build order: the order of the tfjs weights manifest. */
  readonly nodes: readonly PlannedNode[];
  readonly inputs: readonly PlannedNode[];
  readonly outputs: readonly PlannedNode[];
}

/**
 * Names model.py itself uses in forward() or at module level; a local made from a layer name
 * must not shadow them (a layer named "torch" would otherwise break the next torch call).
 */
const RESERVED = [
  'torch',
  'nn',
  'F',
  'np',
  'math',
  'os',
  'self',
  'layers',
  'device',
  'inputs',
  'Model',
  'Layer',
  'as_input',
  'first_device',
  'ACTIVATIONS',
  'HERE',
  'range',
  'len',
  'tuple',
  'list',
  'isinstance',
];

const describe = (node: LayerNode) => `${node.type} ${JSON.stringify(node.name)}`;

const familyByType = new Map<string, LayerFamily>(PYTORCH_FAMILIES.flatMap((f) => f.types.map((t) => [t, f] as const)));

/** The layer types the PyTorch export can write. */
export const PYTORCH_LAYER_TYPES: readonly string[] = [...familyByType.keys()];

/**
 * Graph → the layers model.py builds, in build order. Throws PytorchExportError naming every
 * problem at once: graph errors, then every layer the export cannot reproduce and why.
 */
export function planPytorch(graph: Graph): PytorchPlan {
  const analysis = analyzeGraph(graph);
  if (analysis.errors.length > 0) {
    throw new PytorchExportError(
      `The model cannot be exported to PyTorch until these problems are fixed: ${analysis.errors.map((e) => e.message).join('; ')}`,
    );
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const identifiers = new IdentifierAllocator();
  for (const name of RESERVED) identifiers.allocate(name);
  const planned = new Map<string, PlannedNode>();
  const refusals: string[] = [];
  for (const id of analysis.order) {
    const node = byId.get(id) as LayerNode;
    const incoming = incomingEdges(graph, id);
    const inShapes = incoming.map((e) => analysis.shapes.get(e.source) as Shape);
    const spec = getSpec(node.type);
    const family = node.type === 'Input' ? null : (familyByType.get(node.type) ?? null);
    const layer: PlannedLayer = {
      node,
      inShapes,
      outShape: analysis.shapes.get(id) as Shape,
      weights: spec && node.type !== 'Input' ? spec.weights(inShapes, node.params) : [],
    };
    if (node.type !== 'Input') {
      const why = family ? (family.refuse?.(layer) ?? null) : 'has no PyTorch counterpart in this export';
      if (why) refusals.push(`${describe(node)} ${why}`);
    }
    planned.set(id, {
      ...layer,
      variable: identifiers.allocate(node.name),
      inputs: incoming.map((e) => (planned.get(e.source) as PlannedNode).variable),
      family,
    });
  }
  if (refusals.length > 0) {
    throw new PytorchExportError(`The model cannot be exported to PyTorch: ${refusals.join('; ')}`);
  }
  return {
    nodes: analysis.order.map((id) => planned.get(id) as PlannedNode),
    inputs: analysis.inputs.map((id) => planned.get(id) as PlannedNode),
    outputs: analysis.outputs.map((id) => planned.get(id) as PlannedNode),
  };
}
