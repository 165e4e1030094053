import { analyzeGraph } from './analyze';
import type { Graph, Shape } from './graph';
import { incomingEdges } from './graph';
import { ImportError } from './import-errors';
import { importLayersModel } from './keras-import';
import { getSpec, layerWeights } from './registry';
import { templateGraph, templates, type Template } from './templates';
import { manifestPaths, setWeightsOf, weightsOf, type LayerWeights } from './weights';

/**
 * Templates that come with pretrained weights: the graph plus the weights of its pretrained
 * layers, read from the TensorFlow.js files the template names. Pure: the caller supplies
 * `readFile`, which fetches `<base>/<path>` in the browser and reads `public/<path>` in Node.
 */

/** Reads a file by its path under public/ (`models/fashion-backbone/model.json`). */
export type ReadModelFile = (path: string) => Promise<Uint8Array>;

export interface PretrainedTemplate {
  readonly template: Template;
  readonly graph: Graph;
  /** Values for every pretrained layer, keyed by layer name; the new layers are absent (they start fresh). */
  readonly weights: LayerWeights;
}

const REBUILD = 'Rebuild them with `npx tsx scripts/build-backbone.ts`.';

const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

async function readOrExplain(readFile: ReadModelFile, path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ImportError(
      `Could not read ${what} "${path}" (${why}). The files live in public/${path.slice(0, path.lastIndexOf('/') + 1)}. ${REBUILD}`,
    );
  }
}

/** A manifest path stays inside the template's folder: no `..`, no absolute paths or URLs. */
function safeShardPath(path: string, folder: string): string {
  if (path === '' || path.startsWith('/') || path.split('/').includes('..') || /^[a-z][a-z0-9+.-]*:/i.test(path)) {
    throw new ImportError(
      `The weightsManifest in ${folder}model.json names "${path}", which is not a file inside ${folder}. ${REBUILD}`,
    );
  }
  return `${folder}${path}`;
}

/**
 * The template's graph (from its drafts) and the pretrained weights for its layers. Throws an
 * `ImportError` naming the file or layer at fault when the files are missing, malformed or do
 * not fit the template (a layer or shape changed since they were built).
 */
export async function loadPretrainedTemplate(id: string, readFile: ReadModelFile): Promise<PretrainedTemplate> {
  const template = templates.find((t) => t.id === id);
  if (!template)
    throw new ImportError(`There is no template "${id}"; choose one of: ${templates.map((t) => t.id).join(', ')}`);
  const graph = templateGraph(id);
  const folder = template.weights;
  if (!folder) return { template, graph, weights: {} };

  const jsonBytes = await readOrExplain(readFile, `${folder}model.json`, 'the pretrained model');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch (err) {
    throw new ImportError(`${folder}model.json is not valid JSON (${(err as Error).message}). ${REBUILD}`);
  }
  const shards = await Promise.all(
    manifestPaths((json as { weightsManifest?: unknown } | null)?.weightsManifest).map(async (p) => {
      const bytes = await readOrExplain(readFile, safeShardPath(p, folder), 'the pretrained weights');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    }),
  );
  const imported = importLayersModel(json, shards);
  const available = imported.weights ?? {};

  const analysis = analyzeGraph(graph);
  const weights: LayerWeights = {};
  for (const node of graph.nodes) {
    const spec = getSpec(node.type);
    const given = weightsOf(available, node.name);
    if (!spec || !given) continue;
    const ins = incomingEdges(graph, node.id).map((e) => analysis.shapes.get(e.source) as Shape);
    const needed = layerWeights(spec, ins, node.params);
    needed.forEach((w, i) => {
      const value = given[i];
      if (!value || value.name !== w.name || fmt(value.shape) !== fmt(w.shape)) {
        const found = value ? `'${value.name}' ${fmt(value.shape)}` : 'nothing';
        throw new ImportError(
          `The pretrained weights in ${folder} do not fit template "${template.title}": ${node.type} '${node.name}' needs '${w.name}' ${fmt(w.shape)} but the file has ${found}. ${REBUILD}`,
          node.name,
        );
      }
    });
    setWeightsOf(weights, node.name, given);
  }
  // A frozen layer without pretrained values would stay at its random start for ever.
  const missing = graph.nodes.filter(
    (n) => n.params.trainable === false && !weightsOf(weights, n.name) && (analysis.counts.get(n.id)?.total ?? 0) > 0,
  );
  if (missing.length > 0) {
    throw new ImportError(
      `The pretrained model in ${folder} has no weights for the frozen layer(s) ${missing.map((n) => `'${n.name}'`).join(', ')}. ${REBUILD}`,
      missing[0]!.name,
    );
  }
  return { template, graph, weights };
}

/**
 * A `ReadModelFile` for the browser or a worker: fetches `<baseUrl><path>` (baseUrl ends in `/`).
 * A dev server answers a missing file with the app's index.html, so an HTML answer is "not found".
 */
export function fetchPublicFile(baseUrl: string): ReadModelFile {
  return async (path) => {
    const url = `${baseUrl}${path}`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
    if (response.headers.get('content-type')?.startsWith('text/html'))
      throw new Error(`${url} is missing (the server answered with an HTML page)`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
