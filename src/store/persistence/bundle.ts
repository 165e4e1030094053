/**
 * The `.layerloom` file: a ZIP holding `project.json`, each run's weights (`runs/<i>.json` +
 * `runs/<i>.bin`, i the run's place in project.runs), the weights the model came with
 * (`weights.json` + `weights.bin`) and, if the user chose, the dataset file under `dataset/`. Reading checks the
 * size, the sizes each entry declares (a zip bomb is refused before anything is inflated), the
 * JSON (schema, version, forbidden keys) and that the parts agree with one another.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate';
import { MAX_PROJECT_BYTES, parseJsonSafely, projectFromText } from '../../model/project';
import type { Project } from '../../model/project-schema';
import type { LayerWeights } from '../../model/weights';
import { OPENED_WEIGHTS } from '../evaluation-slice';
import type { RunWeightsMap } from './project-db';
import { packLayerWeights, unpackLayerWeights } from './weights-file';

export const BUNDLE_EXTENSION = '.layerloom';
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;
/** What all entries together may unpack to. */
export const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const DATASET_DIR = 'dataset/';

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

export interface BundleDataset {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface BundleContents {
  readonly project: Project;
  /** By run id; OPENED_WEIGHTS for the weights the model came with. */
  readonly weights: RunWeightsMap;
  readonly dataset: BundleDataset | null;
}

export interface ReadBundle extends BundleContents {
  /** The project's pipeline as `validatePipeline` returned it (null when the project has none). */
  readonly pipeline: unknown;
}

export interface ReadBundleOptions {
  /** Validates the pipeline JSON (src/pipeline's reader); throws naming the bad field. */
  readonly validatePipeline?: (raw: unknown) => unknown;
  readonly maxBytes?: number;
  readonly maxUnpackedBytes?: number;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

function entryName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(0, 120) || 'data';
}

export function writeBundle({ project, weights, dataset }: BundleContents): Uint8Array {
  const ref = project.dataset;
  const opened = weights[OPENED_WEIGHTS];
  const stamped: Project = {
    ...project,
    dataset: ref?.kind === 'file' ? { ...ref, fileInBundle: dataset !== null } : ref,
    weights: opened && project.weights ? { ...project.weights, runId: null } : null,
    runs: project.runs.map((r) => ({ ...r, weights: weights[r.id] ? (r.weights ?? null) : null })),
  };
  const files: Zippable = { 'project.json': [strToU8(JSON.stringify(stamped, null, 1)), { level: 6 }] };
  const add = (base: string, w: LayerWeights) => {
    const { manifest, bin } = packLayerWeights(w);
    files[`${base}.json`] = strToU8(JSON.stringify(manifest));
    // Float noise barely compresses; a light level keeps export fast.
    files[`${base}.bin`] = [bin, { level: 1 }];
  };
  if (opened && stamped.weights) add('weights', opened);
  stamped.runs.forEach((r, i) => {
    const w = weights[r.id];
    if (w && r.weights) add(`runs/${i}`, w);
  });
  if (dataset) files[DATASET_DIR + entryName(dataset.name)] = [dataset.bytes, { level: 6 }];
  return zipSync(files);
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function looksLikeJson(b: Uint8Array): boolean {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0; // UTF-8 BOM
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return b[i] === 0x7b; // '{'
}

function unpack(bytes: Uint8Array, maxUnpacked: number): Record<string, Uint8Array> {
  let declared = 0;
  const filter = (info: UnzipFileInfo) => {
    const wanted =
      ['project.json', 'weights.json', 'weights.bin'].includes(info.name) ||
      RUN_ENTRY.test(info.name) ||
      (info.name.startsWith(DATASET_DIR) && !info.name.endsWith('/'));
    if (!wanted) return false;
    const limit = info.name === 'project.json' ? MAX_PROJECT_BYTES : info.name.endsWith('.json') ? MAX_MANIFEST_BYTES : maxUnpacked;
    if (info.originalSize > limit) {
      throw new BundleError(`${info.name} would unpack to ${formatBytes(info.originalSize)}; the limit is ${formatBytes(limit)}`);
    }
    declared += info.originalSize;
    if (declared > maxUnpacked) {
      throw new BundleError(`The file would unpack to more than ${formatBytes(maxUnpacked)}; it may be a zip bomb and was not opened`);
    }
    return true;
  };
  try {
    return unzipSync(bytes, { filter });
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError(`The file is damaged or truncated: it is not a complete ZIP archive (${(e as Error).message})`);
  }
}

const RUN_ENTRY = /^runs\/\d{1,4}\.(json|bin)$/;

function readWeightsEntry(entries: Record<string, Uint8Array>, base: string, what: string, tensors: number): LayerWeights {
  const manifest = entries[`${base}.json`];
  const bin = entries[`${base}.bin`];
  if (!manifest || !bin) {
    throw new BundleError(`project.json lists ${what} but ${base}.${manifest ? 'bin' : 'json'} is missing from the file`);
  }
  const weights = unpackLayerWeights(parseJsonSafely(strFromU8(manifest), `${base}.json`), bin);
  const found = Object.values(weights).reduce((n, l) => n + l.length, 0);
  if (found !== tensors) throw new BundleError(`${base}.json holds ${found} weight tensors but project.json says ${tensors}`);
  return weights;
}

function readWeights(project: Project, entries: Record<string, Uint8Array>): RunWeightsMap {
  const out: Record<string, LayerWeights> = {};
  project.runs.forEach((r, i) => {
    if (r.weights) out[r.id] = readWeightsEntry(entries, `runs/${i}`, `the weights of ${r.name}`, r.weights.tensors);
  });
  if (project.weights) {
    const w = readWeightsEntry(entries, 'weights', 'trained weights', project.weights.tensors);
    // Files written before every run kept its weights name the run these belong to.
    const runId = project.weights.runId;
    out[runId !== null && project.runs.some((r) => r.id === runId) ? runId : OPENED_WEIGHTS] = w;
  }
  return out;
}

function readDataset(project: Project, entries: Record<string, Uint8Array>): BundleDataset | null {
  const ref = project.dataset;
  if (ref?.kind !== 'file' || !ref.fileInBundle) return null;
  const names = Object.keys(entries).filter((n) => n.startsWith(DATASET_DIR));
  if (names.length !== 1) {
    throw new BundleError(
      names.length === 0
        ? `project.json says the dataset file “${ref.name}” is inside, but the file has no ${DATASET_DIR} entry`
        : `The file holds ${names.length} dataset files under ${DATASET_DIR}; a project has one`,
    );
  }
  const bytes = entries[names[0]!]!;
  if (bytes.byteLength !== ref.size) {
    throw new BundleError(`${names[0]} is ${bytes.byteLength} bytes but project.json says the dataset is ${ref.size}; the file is damaged`);
  }
  return { name: ref.name, bytes };
}

/** Reads a .layerloom bundle, or a bare project .json; throws BundleError/ProjectError naming what is wrong. */
export function readBundle(bytes: Uint8Array, options: ReadBundleOptions = {}): ReadBundle {
  const maxBytes = options.maxBytes ?? MAX_BUNDLE_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new BundleError(`The file is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(maxBytes)}`);
  }
  const validate = options.validatePipeline ?? ((raw: unknown) => raw);
  const withPipeline = (contents: BundleContents): ReadBundle => {
    try {
      return { ...contents, pipeline: contents.project.pipeline === null ? null : validate(contents.project.pipeline) };
    } catch (e) {
      throw new BundleError(`The project's pipeline is invalid: ${(e as Error).message}`);
    }
  };
  if (looksLikeJson(bytes)) {
    return withPipeline({ project: projectFromText(strFromU8(bytes), bytes.byteLength), weights: {}, dataset: null });
  }
  if (!isZip(bytes)) throw new BundleError('This is not a Layerloom file: it is neither a .layerloom archive nor a project .json');
  const entries = unpack(bytes, options.maxUnpackedBytes ?? MAX_UNPACKED_BYTES);
  const projectBytes = entries['project.json'];
  if (!projectBytes) throw new BundleError('project.json is missing: this ZIP is not a Layerloom project');
  const project = projectFromText(strFromU8(projectBytes), projectBytes.byteLength);
  return withPipeline({ project, weights: readWeights(project, entries), dataset: readDataset(project, entries) });
}
