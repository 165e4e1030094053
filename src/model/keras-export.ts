import { analyzeGraph } from './analyze';
import type { Graph, LayerNode, Shape } from './graph';
import { incomingEdges } from './graph';
import { toKerasConfig } from './keras-config';
import { getSpec, layerWeights } from './registry';
import { elementCount, packWeights, weightsOf, type LayerWeights } from './weights';

/**
 * Graph + weights → a TensorFlow.js layers `model.json` and one `weights.bin`, written as a
 * Keras 2 style functional `Model` (lists for inbound nodes), the form every tfjs version
 * and Keras 2 read. Inputs and outputs follow `analyzeGraph`'s order.
 */

export interface ExportOptions {
  readonly modelName?: string;
  readonly generatedBy?: string;
  /** File name the manifest points at; the caller writes `weightData` under it. */
  readonly weightsPath?: string;
}

export interface ExportedModel {
  readonly modelJson: {
    modelTopology: Record<string, unknown>;
    format: 'layers-model';
    generatedBy: string;
    convertedBy: null;
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
  };
  readonly weightData: ArrayBuffer;
}

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

const KERAS_VERSION = 'tfjs-layers 4.22.0';

/**
 * Keras spells `LecunNormal`/`LecunUniform`, tfjs registers `LeCunNormal`/`LeCunUniform`, so
 * neither name loads in both. The VarianceScaling they stand for reads the same in each.
 */
function portable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(portable);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if (o.class_name === 'LecunNormal' || o.class_name === 'LecunUniform') {
    const distribution = o.class_name === 'LecunNormal' ? 'normal' : 'uniform';
    return { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_in', distribution, seed: null } };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, portable(v)]));
}

function layerEntry(graph: Graph, node: LayerNode): Record<string, unknown> {
  const spec = getSpec(node.type);
  if (!spec) throw new ExportError(`'${node.name}' has unknown layer type ${node.type}`);
  const config: Record<string, unknown> = { ...(portable(toKerasConfig(spec, node.params)) as Record<string, unknown>), name: node.name };
  if (node.type === 'Input') {
    return { name: node.name, class_name: spec.keras.className, config, inbound_nodes: [] };
  }
  config.trainable = node.params.trainable !== false;
  config.dtype ??= 'float32';
  const sources = incomingEdges(graph, node.id).map((e) => graph.nodes.find((n) => n.id === e.source)?.name);
  return {
    name: node.name,
    class_name: spec.keras.className,
    config,
    inbound_nodes: [sources.map((s) => [s, 0, 0, {}])],
  };
}

export function exportLayersModel(graph: Graph, weights: LayerWeights, opts: ExportOptions = {}): ExportedModel {
  const analysis = analyzeGraph(graph);
  if (analysis.errors.length > 0) {
    throw new ExportError(`The graph cannot be exported: ${analysis.errors.map((e) => e.message).join('; ')}`);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ordered = analysis.order.map((id) => byId.get(id) as LayerNode);
  const ref = (id: string) => [byId.get(id)?.name, 0, 0];

  const packed: { name: string; shape: number[]; values: Float32Array }[] = [];
  for (const node of ordered) {
    const spec = getSpec(node.type);
    if (!spec) continue;
    const ins = incomingEdges(graph, node.id).map((e) => analysis.shapes.get(e.source) as Shape);
    const specs = layerWeights(spec, ins, node.params);
    const given = weightsOf(weights, node.name) ?? [];
    specs.forEach((w, i) => {
      // By name first; by position for weights written before a spec renamed one.
      const value = given.find((g) => g.name === w.name) ?? given[i];
      const what = `Weight '${w.name}' of ${node.type} '${node.name}'`;
      if (!value) throw new ExportError(`${what} has no values; train or initialise the model before exporting`);
      if (value.values.length !== elementCount(w.shape)) {
        throw new ExportError(`${what} has ${value.values.length} values but its shape [${w.shape.join(', ')}] needs ${elementCount(w.shape)}`);
      }
      packed.push({ name: `${node.name}/${w.name}`, shape: [...w.shape], values: value.values });
    });
  }
  const { specs, data } = packWeights(packed);

  const modelTopology = {
    class_name: 'Model',
    config: {
      name: opts.modelName ?? 'layerloom_model',
      layers: ordered.map((n) => layerEntry(graph, n)),
      input_layers: analysis.inputs.map(ref),
      output_layers: analysis.outputs.map(ref),
    },
    keras_version: KERAS_VERSION,
    backend: 'tensor_flow.js',
  };
  return {
    modelJson: {
      modelTopology,
      format: 'layers-model',
      generatedBy: opts.generatedBy ?? 'Layerloom',
      convertedBy: null,
      weightsManifest: [{ paths: [opts.weightsPath ?? 'weights.bin'], weights: specs }],
    },
    weightData: data,
  };
}
