import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { importLayersModel } from '../model/keras-import';
import type { ExportedModel } from '../model/keras-export';
import { manifestPaths, type LayerWeights } from '../model/weights';

/**
 * Writes an export (model.json and its weight shards) and reads every file back before success
 * is reported: each file's size and SHA-256 must match what was written, and our importer must
 * read the weights back value for value. A full disk, a quota or a file system that truncates
 * then fails here, naming the file, instead of in whoever loads the model later.
 */

export interface ExportIo {
  writeFile(path: string, data: Uint8Array): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
}

const nodeIo: ExportIo = { writeFile: (p, d) => writeFile(p, d), readFile: (p) => readFile(p) };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const bytesOf = (v: Float32Array) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

export interface FileToWrite {
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * Writes the files (creating their folders), then reads each back: its size and SHA-256 must match
 * what was written. Returns the read-back bytes of the files `keep` picks (for further checks).
 */
export async function writeCheckedFiles(
  files: readonly FileToWrite[],
  io: ExportIo = nodeIo,
  keep: (path: string) => boolean = () => false,
): Promise<Map<string, Uint8Array>> {
  for (const dir of new Set(files.map((f) => dirname(f.path)))) await mkdir(dir, { recursive: true });
  for (const f of files) await io.writeFile(f.path, f.data);
  const kept = new Map<string, Uint8Array>();
  // One file at a time, so checking a large export holds one shard, not a second copy of the weights.
  for (const f of files) {
    const read = await io.readFile(f.path).catch((err: Error) => {
      throw new Error(`The export was written but ${f.path} cannot be read back (${err.message}); check the disk and export again`);
    });
    if (read.byteLength !== f.data.byteLength) {
      throw new Error(`${f.path} reads back as ${read.byteLength} bytes, but ${f.data.byteLength} were written; the disk may be full. Free space and export again`);
    }
    if (sha256(read) !== sha256(f.data)) {
      throw new Error(`${f.path} reads back with a different SHA-256 than what was written; the file is damaged. Export again, to another disk if it repeats`);
    }
    if (keep(f.path)) kept.set(f.path, read);
  }
  return kept;
}

/**
 * The model.json read back, with the weight files (already checked byte for byte against
 * `weightData`), must give every weight where it was taken from in `weights`.
 */
export function checkWeightsReadBack(
  modelJsonPath: string,
  jsonBack: Uint8Array,
  weightData: ArrayBuffer,
  writtenShards: readonly string[],
  weights: LayerWeights,
): void {
  const where = dirname(modelJsonPath);
  const json = JSON.parse(new TextDecoder().decode(jsonBack)) as { weightsManifest?: { weights: { name: string }[] }[] };
  const imported = importLayersModel(json, weightData);
  if (JSON.stringify(manifestPaths(json.weightsManifest)) !== JSON.stringify(writtenShards)) {
    throw new Error(`${modelJsonPath} does not name the weight files that were written (${writtenShards.join(', ')}); export again`);
  }
  // Export names each weight `<layer>/<weight>`; a weight's own name may hold a slash (forward_lstm/kernel).
  const byName = new Map(
    Object.entries(imported.weights ?? {}).flatMap(([layer, list]) => list.map((w): [string, Float32Array] => [`${layer}/${w.name}`, w.values])),
  );
  const source = new Map(
    Object.entries(weights).flatMap(([layer, list]) => list.map((w): [string, Float32Array] => [`${layer}/${w.name}`, w.values])),
  );
  for (const spec of (json.weightsManifest ?? []).flatMap((g) => g.weights)) {
    const given = source.get(spec.name);
    const read = byName.get(spec.name);
    // A weight the exporter took by position (stored under an older name) has no name to compare by.
    if (!read || (given && !sameBytes(bytesOf(read), bytesOf(given)))) {
      throw new Error(`The exported weight '${spec.name}' does not read back as written from ${where}; the export is damaged. Export again`);
    }
  }
}

/** Writes the files, checks them against what was written and `weights` (what was exported), and returns their paths (model.json first). */
export async function writeVerifiedExport(
  outDir: string,
  exported: ExportedModel,
  weights: LayerWeights,
  io: ExportIo = nodeIo,
): Promise<string[]> {
  const files = [
    { path: join(outDir, 'model.json'), data: new TextEncoder().encode(JSON.stringify(exported.modelJson)) },
    ...exported.shards.map((s) => ({ path: join(outDir, s.path), data: s.data })),
  ];
  const kept = await writeCheckedFiles(files, io, (p) => p === files[0]!.path);
  // The shards on disk equal weightData byte for byte (checked above), so the importer is given
  // that, with the model.json read back: every weight must land where it was taken from.
  checkWeightsReadBack(files[0]!.path, kept.get(files[0]!.path)!, exported.weightData, exported.shards.map((s) => s.path), weights);
  return files.map((f) => f.path);
}
