/**
 * The export ZIP:
 *
 *   README.md
 *   tfjs/  model.json  weights.bin  metadata.json
 *   web/   index.html  app.js  preprocess.js  style.css  [tokenize.js (text models)]
 *          [layers.js (models with layers TensorFlow.js lacks: attention, position embeddings…)]
 *          [gan.js (a GAN's generator: Generate with a seed)]  tf.min.js  package.json
 *          model.json  weights.bin  metadata.json
 *   keras/ …whatever the Keras generator wrote
 *   onnx/  model.onnx                    (left out when ONNX cannot express the model)
 *   pytorch/ model.py  weights.npz  predict.py  preprocess.py  README.md  [metadata.json]
 *          [train.py  train_lib.py  train_spec.json]   (models trained on a table)
 *
 * Over 4 MB of weights, `weights.bin` is instead the `group1-shardNofM.bin` files model.json names.
 * The same parts give the same bytes: a fixed entry order and a fixed timestamp.
 */
import { strToU8, zipSync, type Zippable, type ZipOptions } from 'fflate';
import { readMetadata } from './metadata';
import { LAYERLOOM_LAYERS } from './standalone/layers.js';
import { exportReadme } from './readme';
import { ganReadme } from './readme-gan';
import { tfjsFileEntries, type TfjsFiles } from './tfjs-bundle';

export const STANDALONE_FILE_NAMES = ['index.html', 'app.js', 'preprocess.js', 'style.css'] as const;
export type StandaloneFileName = (typeof STANDALONE_FILE_NAMES)[number];
/**
 * The standalone page's files as text (standalone/sources.ts has them for Vite and Vitest).
 * `tokenize.js` is src/data/text/tokenize.js as is: the page tokenizes with the app's own encoder.
 * It is needed only by text models (the page loads it on demand), so a caller that does not have
 * it yet still exports tables and images.
 */
export type StandaloneSources = Readonly<Record<StandaloneFileName, string>> & {
  readonly 'tokenize.js'?: string;
  /** standalone/layers.js: Layerloom's own layers for the page's TensorFlow.js; written when given. */
  readonly 'layers.js'?: string;
  /** standalone/gan.js: the Generate form of a GAN generator's page; written into generators' exports only. */
  readonly 'gan.js'?: string;
};

export interface ExportZipParts {
  /** From `buildTfjsFiles`. */
  readonly tfjs: TfjsFiles;
  readonly web: StandaloneSources;
  /**
   * The TensorFlow.js browser bundle, saved as web/tf.min.js: the page loads it locally, never from a
   * CDN. Pass @tensorflow/tfjs/dist/tf.es2017.min.js: the ES5 dist/tf.min.js evaluates a string at load
   * (a regenerator-runtime fallback), which the page's CSP forbids, so it fails to start there.
   */
  readonly tfMinJs: Uint8Array;
  /** Files for keras/, by path inside it (`model.py`, `load_weights.py`, …). */
  readonly keras?: Readonly<Record<string, Uint8Array | string>>;
  /** onnx/model.onnx, from src/compiler/onnx (see format-parts.ts); absent when ONNX cannot express the model. */
  readonly onnx?: Uint8Array;
  /** Files for pytorch/, by path inside it, from src/compiler/pytorch and pytorch-train (see format-parts.ts). */
  readonly pytorch?: Readonly<Record<string, Uint8Array | string>>;
  /** Defaults to `exportReadme` of the metadata in `tfjs`. */
  readonly readme?: string;
}

export class ExportZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportZipError';
  }
}

/**
 * DOS time, which ZIP stores, has no zone: fflate writes the local-time fields of the Date it is
 * given. A Date built from local fields, at the time of zipping, reads back 1980-01-01 00:00 in every
 * time zone (one built once at load time would shift if the zone changed since).
 */
function entryOptions(path: string): ZipOptions {
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  // Float weights barely compress (and an .npz is a ZIP already); storing them keeps large exports quick.
  return /\.(bin|onnx|npz)$/.test(path) ? { level: 0, mtime } : { level: 6, mtime };
}

/** A relative path of plain segments: no '..', '.', empty parts, backslashes or drive letters. */
function checkProjectPath(path: string, project: 'Keras' | 'PyTorch', folder: string): void {
  const parts = path.split('/');
  const bad =
    path.length === 0 ||
    path.length > 200 ||
    /[\\:\0]/.test(path) ||
    parts.some((p) => p === '' || p === '.' || p === '..');
  if (bad) {
    throw new ExportZipError(
      `The ${project} file path "${path.slice(0, 80)}" is not a plain relative path (like "model.py" or "weights/layer.npy"); it cannot go into ${folder}/`,
    );
  }
}

// String evaluation the page's CSP (no 'unsafe-eval') would block: `Function("…")`, `new Function(`, `eval(`.
const EVALUATES_STRINGS = /(^|[^\w$.])(new\s+Function\s*\(|Function\s*\(\s*["'`]|eval\s*\()/;

function checkTfBundle(bytes: Uint8Array): void {
  const use = 'pass the bytes of @tensorflow/tfjs/dist/tf.es2017.min.js';
  if (bytes.byteLength === 0) throw new ExportZipError(`tf.min.js is empty; ${use}`);
  if (EVALUATES_STRINGS.test(new TextDecoder().decode(bytes))) {
    throw new ExportZipError(
      `This TensorFlow.js bundle evaluates strings as code, which the exported page's Content-Security-Policy forbids, so the page would not start; ${use}`,
    );
  }
}

const bytesOf = (value: Uint8Array | string) => (typeof value === 'string' ? strToU8(value) : value);

/** A project folder's files in a fixed (code point) order. */
const sortedFiles = (files: Readonly<Record<string, Uint8Array | string>> | undefined) =>
  Object.entries(files ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A weight file is a plain name ending in .bin, so it can neither leave its folder nor replace a page file. */
const WEIGHT_FILE = /^[\w.-]{1,100}\.bin$/;

function checkTfjsFiles(tfjs: TfjsFiles): void {
  for (const name of ['model.json', 'metadata.json'] as const) {
    if (!(tfjs[name] instanceof Uint8Array))
      throw new ExportZipError(`The export has no tfjs/${name}; build it with buildTfjsFiles`);
  }
  if (!Array.isArray(tfjs.weights) || tfjs.weights.length === 0)
    throw new ExportZipError('The export has no weight files; build it with buildTfjsFiles');
  for (const w of tfjs.weights) {
    if (!WEIGHT_FILE.test(w.path) || !(w.data instanceof Uint8Array))
      throw new ExportZipError(
        `The weight file "${String(w.path).slice(0, 80)}" is not a plain .bin name with bytes; build it with buildTfjsFiles`,
      );
  }
}

/**
 * fflate writes no ZIP64 records, so sizes and offsets must stay under 4 GiB; past that the archive
 * would be written wrong and unreadable. (Entry headers and the directory fit in the margin.)
 */
export const MAX_ZIP_BYTES = 2 ** 32 - 2 ** 24;

const OWN_LAYER = new RegExp(`"class_name"\\s*:\\s*"(${LAYERLOOM_LAYERS.join('|')})"`);

/** Whether the page needs layers.js: model.json names a layer class that TensorFlow.js itself lacks. */
function usesOwnLayers(modelJson: Uint8Array): boolean {
  return OWN_LAYER.test(new TextDecoder().decode(modelJson));
}

/** The entries, in the order they are written. */
export function exportZipEntries(parts: ExportZipParts): [string, Uint8Array][] {
  checkTfjsFiles(parts.tfjs);
  for (const name of STANDALONE_FILE_NAMES) {
    if (typeof parts.web[name] !== 'string' || parts.web[name].length === 0) {
      throw new ExportZipError(`The standalone page's ${name} is missing or empty`);
    }
  }
  checkTfBundle(parts.tfMinJs);
  const metadata = readMetadata(parts.tfjs['metadata.json']);
  // Only a text model's page (or a table's with a text column) loads tokenize.js, so only its export holds it.
  const pre = metadata.preprocessing;
  const tokenizes = pre?.kind === 'text' || (pre?.kind === 'tabular' && pre.features.some((f) => f.type === 'text'));
  const tokenizeJs = tokenizes ? parts.web['tokenize.js'] : undefined;
  if (tokenizes && (typeof tokenizeJs !== 'string' || tokenizeJs.length === 0)) {
    throw new ExportZipError(
      "The standalone page of a text model needs web/tokenize.js, and the page's sources have none; pass src/data/text/tokenize.js as the web sources' 'tokenize.js'",
    );
  }
  // Only a generator's page loads gan.js, so only its export holds it.
  const ganJs = metadata.gan ? parts.web['gan.js'] : undefined;
  if (metadata.gan && (typeof ganJs !== 'string' || ganJs.length === 0)) {
    throw new ExportZipError(
      "The standalone page of a GAN generator needs web/gan.js, and the page's sources have none; pass src/compiler/bundle/standalone/gan.js as the web sources' 'gan.js'",
    );
  }
  const keras = sortedFiles(parts.keras);
  keras.forEach(([path]) => checkProjectPath(path, 'Keras', 'keras'));
  const pytorch = sortedFiles(parts.pytorch);
  pytorch.forEach(([path]) => checkProjectPath(path, 'PyTorch', 'pytorch'));
  if (parts.onnx !== undefined && (!(parts.onnx instanceof Uint8Array) || parts.onnx.byteLength === 0)) {
    throw new ExportZipError('The ONNX model is empty; build it with exportOnnx');
  }
  // Without it (a caller that lacks the file) the page says which layer it cannot run.
  const layersJs = usesOwnLayers(parts.tfjs['model.json']) ? parts.web['layers.js'] : undefined;
  const readme =
    parts.readme ??
    exportReadme(metadata, {
      keras: keras.length > 0,
      onnx: parts.onnx !== undefined,
      pytorch: pytorch.length > 0,
      train: pytorch.some(([path]) => path === 'train.py'),
    });
  // A generator's README adds how to draw images outside the page.
  const readmeText = metadata.gan && !parts.readme ? readme + ganReadme(metadata.gan, pytorch.length > 0) : readme;
  const model = tfjsFileEntries(parts.tfjs);
  return [
    ['README.md', strToU8(readmeText)],
    ...model.map(([name, bytes]): [string, Uint8Array] => [`tfjs/${name}`, bytes]),
    ...STANDALONE_FILE_NAMES.map((name): [string, Uint8Array] => [`web/${name}`, strToU8(parts.web[name])]),
    ...(tokenizeJs ? [['web/tokenize.js', strToU8(tokenizeJs)] as [string, Uint8Array]] : []),
    ...(layersJs ? [['web/layers.js', strToU8(layersJs)] as [string, Uint8Array]] : []),
    ...(ganJs ? [['web/gan.js', strToU8(ganJs)] as [string, Uint8Array]] : []),
    ['web/tf.min.js', parts.tfMinJs],
    // Marks app.js and preprocess.js as ES modules for Node too (browsers go by the script tag).
    ['web/package.json', strToU8('{ "type": "module" }\n')],
    ...model.map(([name, bytes]): [string, Uint8Array] => [`web/${name}`, bytes]),
    ...keras.map(([path, value]): [string, Uint8Array] => [`keras/${path}`, bytesOf(value)]),
    ...(parts.onnx !== undefined ? [['onnx/model.onnx', parts.onnx] as [string, Uint8Array]] : []),
    ...pytorch.map(([path, value]): [string, Uint8Array] => [`pytorch/${path}`, bytesOf(value)]),
  ];
}

/** Builds the ZIP in memory. Throws `ExportZipError` (or `MetadataError` for bad metadata) with a sentence. */
export function buildExportZip(parts: ExportZipParts): Uint8Array {
  const files: Zippable = {};
  let total = 0;
  for (const [path, bytes] of exportZipEntries(parts)) {
    if (path in files) throw new ExportZipError(`The export would hold ${path} twice`);
    files[path] = [bytes, entryOptions(path)];
    total += bytes.byteLength;
  }
  if (total > MAX_ZIP_BYTES) {
    const gb = (total / 1e9).toFixed(1);
    throw new ExportZipError(
      `The export would be ${gb} GB (the weights once each for tfjs/, web/, the Keras project, onnx/ and pytorch/), more than a ZIP made in the browser can hold (4 GB); export it with the command line instead (layerloom export … --out DIR), which writes the files to a folder`,
    );
  }
  return zipSync(files);
}
