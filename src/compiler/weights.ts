import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../model/graph';
import { getSpec } from '../model/registry';
import type { LayerWeights } from '../model/weights';
import { analyzeGraph } from '../model/analyze';
import { flatGraphOf } from '../model/blocks';

/**
 * Reads a compiled model's weights into plain arrays keyed by node name, named as the layer
 * spec names them. tfjs lists a layer's weights in the spec's order, so the two are zipped.
 * Blocks are flattened first, as compile() does, so their layers are found by their model names.
 */
export function extractWeights(model: tf.LayersModel, edited: Graph): LayerWeights {
  const graph = flatGraphOf(edited);
  const analysis = analyzeGraph(graph);
  const out: LayerWeights = {};
  for (const node of graph.nodes) {
    const spec = getSpec(node.type);
    if (!spec || node.type === 'Input') continue;
    const inShapes = graph.edges.filter((e) => e.target === node.id).map((e) => analysis.shapes.get(e.source)!);
    const specs = spec.weights(inShapes, node.params);
    if (specs.length === 0) continue;
    const values = model.getLayer(node.name).getWeights();
    if (values.length !== specs.length) {
      throw new Error(`${node.type} '${node.name}': tfjs has ${values.length} weights, the registry expects ${specs.length}`);
    }
    out[node.name] = specs.map((w, i) => ({
      name: w.name,
      shape: [...w.shape],
      values: values[i]!.dataSync() as Float32Array,
    }));
  }
  return out;
}

/** Sets a compiled model's weights from plain arrays; layers without an entry keep theirs. */
export function applyWeights(model: tf.LayersModel, weights: LayerWeights): void {
  for (const [layerName, list] of Object.entries(weights)) {
    const layer = model.getLayer(layerName);
    const tensors = list.map((w) => tf.tensor(w.values, [...w.shape], 'float32'));
    try {
      layer.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
  }
}
