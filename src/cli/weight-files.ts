import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MAX_WEIGHT_BYTES, MAX_WEIGHT_FILE_BYTES } from '../model/size-limits';

export { MAX_WEIGHT_BYTES, MAX_WEIGHT_FILE_BYTES };
import { manifestPaths, parseManifest } from '../model/weights';

/**
 * The .bin files a model.json's weightsManifest names, read in manifest order. A file that is
 * named but cannot be used is an error naming it: weights are never silently replaced by fresh
 * ones (starting fresh on purpose is `--fresh`).
 */

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

const FIX = 'export the model again (Layerloom writes 4 MB shards), or pass --fresh to start from freshly initialised weights';

/** The shards' bytes in manifest order; `undefined` when the manifest names no file at all. */
export async function readWeightFiles(modelPath: string, manifest: unknown): Promise<ArrayBuffer[] | undefined> {
  const paths = manifestPaths(manifest);
  // Sizes come from the manifest; parseManifest throws on a malformed one before anything is read.
  const expected = parseManifest(manifest).reduce((end, e) => Math.max(end, e.byteOffset + e.byteLength), 0);
  if (paths.length === 0) {
    if (expected === 0) return undefined;
    throw new Error(`${modelPath} describes ${expected} bytes of weights but names no weights file in its weightsManifest; ${FIX}`);
  }
  if (expected > MAX_WEIGHT_BYTES) {
    throw new Error(`${modelPath} describes ${mb(expected)} of weights; the limit is ${mb(MAX_WEIGHT_BYTES)}`);
  }
  const files = paths.map((p) => resolve(dirname(modelPath), p));
  let total = 0;
  for (const file of files) {
    const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
      const why = err.code === 'ENOENT' ? 'there is no such file' : err.code === 'EACCES' ? 'permission denied' : (err.code ?? err.message);
      throw new Error(`The weights file ${file} named in ${modelPath} cannot be read: ${why}; ${FIX}`);
    });
    if (info.isDirectory()) throw new Error(`The weights file ${file} named in ${modelPath} is a directory, not a file; ${FIX}`);
    if (!info.isFile()) throw new Error(`The weights file ${file} named in ${modelPath} is not a regular file; ${FIX}`);
    if (info.size > MAX_WEIGHT_FILE_BYTES) {
      throw new Error(`The weights file ${file} is ${mb(info.size)}; one weights file may be at most ${mb(MAX_WEIGHT_FILE_BYTES)}; ${FIX}`);
    }
    total += info.size;
  }
  if (total !== expected) {
    const names = files.length === 1 ? `The weights file ${files[0]} holds` : `The ${files.length} weights files (${files.join(', ')}) hold`;
    throw new Error(
      `${names} ${total} bytes but ${modelPath}'s weightsManifest describes ${expected} (dtype × shape of each weight); a file is ${total < expected ? 'truncated or missing a shard' : 'longer than described'}; ${FIX}`,
    );
  }
  const buffers: ArrayBuffer[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch((err: Error) => {
      throw new Error(`The weights file ${file} named in ${modelPath} cannot be read: ${err.message}; ${FIX}`);
    });
    buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  return buffers;
}
