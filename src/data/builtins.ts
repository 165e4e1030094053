/**
 * The built-in datasets shipped in public/datasets/ (built by scripts/build-datasets.py). Tabular
 * ones are CSV text that goes through the same pipeline as a user's file; image ones are
 * gzip'd uint8 pixels + uint8 labels + a JSON manifest, decoded here into a PreparedDataset; text
 * ones are a CSV (text, label, split columns) or one corpus, handed over as text by loadTextBuiltin.
 *
 * Nothing here knows where the files live: the caller passes `readFile(name)`, which fetches
 * `/datasets/<name>` in the browser (see `fetchBuiltinFile`) and reads public/datasets/<name> in Node.
 */
import { gunzipSync } from 'fflate';
import type { TextCorpusInfo } from './builtin-text-fields';
import {
  BuiltinDatasetError,
  parseBuiltinIndex,
  REBUILD,
  type BuiltinInfo,
  type TabularBuiltinInfo,
  type TextBuiltinInfo,
} from './builtin-index';
import { decodeImageArchive, parseImageManifest } from './image-archive';
import { imageTransform } from './images/transform';
import { mulberry32 } from './random';
import { DEFAULT_SPLIT, type SplitPlan, type SplitRatios, stratifiedSplit } from './split';
import type { PreparedDataset, Split } from './types';

export type { BuiltinAnchor, BuiltinTokenizer, CorpusRange, TextCorpusInfo } from './builtin-text-fields';
export { ImageArchiveError, type ImageManifest } from './image-archive';
export { BuiltinDatasetError, parseBuiltinIndex } from './builtin-index';
export type {
  BuiltinCommon,
  BuiltinInfo,
  ImageBuiltinInfo,
  TabularBuiltinInfo,
  TextBuiltinInfo,
} from './builtin-index';

export type ReadBuiltinFile = (name: string) => Promise<Uint8Array>;

export const BUILTIN_INDEX_FILE = 'index.json';
export const DEFAULT_SPLIT_SEED = 42;
/** A dataset that ships its own test set only needs its training images cut into train and validation. */
const SHIPPED_TRAIN_SPLIT: SplitRatios = { train: 0.85, validation: 0.15, test: 0 };

/**
 * A `readFile` for the browser or a worker: fetches `<baseUrl>datasets/<name>` (baseUrl ends in `/`).
 * Vite answers a missing file with the app's index.html (status 200), so an HTML answer counts as
 * "not found". Vite also sends `.gz` files with `Content-Encoding: gzip`, so fetch hands over the
 * image bytes already inflated; the image decoder accepts both.
 */
export function fetchBuiltinFile(baseUrl: string): ReadBuiltinFile {
  return async (name) => {
    const url = `${baseUrl}datasets/${name}`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      throw new Error(`${url} is missing (the server answered with an HTML page)`);
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}

async function read(readFile: ReadBuiltinFile, name: string): Promise<Uint8Array> {
  try {
    return await readFile(name);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new BuiltinDatasetError(
      `Could not read the built-in dataset file "${name}" (${why}). The files live in public/datasets/. ${REBUILD}`,
    );
  }
}

async function readText(readFile: ReadBuiltinFile, name: string): Promise<string> {
  return decodeUtf8(await read(readFile, name), name);
}

function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new BuiltinDatasetError(`The built-in dataset file "${name}" is not valid UTF-8 text. ${REBUILD}`);
  }
}

/** Every built-in dataset, as described by public/datasets/index.json. */
export async function listBuiltins(readFile: ReadBuiltinFile): Promise<readonly BuiltinInfo[]> {
  return parseBuiltinIndex(await readText(readFile, BUILTIN_INDEX_FILE));
}

async function findBuiltin(id: string, readFile: ReadBuiltinFile): Promise<BuiltinInfo> {
  const all = await listBuiltins(readFile);
  const found = all.find((d) => d.id === id);
  if (!found) {
    throw new BuiltinDatasetError(
      `There is no built-in dataset "${id}". Choose one of: ${all.map((d) => d.id).join(', ')}.`,
      'bad-option',
    );
  }
  return found;
}

const LOADERS = {
  tabular: ['a table', 'builtinCsvText'],
  image: ['images', 'loadImageBuiltin'],
  text: ['text', 'loadTextBuiltin'],
} as const;

/** Asked to load `info` as `wanted`: names what it holds and the function that loads it. */
function wrongKind(info: BuiltinInfo, wanted: BuiltinInfo['kind']): BuiltinDatasetError {
  const [holds, loader] = LOADERS[info.kind];
  return new BuiltinDatasetError(
    `The built-in dataset "${info.id}" holds ${holds}, not ${LOADERS[wanted][0]}: load it with ${loader}.`,
    'bad-option',
  );
}

export interface BuiltinCsv {
  readonly info: TabularBuiltinInfo;
  readonly text: string;
  /** The column to predict. */
  readonly labelColumn: string;
  /** Columns that identify a row rather than describe it (e.g. a date); suggest leaving them out. */
  readonly ignoreColumns: readonly string[];
  /**
   * The role the built-in asks of its columns: `ignore` for ignoreColumns, `id` for idColumns. Pass
   * it as prepareTabular's `columns` so that loading it needs no further choice.
   */
  readonly columnRoles: Readonly<Record<string, { readonly role: 'ignore' | 'id' }>>;
  /** The split column to split by (prepareTabular's `splitColumn`), or null. */
  readonly splitColumn: string | null;
}

/** The CSV text of a tabular built-in and its suggested label column, for the tabular pipeline. */
export async function builtinCsvText(id: string, readFile: ReadBuiltinFile): Promise<BuiltinCsv> {
  const info = await findBuiltin(id, readFile);
  if (info.kind !== 'tabular') throw wrongKind(info, 'tabular');
  const [file] = info.files;
  if (file === undefined) throw new BuiltinDatasetError(`index.json lists no file for "${id}". ${REBUILD}`);
  const text = await readText(readFile, file);
  const columnRoles: Record<string, { role: 'ignore' | 'id' }> = {};
  for (const c of info.ignoreColumns) columnRoles[c] = { role: 'ignore' };
  for (const c of info.idColumns) columnRoles[c] = { role: 'id' };
  return {
    info,
    text,
    labelColumn: info.labelColumn,
    ignoreColumns: info.ignoreColumns,
    columnRoles,
    splitColumn: info.splitColumn,
  };
}

function gather(
  indices: readonly number[],
  pixels: Uint8Array,
  labels: Uint8Array,
  perImage: number,
  divisor: number,
): Split {
  const x = new Float32Array(indices.length * perImage);
  const y = new Float32Array(indices.length);
  indices.forEach((src, row) => {
    const from = src * perImage;
    for (let p = 0; p < perImage; p++) x[row * perImage + p] = pixels[from + p]! / divisor;
    y[row] = labels[src]!;
  });
  return { n: indices.length, x, y };
}

/**
 * An image built-in as a PreparedDataset: x scaled to [0, 1], y class indices. Datasets shipped
 * with a test split (Fashion-MNIST) keep it and split their training images 85/15 into train and
 * validation; the others (digits) are split 70/15/15. Both splits are stratified and seeded.
 */
export async function loadImageBuiltin(
  id: string,
  readFile: ReadBuiltinFile,
  options: { readonly seed?: number } = {},
): Promise<PreparedDataset> {
  const seed = options.seed ?? DEFAULT_SPLIT_SEED;
  const info = await findBuiltin(id, readFile);
  if (info.kind !== 'image') throw wrongKind(info, 'image');
  const manifestName = `${id}.json`;
  const manifest = parseImageManifest(await readText(readFile, manifestName), manifestName);
  if (manifest.id !== id) {
    throw new BuiltinDatasetError(`${manifestName} describes "${manifest.id}", not "${id}". ${REBUILD}`);
  }
  const [packed, labelBytes] = await Promise.all([read(readFile, manifest.images), read(readFile, manifest.labels)]);
  const { pixels, labels, perImage } = decodeImageArchive(manifest, packed, labelBytes);
  const rng = mulberry32(seed);
  let plan: SplitPlan;
  if (manifest.splits) {
    const { train, test } = manifest.splits;
    const part = stratifiedSplit(labels.subarray(train.start, train.start + train.count), SHIPPED_TRAIN_SPLIT, rng);
    const shift = (indices: number[]) => indices.map((i) => i + train.start);
    const shippedTest = Array.from({ length: test.count }, (_, i) => test.start + i);
    plan = { train: shift(part.train), validation: shift(part.validation), test: shippedTest };
  } else {
    plan = stratifiedSplit(labels, DEFAULT_SPLIT, rng);
  }
  // Stored grey levels run 0…maxValue (0…16 for digits); dividing by maxValue gives the same
  // [0, 1] range that user images get (0…255 divided by 255), so the usual image transform applies.
  const divisor = manifest.maxValue;
  const transform = imageTransform({ width: manifest.width, height: manifest.height, channels: manifest.channels });
  return {
    id: `builtin:${id}`,
    name: info.title,
    kind: 'image',
    task: info.task,
    inputShape: [manifest.height, manifest.width, manifest.channels],
    classNames: manifest.classNames,
    train: gather(plan.train, pixels, labels, perImage, divisor),
    validation: gather(plan.validation, pixels, labels, perImage, divisor),
    test: gather(plan.test, pixels, labels, perImage, divisor),
    transform,
  };
}

/** A corpus's contiguous ranges (from its index entry) as the ratios prepareLanguageModel cuts at. */
export function corpusRatios(splits: TextCorpusInfo['splits']): SplitRatios {
  const total = splits.train.count + splits.validation.count + splits.test.count || 1;
  return {
    train: splits.train.count / total,
    validation: splits.validation.count / total,
    test: splits.test.count / total,
  };
}

export interface BuiltinText {
  readonly info: TextBuiltinInfo;
  /** The CSV text of a classification set (columns info.textColumn, labelColumn, splitColumn), or the corpus. */
  readonly text: string;
}

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * The raw text of a text built-in, for the text preparer: a classification set's CSV (its header
 * checked for the columns the index names) or a corpus (its length checked against the index).
 * `.gz` files are inflated here unless the server already did (Content-Encoding: gzip).
 */
export async function loadTextBuiltin(id: string, readFile: ReadBuiltinFile): Promise<BuiltinText> {
  const info = await findBuiltin(id, readFile);
  if (info.kind !== 'text') throw wrongKind(info, 'text');
  const [file] = info.files;
  if (file === undefined) throw new BuiltinDatasetError(`index.json lists no file for "${id}". ${REBUILD}`);
  let bytes = await read(readFile, file);
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new BuiltinDatasetError(`The built-in dataset file "${file}" is not a readable gzip file. ${REBUILD}`);
    }
  }
  const text = decodeUtf8(bytes, file);
  const stale = (what: string) => new BuiltinDatasetError(`The built-in dataset file "${file}" ${what}. ${REBUILD}`);
  if (info.corpus && text.length !== info.corpus.characters) {
    throw stale(`holds ${text.length} characters, but index.json says ${info.corpus.characters}`);
  }
  if (!info.corpus) {
    const header = text.slice(0, text.indexOf('\n')).split(',');
    const missing = [info.textColumn, info.labelColumn, info.splitColumn].filter((c) => c && !header.includes(c));
    if (missing.length > 0) throw stale(`has no column ${missing.map((c) => `"${c}"`).join(', ')} in its header`);
  }
  return { info, text };
}
