import { flatGraphOf } from '../../model/blocks';
import { analyzeGraph, label } from '../../model/analyze';
import type { Graph, LayerNode, Shape } from '../../model/graph';
import { incomingEdges } from '../../model/graph';
import { str } from '../../model/params';
import { getSpec } from '../../model/registry';
import { elementCount, weightsOf, type LayerWeights, type WeightValue } from '../../model/weights';
import { GraphBuilder, type ConvertContext, type ValueType } from './builder';
import { onnxConverters } from './converters';
import { attr, encodeModel, TensorType, type OnnxDim, type ValueInfoProto } from './proto';
import { maskRefusals } from './recurrent';

/**
 * Graph + trained weights → an ONNX model (the bytes of `model.onnx`), opset 13.
 *
 * The inputs and outputs carry the Input and output layers' names and tfjs's channels-last
 * layout ([batch, height, width, channels]), so the arrays that feed the tfjs model feed this one.
 * Inside, tensors stay channels-last too; convolutions and pooling, which ONNX runs
 * channels-first, are wrapped in Transposes (ONNX Runtime folds the pairs that meet).
 */

export const ONNX_OPSET = 13;
/** The IR version that goes with opset 13 (ONNX 1.8). */
export const ONNX_IR_VERSION = 7;

export interface OnnxExportOptions {
  /** The graph's name in the file (default `layerloom_model`). */
  readonly modelName?: string;
  /** Written as the model's producer_version. */
  readonly producerVersion?: string;
}

/** One layer that has no ONNX equivalent, and why. */
export interface OnnxRefusal {
  readonly layer: string;
  readonly type: string;
  readonly reason: string;
}

export class OnnxExportError extends Error {
  constructor(
    message: string,
    /** Every layer that cannot be exported (empty when the problem is elsewhere, e.g. missing weights). */
    readonly refusals: readonly OnnxRefusal[] = [],
  ) {
    super(message);
    this.name = 'OnnxExportError';
  }
}

/** Every refusal for this graph, all at once; empty when it can be exported. */
export function onnxRefusals(edited: Graph): OnnxRefusal[] {
  const graph = flatGraphOf(edited);
  const analysis = analyzeGraph(graph);
  const out: OnnxRefusal[] = [];
  for (const node of graph.nodes) {
    if (node.type === 'Input') continue;
    const converter = onnxConverters[node.type];
    const inShapes = incomingEdges(graph, node.id)
      .map((e) => analysis.shapes.get(e.source))
      .filter((s): s is Shape => s !== undefined);
    const reason = converter ? (converter.refuse?.(node, inShapes) ?? null) : 'has no ONNX equivalent in this exporter';
    if (reason) out.push({ layer: node.name, type: node.type, reason });
  }
  return [...out, ...maskRefusals(graph)];
}

function refusalMessage(refusals: readonly OnnxRefusal[]): string {
  const lines = refusals.map((r) => `${r.type} '${r.layer}': ${r.reason}`);
  const n = refusals.length;
  return `The model cannot be exported to ONNX: ${n} layer${n === 1 ? '' : 's'} ${n === 1 ? 'has' : 'have'} no ONNX equivalent. ${lines.join('; ')}`;
}

/** The weights of one layer by spec name, checked against the spec's shapes. */
function layerWeightsByName(
  node: LayerNode,
  inShapes: readonly Shape[],
  weights: LayerWeights,
): Map<string, WeightValue> {
  const spec = getSpec(node.type)!;
  const given = weightsOf(weights, node.name) ?? [];
  const out = new Map<string, WeightValue>();
  spec.weights(inShapes, node.params).forEach((w, i) => {
    // By name first; by position for weights written before a spec renamed one (as keras-export does).
    const value = given.find((g) => g.name === w.name) ?? given[i];
    const what = `Weight '${w.name}' of ${label(node)}`;
    if (!value) throw new OnnxExportError(`${what} has no values; train or initialise the model before exporting`);
    if (value.values.length !== elementCount(w.shape)) {
      throw new OnnxExportError(
        `${what} has ${value.values.length} values but its shape [${w.shape.join(', ')}] needs ${elementCount(w.shape)}`,
      );
    }
    out.set(w.name, { name: w.name, shape: [...w.shape], values: value.values });
  });
  return out;
}

function dims(shape: Shape, name: string): OnnxDim[] {
  return shape.map((d, i) => (d !== null ? d : i === 0 ? 'batch' : `${name}_dim${i}`));
}

/** Graph + weights (named as the layer specs name them) → the bytes of an .onnx file. */
export function exportOnnx(edited: Graph, weights: LayerWeights, options: OnnxExportOptions = {}): Uint8Array {
  const graph = flatGraphOf(edited);
  const analysis = analyzeGraph(graph);
  if (analysis.errors.length > 0) {
    throw new OnnxExportError(`The graph cannot be exported: ${analysis.errors.map((e) => e.message).join('; ')}`);
  }
  const refusals = onnxRefusals(graph);
  if (refusals.length > 0) throw new OnnxExportError(refusalMessage(refusals), refusals);

  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const g = new GraphBuilder();
  const tensors = new Map<string, { name: string; type: ValueType }>();
  const inputs: ValueInfoProto[] = [];
  const outputIds = new Set(analysis.outputs);
  for (const id of analysis.outputs) g.reserve(byId.get(id)!.name);

  for (const id of analysis.order) {
    const node = byId.get(id)!;
    const shape = analysis.shapes.get(id)!;
    if (node.type === 'Input') {
      const type: ValueType = str(node.params, 'dtype', 'float32') === 'int32' ? 'int32' : 'float32';
      const name = g.reserve(node.name);
      inputs.push({ name, elemType: type === 'int32' ? TensorType.INT32 : TensorType.FLOAT, shape: dims(shape, name) });
      tensors.set(id, { name, type });
      continue;
    }
    const converter = onnxConverters[node.type]!;
    const b = g.scope(node.name);
    const sources = incomingEdges(graph, id).map((e) => ({ id: e.source, ...tensors.get(e.source)! }));
    const inShapes = sources.map((s) => analysis.shapes.get(s.id)!);
    const layerWeights = layerWeightsByName(node, inShapes, weights);
    const ctx: ConvertContext = {
      node,
      // tfjs casts int ids to float when they reach a float layer; so does the export.
      inputs: sources.map((s) =>
        s.type === 'int32' && !converter.acceptsInt
          ? b.op('Cast', [s.name], { to: attr.int(TensorType.FLOAT) })
          : s.name,
      ),
      inShapes,
      outShape: shape,
      b,
      weight: (name) => {
        const w = layerWeights.get(name);
        if (!w) throw new OnnxExportError(`${label(node)} has no weight '${name}'`);
        return w;
      },
      hasWeight: (name) => layerWeights.has(name),
    };
    let out = converter.convert(ctx);
    if (outputIds.has(id)) {
      b.identityTo(out, node.name);
      out = node.name;
    }
    tensors.set(id, { name: out, type: 'float32' });
  }

  const outputs: ValueInfoProto[] = analysis.outputs.map((id) => {
    const node = byId.get(id)!;
    return { name: node.name, elemType: TensorType.FLOAT, shape: dims(analysis.shapes.get(id)!, node.name) };
  });
  return encodeModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'Layerloom',
    producerVersion: options.producerVersion ?? '0.1.0',
    docString: 'Exported by Layerloom. Inputs and outputs are channels-last (NHWC), as in the TensorFlow.js model.',
    graph: {
      name: options.modelName ?? 'layerloom_model',
      nodes: g.nodes,
      initializers: g.initializers,
      inputs,
      outputs,
    },
  });
}
