/**
 * The export ZIP:
 *
 *   README.md
 *   tfjs/  model.json  weights.bin  metadata.json
 *   web/   index.html  app.js  preprocess.js  style.css  tf.min.js  package.json
 *          model.json  weights.bin  metadata.json
 *   keras/ …whatever the Keras generator wrote
 *
 * The same parts give the same bytes: a fixed entry order and a fixed timestamp.
 */
import { strToU8, zipSync, type Zippable, type ZipOptions } from 'fflate';
import { readMetadata } from './metadata';
import { exportReadme } from './readme';
import { TFJS_FILE_NAMES, type TfjsFiles } from './tfjs-bundle';

export const STANDALONE_FILE_NAMES = ['index.html', 'app.js', 'preprocess.js', 'style.css'] as const;
export type StandaloneFileName = (typeof STANDALONE_FILE_NAMES)[number];
/** The standalone page's files as text (standalone/sources.ts has them for Vite and Vitest). */
export type StandaloneSources = Readonly<Record<StandaloneFileName, string>>;

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
  // Float weights barely compress; storing them keeps large exports quick.
  return path.endsWith('.bin') ? { level: 0, mtime } : { level: 6, mtime };
}

/** A relative path of plain segments: no '..', '.', empty parts, backslashes or drive letters. */
function checkKerasPath(path: string): void {
  const parts = path.split('/');
  const bad =
    path.length === 0 ||
    path.length > 200 ||
    /[\\:\0]/.test(path) ||
    parts.some((p) => p === '' || p === '.' || p === '..');
  if (bad) {
    throw new ExportZipError(
      `The Keras file path "${path.slice(0, 80)}" is not a plain relative path (like "model.py" or "weights/layer.npy"); it cannot go into keras/`,
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

/** The entries, in the order they are written. */
export function exportZipEntries(parts: ExportZipParts): [string, Uint8Array][] {
  for (const name of TFJS_FILE_NAMES) {
    if (!(parts.tfjs[name] instanceof Uint8Array))
      throw new ExportZipError(`The export has no tfjs/${name}; build it with buildTfjsFiles`);
  }
  for (const name of STANDALONE_FILE_NAMES) {
    if (typeof parts.web[name] !== 'string' || parts.web[name].length === 0) {
      throw new ExportZipError(`The standalone page's ${name} is missing or empty`);
    }
  }
  checkTfBundle(parts.tfMinJs);
  const keras = Object.entries(parts.keras ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  keras.forEach(([path]) => checkKerasPath(path));
  const readme = parts.readme ?? exportReadme(readMetadata(parts.tfjs['metadata.json']), { keras: keras.length > 0 });
  const model = TFJS_FILE_NAMES.map((name) => [name, parts.tfjs[name]] as const);
  return [
    ['README.md', strToU8(readme)],
    ...model.map(([name, bytes]): [string, Uint8Array] => [`tfjs/${name}`, bytes]),
    ...STANDALONE_FILE_NAMES.map((name): [string, Uint8Array] => [`web/${name}`, strToU8(parts.web[name])]),
    ['web/tf.min.js', parts.tfMinJs],
    // Marks app.js and preprocess.js as ES modules for Node too (browsers go by the script tag).
    ['web/package.json', strToU8('{ "type": "module" }\n')],
    ...model.map(([name, bytes]): [string, Uint8Array] => [`web/${name}`, bytes]),
    ...keras.map(([path, value]): [string, Uint8Array] => [`keras/${path}`, bytesOf(value)]),
  ];
}

/** Builds the ZIP in memory. Throws `ExportZipError` (or `MetadataError` for bad metadata) with a sentence. */
export function buildExportZip(parts: ExportZipParts): Uint8Array {
  const files: Zippable = {};
  for (const [path, bytes] of exportZipEntries(parts)) {
    if (path in files) throw new ExportZipError(`The export would hold ${path} twice`);
    files[path] = [bytes, entryOptions(path)];
  }
  return zipSync(files);
}
