import { importLayersModel } from '../../model/keras-import';
import { readJsonBlob } from '../../model/json-prescan';
import type { Graph } from '../../model/graph';
import { manifestPaths, NonFiniteWeightsError, parseManifest } from '../../model/weights';
import { MAX_WEIGHT_BYTES, MAX_WEIGHT_FILE_BYTES } from '../../model/size-limits';
import { newProject, parseJsonSafely, projectFromText } from '../../model/project';
import type { LayerWeights } from '../../model/weights';

export interface OpenedModel {
  name: string;
  graph: Graph;
  weights?: LayerWeights;
  warnings: string[];
}

const baseOf = (p: string) => p.split('/').pop() ?? p;

/**
 * Opens what the user picked or dropped: a Layerloom project file, or a TensorFlow.js
 * `model.json` plus (optionally) its `.bin` shards, matched by the names in the manifest.
 */
export async function openModelFiles(files: readonly File[]): Promise<OpenedModel> {
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (!json) throw new Error('Choose a model.json (and its .bin files) or a Layerloom project .json file');
  // Size-capped and depth-scanned while streaming: a huge or hostile file never reaches JSON.parse.
  const text = await readJsonBlob(json, json.name);
  if (text.includes('"layerloom-project"')) {
    const project = projectFromText(text, json.size);
    return { name: project.name, graph: project.graph, warnings: [] };
  }
  // Refuses absurd nesting and prototype keys, naming where, before anything walks the tree.
  const parsed = parseJsonSafely(text.replace(/^\uFEFF/, ''), json.name);
  const bins = new Map(files.filter((f) => f !== json).map((f) => [f.name, f]));
  const paths = manifestPaths((parsed as { weightsManifest?: unknown } | null)?.weightsManifest);
  const missing = paths.filter((p) => !bins.has(baseOf(p)));
  const warnings: string[] = [];
  let buffers: ArrayBuffer[] | undefined;
  if (paths.length > 0 && missing.length === 0) {
    const chosen = paths.map((p) => bins.get(baseOf(p))!);
    checkWeightFiles(json.name, parsed, chosen);
    buffers = await Promise.all(chosen.map(readWeightFile));
  } else if (paths.length > 0 && bins.size > 0) {
    warnings.push(`Weight file(s) ${missing.join(', ')} were not chosen; the model opened without weights.`);
  }
  let imported;
  try {
    imported = importLayersModel(parsed, buffers);
  } catch (err) {
    if (!(err instanceof NonFiniteWeightsError)) throw err;
    throw new Error(`${json.name}: ${err.message}; export the model again, or open the model.json without its .bin files to start from fresh weights`);
  }
  return { name: imported.modelName, graph: imported.graph, weights: imported.weights, warnings: [...warnings, ...imported.warnings] };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const FIX = 'export the model again (Layerloom writes 4 MB shards), or open the model.json without its .bin files to start from fresh weights';

/** Sizes first, from the files and the manifest: a 3 GB or truncated weights file is refused unread. */
function checkWeightFiles(modelName: string, parsed: unknown, files: readonly File[]): void {
  const manifest = (parsed as { weightsManifest?: unknown } | null)?.weightsManifest;
  const expected = parseManifest(manifest).reduce((end, e) => Math.max(end, e.byteOffset + e.byteLength), 0);
  if (expected > MAX_WEIGHT_BYTES) throw new Error(`${modelName} describes ${mb(expected)} of weights; the limit is ${mb(MAX_WEIGHT_BYTES)}`);
  for (const f of files) {
    if (f.size > MAX_WEIGHT_FILE_BYTES) {
      throw new Error(`The weights file ${f.name} is ${mb(f.size)}; one weights file may be at most ${mb(MAX_WEIGHT_FILE_BYTES)}; ${FIX}`);
    }
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total !== expected) {
    const names = files.map((f) => f.name).join(', ');
    throw new Error(
      `${names} ${files.length === 1 ? 'holds' : 'hold'} ${total} bytes but ${modelName}'s weightsManifest describes ${expected}; a file is ${total < expected ? 'truncated or missing a shard' : 'longer than described'}; ${FIX}`,
    );
  }
}

async function readWeightFile(file: File): Promise<ArrayBuffer> {
  try {
    return await file.arrayBuffer();
  } catch (err) {
    throw new Error(`The weights file ${file.name} could not be read (${(err as Error).message}); was it moved or changed? Choose it again.`);
  }
}

export function projectBlob(name: string, graph: Graph): Blob {
  return new Blob([JSON.stringify(newProject(name, graph), null, 2)], { type: 'application/json' });
}
