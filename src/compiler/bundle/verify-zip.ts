/**
 * The export ZIP is read back before the app calls the export done: unzipped again with fflate,
 * each folder's model.json must name the weight files that were written, and each of them must be
 * there with the size and SHA-256 taken from the weights before the ZIP was built. Together the
 * per-file digests pin the weights laid end to end, so a truncated, dropped or damaged shard, or a
 * model.json that names other files, refuses the export instead of surfacing in whoever loads it.
 * One weight file is copied out at a time, so checking holds one shard (4 MB), not the weights again.
 * onnx/model.onnx and pytorch/weights.npz, which hold the weights too, are checked the same way.
 */
import { unzipSync } from 'fflate';
import type { WeightShard } from '../../model/keras-export';
import { elementCount, manifestPaths } from '../../model/weights';
import { buildExportZip, type ExportZipParts } from './zip';

/** One weight file as it was before writing. */
export interface WeightFileDigest {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export class ExportCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportCheckError';
  }
}

/** The folders of the ZIP that hold the model (see zip.ts). */
export const MODEL_FOLDERS = ['tfjs/', 'web/'] as const;

/** The other formats' files that carry the weights, by their path in the ZIP. */
export function otherFormatFiles(parts: ExportZipParts): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  if (parts.onnx) out.push(['onnx/model.onnx', parts.onnx]);
  const npz = parts.pytorch?.['weights.npz'];
  if (npz instanceof Uint8Array) out.push(['pytorch/weights.npz', npz]);
  return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // crypto.subtle: browsers in secure contexts (the app needs one already: crypto.randomUUID at boot) and Node 20+.
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Each weight file's size and SHA-256, taken before the files go into the ZIP. */
export async function weightDigests(shards: readonly WeightShard[]): Promise<WeightFileDigest[]> {
  const out: WeightFileDigest[] = [];
  for (const s of shards) out.push({ path: s.path, bytes: s.data.byteLength, sha256: await sha256Hex(s.data) });
  return out;
}

const AGAIN = 'Nothing was saved; export again (if it repeats, close other tabs: the browser may be short of memory)';

function fail(what: string): never {
  throw new ExportCheckError(`The export ZIP does not read back as it was built: ${what}. ${AGAIN}.`);
}

/** One entry's bytes, copied out of the ZIP by fflate (null when the ZIP has no such entry). */
function entry(zip: Uint8Array, name: string): Uint8Array | null {
  return unzipSync(zip, { filter: (f) => f.name === name })[name] ?? null;
}

/** Bytes of float32 weights the manifest describes (the exporter writes nothing else). */
function manifestBytes(manifest: unknown): number {
  if (!Array.isArray(manifest)) return -1;
  let total = 0;
  for (const group of manifest as { weights?: { shape?: unknown; dtype?: unknown }[] }[]) {
    for (const w of group?.weights ?? []) {
      if (w?.dtype !== 'float32' || !Array.isArray(w.shape)) return -1;
      total += elementCount(w.shape as number[]) * 4;
    }
  }
  return total;
}

/** The entry `name` must be there with the size and SHA-256 of `d`; copied out alone. */
async function checkEntry(zip: Uint8Array, sizes: ReadonlyMap<string, number>, name: string, d: WeightFileDigest): Promise<void> {
  if (!sizes.has(name)) fail(`${name} is missing`);
  const bytes = entry(zip, name);
  if (!bytes || bytes.byteLength !== d.bytes) fail(`${name} is ${bytes?.byteLength ?? 0} bytes, not ${d.bytes}`);
  if ((await sha256Hex(bytes)) !== d.sha256) fail(`${name} has a different SHA-256 than the weights it was written from`);
}

/**
 * Throws `ExportCheckError`, naming the file, unless every folder's model and weight files read back
 * as `expected`, and each of `others` (paths in the ZIP: onnx/model.onnx, pytorch/weights.npz) as its digest.
 */
export async function checkExportZip(
  zip: Uint8Array,
  expected: readonly WeightFileDigest[],
  others: readonly WeightFileDigest[] = [],
): Promise<void> {
  const sizes = new Map<string, number>();
  try {
    unzipSync(zip, {
      filter: (f) => {
        sizes.set(f.name, f.originalSize);
        return false;
      },
    });
  } catch (err) {
    fail(`it cannot be unzipped (${(err as Error).message})`);
  }
  const paths = expected.map((d) => d.path);
  const weightBytes = expected.reduce((n, d) => n + d.bytes, 0);
  for (const folder of MODEL_FOLDERS) {
    const json = entry(zip, `${folder}model.json`);
    if (!json) fail(`${folder}model.json is missing`);
    let manifest: unknown;
    try {
      manifest = (JSON.parse(new TextDecoder().decode(json)) as { weightsManifest?: unknown }).weightsManifest;
    } catch (err) {
      fail(`${folder}model.json is not JSON (${(err as Error).message})`);
    }
    const named = manifestPaths(manifest);
    if (JSON.stringify(named) !== JSON.stringify(paths)) {
      fail(`${folder}model.json names ${named.join(', ') || 'no weight files'}, but ${paths.join(', ')} were written`);
    }
    const needed = manifestBytes(manifest);
    if (needed !== weightBytes)
      fail(`${folder}model.json describes ${needed} bytes of weights, but ${weightBytes} were written`);
    for (const d of expected) await checkEntry(zip, sizes, `${folder}${d.path}`, d);
  }
  for (const d of others) await checkEntry(zip, sizes, d.path, d);
}

/** `buildExportZip`, then the read-back check against digests taken from the weights before zipping. */
export async function buildCheckedExportZip(parts: ExportZipParts): Promise<Uint8Array> {
  const expected = await weightDigests(parts.tfjs.weights);
  const others = await weightDigests(otherFormatFiles(parts).map(([path, data]) => ({ path, data })));
  const zip = buildExportZip(parts);
  await checkExportZip(zip, expected, others);
  return zip;
}
