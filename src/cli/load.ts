import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { flattenGraph } from '../model/blocks';
import type { Graph } from '../model/graph';
import { importLayersModel } from '../model/keras-import';
import { JsonDepthScan } from '../model/json-prescan';
import { parseJsonSafely, readProject } from '../model/project';
import { NonFiniteWeightsError, type LayerWeights } from '../model/weights';
import { readWeightFiles } from './weight-files';

export interface LoadedModel {
  kind: 'project' | 'model';
  name: string;
  graph: Graph;
  weights?: LayerWeights;
  warnings: string[];
}

export interface LoadOptions {
  /** Read the .bin files the weightsManifest names (an unusable one is an error). */
  readonly withWeights?: boolean;
  /** Start from fresh weights on purpose: the weights files are not read at all. */
  readonly fresh?: boolean;
}

/** Files beyond this are refused before they are read into memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The file as text, read in chunks and scanned for nesting as it comes: a deeply nested file is
 * refused at the first chunk past the limit, before anything holds it whole or JSON.parse
 * builds its levels (a 200 MB `[[[[…` once took 52 s and 8 GB to crash).
 */
async function readJsonText(path: string): Promise<string> {
  const scan = new JsonDepthScan();
  const chunks: Buffer[] = [];
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const problem = scan.push(chunk);
      if (problem) throw new Error(`${path} ${problem}; it is no model or project file`);
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a Layerloom project or a TensorFlow.js layers `model.json` (with its .bin shards if asked). */
export async function loadModelFile(path: string, { withWeights = false, fresh = false }: LoadOptions = {}): Promise<LoadedModel> {
  const info = await stat(path).catch(() => {
    throw new Error(`Cannot read ${path}: no such file`);
  });
  if (info.isDirectory()) throw new Error(`${path} is a directory; give the model.json or project file inside it`);
  if (info.size > MAX_INPUT_BYTES) throw new Error(`${path} is ${(info.size / 1048576).toFixed(0)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB`);
  const text = await readJsonText(path);
  if (text.trim() === '') throw new Error(`${path} is empty`);
  const json = parseJsonSafely(text.replace(/^\uFEFF/, ''), path);
  if (json && typeof json === 'object' && (json as { format?: unknown }).format === 'layerloom-project') {
    const project = readProject(json);
    // The CLI's commands see layers only: a project's blocks are flattened once, here.
    const flat = flattenGraph(project.graph);
    if (flat.problems.length > 0) throw new Error(`${path}: ${flat.problems.map((p) => p.message).join('; ')}`);
    return { kind: 'project', name: project.name, graph: flat.graph, warnings: [] };
  }
  const manifest = (json as { weightsManifest?: unknown } | null)?.weightsManifest;
  const hasManifest = manifest !== undefined && manifest !== null;
  const shards = withWeights && !fresh && hasManifest ? await readWeightFiles(path, manifest) : undefined;
  let imported;
  try {
    imported = importLayersModel(json, shards);
  } catch (err) {
    if (err instanceof NonFiniteWeightsError) throw new Error(`${path}: ${err.message}; re-export it, or pass --fresh to start from fresh weights`);
    throw err;
  }
  const warnings = [...imported.warnings];
  if (withWeights && fresh && hasManifest) warnings.push('--fresh: the weights files were not read; weights are freshly initialised.');
  else if (withWeights && !hasManifest && !imported.warnings.some((w) => w.includes('weights start fresh'))) {
    warnings.push(`${path} has no weightsManifest (topology only); weights are freshly initialised.`);
  }
  return { kind: 'model', name: imported.modelName, graph: imported.graph, weights: imported.weights, warnings };
}
