/**
 * Model fixtures for the robustness cases (issue 14), built with the app's own exporter
 * (`exportLayersModel`) and then damaged: a manifest that names a missing shard, a weights path that
 * is a directory, NaN/Inf weights, and a manifest for a multi-gigabyte weights file. Pure: returns
 * JSON and bytes; the callers write them. Test and script support only, never app code.
 */
import { analyzeGraph } from '../model/analyze';
import { buildGraph, type LayerDraft } from '../model/build';
import type { Graph, Shape } from '../model/graph';
import { incomingEdges } from '../model/graph';
import { exportLayersModel, type ExportedModel } from '../model/keras-export';
import { getSpec, layerWeights } from '../model/registry';
import type { LayerWeights } from '../model/weights';

/** Input [4] → Dense 3 (relu) → Dense 2 (softmax): 23 parameters. */
export const TINY_MODEL: readonly LayerDraft[] = [
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', params: { units: 3, activation: 'relu' } },
  { type: 'Dense', params: { units: 2, activation: 'softmax' } },
];

/** Each weight's manifest entry (name `layer/weight`, shape) for a graph, without any values. */
export function weightShapes(graph: Graph): { layer: string; name: string; shape: number[] }[] {
  const analysis = analyzeGraph(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return analysis.order.flatMap((id) => {
    const node = byId.get(id)!;
    const ins = incomingEdges(graph, id).map((e) => analysis.shapes.get(e.source) as Shape);
    return layerWeights(getSpec(node.type)!, ins, node.params).map((w) => ({
      layer: node.name,
      name: w.name,
      shape: [...w.shape],
    }));
  });
}

/** Fixed weights: element i of weight k is a multiple of 1/64 in [-1, 1). */
function fixedWeights(graph: Graph): LayerWeights {
  const weights: LayerWeights = {};
  weightShapes(graph).forEach((w, k) => {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: n }, (_, i) => ((i * 37 + k * 11) % 128) / 64 - 1);
    (weights[w.layer] ??= []).push({ name: w.name, shape: w.shape, values });
  });
  return weights;
}

export interface ModelFiles {
  readonly modelJson: string;
  readonly weights: Uint8Array;
}

function exportTiny(
  weightsPath: string,
  damage?: (weights: LayerWeights) => void,
  drafts: readonly LayerDraft[] = TINY_MODEL,
): ModelFiles {
  const graph = buildGraph(drafts);
  const weights = fixedWeights(graph);
  damage?.(weights);
  const exported: ExportedModel = exportLayersModel(graph, weights, { modelName: 'robustness_tiny', weightsPath });
  return {
    modelJson: `${JSON.stringify(exported.modelJson, null, 2)}\n`,
    weights: new Uint8Array(exported.weightData),
  };
}

/** The tiny model, intact: model.json naming weights.bin, and weights.bin. */
export function tinyModel(): ModelFiles {
  return exportTiny('weights.bin');
}

/** Input [inputs] → Dense 8 (relu) → Dense 1: a regression model for a CSV with `inputs` numeric features. */
export function denseRegressionModel(inputs: number): ModelFiles {
  return exportTiny('weights.bin', undefined, [
    { type: 'Input', params: { shape: [inputs] } },
    { type: 'Dense', params: { units: 8, activation: 'relu' } },
    { type: 'Dense', params: { units: 1, activation: 'linear' } },
  ]);
}

/** model.json names `group1-shard1of1.bin` (tfjs's own shard name); the caller leaves that file out. */
export function modelMissingWeights(): ModelFiles {
  return exportTiny('group1-shard1of1.bin');
}

/** `dense/kernel` holds a NaN (element 5) and `dense_1/bias` an Infinity (element 1). */
export function modelNanWeights(): ModelFiles {
  return exportTiny('weights.bin', (w) => {
    w.dense![0]!.values[5] = Number.NaN;
    w.dense_1![1]!.values[1] = Number.POSITIVE_INFINITY;
  });
}

/**
 * A model.json for Input [4] → Dense H → Dense H → Dense 1 (regression on a 4-feature CSV) whose
 * weights.bin would be about `weightBytes` long (H = √(bytes / 4)). The topology is the exporter's
 * for a small H with the units raised; the manifest lists the big shapes. Returns the JSON and the
 * exact byte length the weights file must have.
 */
export function modelWithHugeWeights(weightBytes: number): { modelJson: string; weightsBytes: number; hidden: number } {
  const hidden = Math.max(2, Math.floor(Math.sqrt(weightBytes / 4)));
  const drafts = (units: number): LayerDraft[] => [
    { type: 'Input', params: { shape: [4] } },
    { type: 'Dense', params: { units, activation: 'relu' } },
    { type: 'Dense', params: { units, activation: 'relu' } },
    { type: 'Dense', params: { units: 1, activation: 'linear' } },
  ];
  const small = buildGraph(drafts(2));
  const { modelJson } = exportLayersModel(small, fixedWeights(small), { modelName: 'robustness_huge_weights' });
  for (const layer of (modelJson.modelTopology.config as { layers: { config: { units?: number } }[] }).layers)
    if (layer.config.units === 2) layer.config.units = hidden;
  const shapes = weightShapes(buildGraph(drafts(hidden)));
  modelJson.weightsManifest = [
    {
      paths: ['weights.bin'],
      weights: shapes.map((w) => ({ name: `${w.layer}/${w.name}`, shape: w.shape, dtype: 'float32' })),
    },
  ];
  const weightsBytes = shapes.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0) * 4;
  return { modelJson: `${JSON.stringify(modelJson, null, 2)}\n`, weightsBytes, hidden };
}
