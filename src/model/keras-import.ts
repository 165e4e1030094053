import { analyzeGraph } from './analyze';
import { layoutByDepth } from './build';
import type { Edge, Graph, LayerNode, ParamValue, Shape } from './graph';
import { incomingEdges } from './graph';
import { ImportError, unsupportedReason } from './import-errors';
import { fitLayerNames } from './import-names';
import { findUnsafeJson } from './json-guard';
import { fromKerasConfig } from './keras-config';
import { CONTAINER_CLASSES, classOf, declaredBatchShape, flattenModel, isObject, layersOf, nameOf, type FlatModel } from './keras-topology';
import { MAX_LAYER_NAME_CHARS } from './project-schema';
import { cutText, quotePath, quoteText } from './quote';
import { getSpec, layerWeights, specForKerasClass } from './registry';
import { planWeights, type LayerNeeds } from './weight-match';
import { assertFiniteWeights, concatBuffers, parseManifest, readEntry, setWeightsOf, type LayerWeights, type ManifestEntry } from './weights';

/**
 * TensorFlow.js layers `model.json` (Keras 2, tf.keras, Keras 3, tfjs writers) → our graph,
 * and the .bin weights when given. Works from static shapes only: nothing is allocated but
 * the weight arrays themselves, so even 50M-parameter files import in milliseconds.
 */

export { ImportError };

export interface ImportedModel {
  readonly graph: Graph;
  /** Present only when weight buffers were given. */
  readonly weights?: LayerWeights;
  readonly modelName: string;
  readonly warnings: string[];
}

type Json = Record<string, unknown>;

interface Located {
  readonly model: Json;
  readonly manifest: unknown;
  readonly bare: boolean;
}

/** Finds the Keras model config in whichever wrapper the writer used. */
function locate(json: unknown): Located {
  if (!isObject(json)) {
    throw new ImportError(`The file holds ${Array.isArray(json) ? 'a JSON list' : `a JSON ${json === null ? 'null' : typeof json}`}, not a model; expected a TensorFlow.js model.json object`);
  }
  const topo = json.modelTopology;
  if (json.format === 'graph-model' || (isObject(topo) && 'node' in topo)) {
    throw new ImportError('This is a TensorFlow.js graph model (converted from a SavedModel or frozen graph); only layers models, which carry a Keras topology, can be imported');
  }
  if ('modelTopology' in json) {
    if (!isObject(topo)) throw new ImportError('The modelTopology in this file is empty or not an object, so it holds no model');
    return { model: isObject(topo.model_config) ? topo.model_config : topo, manifest: json.weightsManifest, bare: false };
  }
  if (isObject(json.model_config)) return { model: json.model_config, manifest: json.weightsManifest, bare: false };
  if (classOf(json) !== '' && 'config' in json) return { model: json, manifest: undefined, bare: true };
  throw new ImportError('No modelTopology found: this is not a TensorFlow.js layers model.json (it should hold modelTopology and weightsManifest)');
}

/** Every layer we cannot map, nested models included, grouped by class so one error names them all. */
function findUnsupported(entry: Json, out: Map<string, { names: string[]; module: unknown }>): void {
  for (const layer of layersOf(entry)) {
    const cls = classOf(layer);
    if (CONTAINER_CLASSES.has(cls)) findUnsupported(layer, out);
    else if (cls !== 'InputLayer' && !specForKerasClass(cls)) {
      const seen = out.get(cls) ?? { names: [], module: layer.module };
      seen.names.push(nameOf(layer));
      out.set(cls, seen);
    }
  }
}

function unsupportedMessage(found: Map<string, { names: string[]; module: unknown }>): string {
  const parts = [...found].map(([cls, { names, module }]) => {
    const who = names.length === 1 ? `layer '${quoteText(names[0] ?? '')}' has` : `layers ${names.map((n) => `'${quoteText(n)}'`).join(', ')} have`;
    return `${who} class ${quoteText(cls) || '(none)'}: ${unsupportedReason(cls, module)}`;
  });
  return `This model cannot be imported: ${parts.join('; ')}`;
}

/** Evens out spellings that the specs' generic mapping should not have to know. */
function normalizeConfig(cfg: Json): Json {
  const out: Json = { ...cfg };
  // Keras 3 writes dtype as a DTypePolicy object.
  if (isObject(out.dtype)) {
    const name = isObject(out.dtype.config) ? out.dtype.config.name : undefined;
    out.dtype = typeof name === 'string' ? name : 'float32';
  }
  const shape = declaredBatchShape(cfg);
  if (shape && !Array.isArray(out.batch_input_shape)) out.batch_input_shape = shape;
  return out;
}

function toGraph(flat: FlatModel, warnings: string[]): Graph {
  const edges: Edge[] = [];
  const nodes: LayerNode[] = flat.layers.map((l) => {
    const spec = l.className === 'InputLayer' ? getSpec('Input') : specForKerasClass(l.className);
    if (!spec) throw new ImportError(`Layer '${quoteText(l.name)}' has class ${quoteText(l.className)}, which Layerloom does not support`, l.name);
    let params: Record<string, ParamValue>;
    try {
      params = fromKerasConfig(spec, normalizeConfig(l.config));
    } catch (err) {
      throw new ImportError(`Layer '${quoteText(l.name)}' (${quoteText(l.className)}) has a config Layerloom cannot read: ${(err as Error).message}`, l.name);
    }
    params.trainable = l.className === 'InputLayer' || (l.config.trainable !== false && !l.frozen);
    for (const source of l.inputs) edges.push({ id: `e${edges.length + 1}`, source, target: l.id });
    return { id: l.id, type: spec.type, name: l.name, params, position: { x: 0, y: 0 } };
  });

  // Our outputs are the layers nothing reads from, in node order: list them last, in the file's order.
  const outputs = [...new Set(flat.outputs)];
  const feeding = new Set(edges.map((e) => e.source));
  for (const id of outputs) {
    const node = nodes.find((n) => n.id === id);
    if (node && feeding.has(id)) warnings.push(`'${quoteText(node.name)}' is a model output but also feeds other layers; in Layerloom only the final layers are outputs.`);
  }
  const rank = new Map(outputs.map((id, i) => [id, i]));
  const ordered = [...nodes.filter((n) => !rank.has(n.id)), ...outputs.flatMap((id) => nodes.filter((n) => n.id === id))];
  return { nodes: layoutByDepth(ordered, edges), edges };
}

/** What each layer needs, from the static shapes; layers whose shapes fail are left to the analysis errors. */
function weightNeeds(graph: Graph, shapes: ReadonlyMap<string, Shape>): LayerNeeds[] {
  const needs: LayerNeeds[] = [];
  for (const node of graph.nodes) {
    const spec = getSpec(node.type);
    const ins = incomingEdges(graph, node.id).map((e) => shapes.get(e.source));
    if (!spec || !shapes.has(node.id) || ins.some((s) => s === undefined)) continue;
    needs.push({ name: node.name, type: node.type, specs: layerWeights(spec, ins as Shape[], node.params) });
  }
  return needs;
}

function loadWeights(
  graph: Graph,
  flat: FlatModel,
  entries: ManifestEntry[],
  buffers: ArrayBuffer | ArrayBuffer[] | undefined,
  warnings: string[],
): LayerWeights | undefined {
  const analysis = analyzeGraph(graph);
  const needs = weightNeeds(graph, analysis.shapes);
  const plan = planWeights(needs, entries, flat.containers);
  if (plan.unused.length > 0) {
    const names = plan.unused.slice(0, 5).map((e) => quotePath(e.name)).join(', ');
    warnings.push(`${plan.unused.length} weight(s) in the file belong to no layer and were ignored: ${names}${plan.unused.length > 5 ? ', …' : ''}.`);
  }
  if (!buffers) {
    warnings.push(...plan.problems.map((p) => `Weights: ${p}`));
    return undefined;
  }
  const firstError = analysis.errors[0];
  if (firstError) throw new ImportError(`The weights cannot be placed because the model does not check out: ${firstError.message}`);
  if (plan.problems.length > 0) throw new ImportError(plan.problems.join('; '));
  const data = concatBuffers(buffers);
  const needed = entries.reduce((end, e) => Math.max(end, e.byteOffset + e.byteLength), 0);
  if (data.byteLength < needed) {
    throw new ImportError(`The weight data is ${data.byteLength} bytes but the manifest describes ${needed}; a .bin shard is missing, truncated or given out of order`);
  }
  if (data.byteLength > needed) warnings.push(`The weight data has ${data.byteLength - needed} bytes more than the manifest describes; they were ignored.`);
  const weights: LayerWeights = {};
  for (const need of needs) {
    const list = plan.byLayer.get(need.name);
    if (!list) continue;
    setWeightsOf(
      weights,
      need.name,
      need.specs.map((s, i) => ({ name: s.name, shape: [...s.shape], values: readEntry(list[i] as ManifestEntry, data) })),
    );
  }
  // Refused here, where every face (app, CLI, built-ins) imports: NaN weights train to a constant NaN loss.
  assertFiniteWeights(weights, 'The weight data');
  return weights;
}

/**
 * Imports a layers-model `model.json`. `weightBuffers` are the .bin shards in manifest order
 * (or already concatenated). Throws `ImportError` with a sentence naming what is unsupported.
 */
export function importLayersModel(json: unknown, weightBuffers?: ArrayBuffer | ArrayBuffer[]): ImportedModel {
  // Reading a topology recurses (nested models, Keras 3 call args) and quotes bad values with
  // JSON.stringify; a value nested thousands deep would overflow the stack there. Every caller
  // (UI, CLI, built-in models) comes through here, so the walk runs here rather than in each.
  const unsafe = findUnsafeJson(json);
  if (unsafe) throw new ImportError(`The model file ${unsafe}`);
  const located = locate(json);
  const cls = classOf(located.model);
  if (!CONTAINER_CLASSES.has(cls)) {
    throw new ImportError(`The topology's top level is ${cls ? `a ${cls}` : 'not a class'}; expected a Sequential, Model or Functional model`);
  }
  const unsupported = new Map<string, { names: string[]; module: unknown }>();
  findUnsupported(located.model, unsupported);
  if (unsupported.size > 0) throw new ImportError(unsupportedMessage(unsupported), [...unsupported.values()][0]?.names[0]);

  const flat = flattenModel(located.model);
  const warnings = [...flat.warnings];
  if (located.bare) {
    warnings.push('This is a plain Keras model.to_json() file, not a TensorFlow.js layers model (no weightsManifest): only the topology was imported and the weights start fresh.');
  }
  const graph = toGraph(flat, warnings);
  // Shown in notices and used as the opened weights' label, never as a key: cut, not renamed.
  const modelName = cutText(nameOf(located.model), MAX_LAYER_NAME_CHARS) || 'imported_model';

  const manifest = located.manifest;
  if (manifest === undefined || manifest === null) {
    if (weightBuffers) throw new ImportError('Weight files were given, but the model.json has no weightsManifest describing them');
    return { ...fitLayerNames(graph, undefined, warnings), modelName, warnings };
  }
  const weights = loadWeights(graph, flat, parseManifest(manifest), weightBuffers, warnings);
  return { ...fitLayerNames(graph, weights, warnings), modelName, warnings };
}
