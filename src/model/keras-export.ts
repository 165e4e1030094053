import { flatGraphOf } from './blocks';
import { analyzeGraph } from './analyze';
import type { Graph, LayerNode, Shape } from './graph';
import { incomingEdges } from './graph';
import { toKerasConfig } from './keras-config';
import { getSpec, layerWeights } from './registry';
import { elementCount, packWeights, weightsOf, type LayerWeights } from './weights';

/**
 * Graph + weights → a TensorFlow.js layers `model.json` and its weight files, written as a
 * Keras 2 style functional `Model` (lists for inbound nodes), the form every tfjs version
 * and Keras 2 read. Inputs and outputs follow `analyzeGraph`'s order. Weights up to one shard's
 * size go in one `weights.bin`; more are split into tfjs's `group1-shard1ofN.bin` files, which
 * `tf.loadLayersModel` and our importer read back (one 4 GB file cannot even be read in Node).
 */

/** tfjs's own shard size (and the Python converter's default). */
export const SHARD_BYTES = 4 * 1024 * 1024;

export interface ExportOptions {
  readonly modelName?: string;
  readonly generatedBy?: string;
  /** File name of the weights when they fit in one shard (default `weights.bin`). */
  readonly weightsPath?: string;
  /** Largest weights file; more weights are split into shards of this size (default 4 MB). */
  readonly shardBytes?: number;
}

/** One weights file: its name in the manifest, and its bytes (a view into `weightData`). */
export interface WeightShard {
  readonly path: string;
  readonly data: Uint8Array;
}

export interface ExportedModel {
  readonly modelJson: {
    modelTopology: Record<string, unknown>;
    format: 'layers-model';
    generatedBy: string;
    convertedBy: null;
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
  };
  /** All weights laid end to end: the shards' bytes in order, for in-memory loading. */
  readonly weightData: ArrayBuffer;
  /** The files to write, in manifest order. */
  readonly shards: readonly WeightShard[];
}

/** Splits the weights into files of at most `shardBytes`, named as tfjs names them when there is more than one. */
export function shardWeights(data: ArrayBuffer, shardBytes = SHARD_BYTES, singlePath = 'weights.bin'): WeightShard[] {
  if (!(Number.isInteger(shardBytes) && shardBytes > 0))
    throw new ExportError(`The shard size must be a positive whole number of bytes; got ${shardBytes}`);
  const all = new Uint8Array(data);
  if (all.byteLength <= shardBytes) return [{ path: singlePath, data: all }];
  const count = Math.ceil(all.byteLength / shardBytes);
  return Array.from({ length: count }, (_, i) => ({
    path: `group1-shard${i + 1}of${count}.bin`,
    data: all.subarray(i * shardBytes, Math.min((i + 1) * shardBytes, all.byteLength)),
  }));
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
  const config: Record<string, unknown> = {
    ...(portable(toKerasConfig(spec, node.params)) as Record<string, unknown>),
    name: node.name,
  };
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

export function exportLayersModel(edited: Graph, weights: LayerWeights, opts: ExportOptions = {}): ExportedModel {
  const graph = flatGraphOf(edited);
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
        throw new ExportError(
          `${what} has ${value.values.length} values but its shape [${w.shape.join(', ')}] needs ${elementCount(w.shape)}`,
        );
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
  const shards = shardWeights(data, opts.shardBytes, opts.weightsPath);
  return {
    modelJson: {
      modelTopology,
      format: 'layers-model',
      generatedBy: opts.generatedBy ?? 'Layerloom',
      convertedBy: null,
      weightsManifest: [{ paths: shards.map((s) => s.path), weights: specs }],
    },
    weightData: data,
    shards,
  };
}
