import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Graph } from '../model/graph';
import { importLayersModel } from '../model/keras-import';
import { parseJsonSafely, readProject } from '../model/project';
import type { LayerWeights } from '../model/weights';

export interface LoadedModel {
  kind: 'project' | 'model';
  name: string;
  graph: Graph;
  weights?: LayerWeights;
  warnings: string[];
}

/** Files beyond this are refused before they are read into memory. */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

async function readShards(modelPath: string, json: unknown): Promise<ArrayBuffer[] | undefined> {
  const manifest = (json as { weightsManifest?: { paths?: unknown }[] }).weightsManifest;
  if (!Array.isArray(manifest)) return undefined;
  const paths = manifest.flatMap((g) => (Array.isArray(g.paths) ? g.paths.filter((p): p is string => typeof p === 'string') : []));
  if (paths.length === 0) return undefined;
  const buffers: ArrayBuffer[] = [];
  for (const p of paths) {
    const full = resolve(dirname(modelPath), p);
    try {
      const bytes = await readFile(full);
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    } catch {
      return undefined; // weights are optional for summary/validate; a missing shard means topology only
    }
  }
  return buffers;
}

/** Reads a Layerloom project or a TensorFlow.js layers `model.json` (with its .bin shards if present). */
export async function loadModelFile(path: string, { withWeights = false } = {}): Promise<LoadedModel> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new Error(`Cannot read ${path}: no such file`);
  }
  if (size > MAX_INPUT_BYTES) throw new Error(`${path} is ${(size / 1048576).toFixed(0)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB`);
  const text = await readFile(path, 'utf8');
  if (text.trim() === '') throw new Error(`${path} is empty`);
  const json = parseJsonSafely(text.replace(/^\uFEFF/, ''), path);
  if (json && typeof json === 'object' && (json as { format?: unknown }).format === 'layerloom-project') {
    const project = readProject(json);
    return { kind: 'project', name: project.name, graph: project.graph, warnings: [] };
  }
  const shards = withWeights ? await readShards(path, json) : undefined;
  const imported = importLayersModel(json, shards);
  const warnings = [...imported.warnings];
  if (withWeights && !imported.weights) warnings.push('No weight files found next to the model; weights are freshly initialised.');
  return { kind: 'model', name: imported.modelName, graph: imported.graph, weights: imported.weights, warnings };
}
