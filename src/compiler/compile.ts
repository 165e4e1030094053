import * as tf from '@tensorflow/tfjs';
import { analyzeGraph, type GraphIssue } from '../model/analyze';
import { flattenGraph } from '../model/blocks';
import type { Graph, LayerNode } from '../model/graph';
import { incomingEdges } from '../model/graph';
import { ints, str } from '../model/params';
import { getSpec } from '../model/registry';
import { tfjsArgs } from './args';
import { layerFactories } from './factories';

export class CompileError extends Error {
  constructor(readonly issues: readonly GraphIssue[]) {
    super(`The graph cannot be compiled: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'CompileError';
  }
}

function inputTensor(node: LayerNode): tf.SymbolicTensor {
  const shape = ints(node.params, 'shape').map((d) => (d === -1 ? null : d));
  const batch = node.params.batch_size;
  // tf.input ignores batchSize; a fixed batch (stateful RNNs need one) must go in batchShape.
  return tf.input({
    name: node.name,
    ...(typeof batch === 'number' ? { batchShape: [batch, ...shape] } : { shape }),
    dtype: str(node.params, 'dtype', 'float32') === 'int32' ? 'int32' : 'float32',
  });
}

/**
 * Graph → tf.LayersModel through the functional API. Layer names are the node names, so
 * weights can be matched by name across compile, export and import. Blocks are flattened first,
 * so the model holds ordinary layers named as flattenGraph names them.
 */
export function compile(edited: Graph, modelName = 'layerloom_model'): tf.LayersModel {
  const flat = flattenGraph(edited);
  if (flat.problems.length > 0) throw new CompileError(flat.problems);
  const graph = flat.graph;
  const analysis = analyzeGraph(graph);
  if (analysis.errors.length > 0) throw new CompileError(analysis.errors);
  const tensors = new Map<string, tf.SymbolicTensor>();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const id of analysis.order) {
    const node = byId.get(id) as LayerNode;
    if (node.type === 'Input') {
      tensors.set(id, inputTensor(node));
      continue;
    }
    const spec = getSpec(node.type);
    const factory = layerFactories[node.type];
    if (!spec || !factory) throw new CompileError([{ nodeId: id, message: `${node.type} '${node.name}' cannot be compiled yet` }]);
    const layer = factory(tfjsArgs(spec, node.params, node.name), node.params);
    const ins = incomingEdges(graph, id).map((e) => tensors.get(e.source) as tf.SymbolicTensor);
    const out = layer.apply(spec.inputs.max > 1 ? ins : (ins[0] as tf.SymbolicTensor));
    tensors.set(id, out as tf.SymbolicTensor);
  }
  return tf.model({
    name: modelName,
    inputs: analysis.inputs.map((id) => tensors.get(id) as tf.SymbolicTensor),
    outputs: analysis.outputs.map((id) => tensors.get(id) as tf.SymbolicTensor),
  });
}
