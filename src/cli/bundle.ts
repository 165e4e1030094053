/**
 * `--out DIR` of `layerloom export` and `layerloom train`: the app's export, as a folder.
 *
 *   DIR/metadata.json   what the model takes and gives, preprocessing, class names, run, data split
 *   DIR/README.md       the app's export README
 *   DIR/tfjs/           model.json, weights, metadata.json (tf.loadLayersModel)
 *   DIR/web/            the standalone try-it page with a local tf.min.js
 *   DIR/keras/          the Keras 3 project (model.py, load_weights.py, predict.py, …)
 *   DIR/onnx/model.onnx the ONNX model (opset 13), from src/compiler/onnx
 *   DIR/pytorch/        the PyTorch project (model.py, weights.npz, predict.py), from src/compiler/pytorch
 *
 * The parts come from src/compiler/bundle's `buildExportParts` and `withOtherFormats`, which the app's
 * ZIP uses too, and every file is read back and checked (size, SHA-256, and the tfjs weights value for value).
 * With `all` (the default), ONNX or PyTorch is left out with a warning when it cannot express the
 * model, as in the app; named in --format, that is an error.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { exportZipEntries, type StandaloneSources, type TfjsBundleInput } from '../compiler/bundle';
import { buildExportParts } from '../compiler/bundle/export-parts';
import { STYLE_CSS } from '../compiler/bundle/standalone/style';
import { checkWeightsReadBack, writeCheckedFiles, type ExportIo, type FileToWrite } from './write-export';

export const EXPORT_FORMATS = ['tfjs', 'onnx', 'pytorch', 'keras', 'web'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatChoice {
  readonly formats: readonly ExportFormat[];
  /** `all` (the default): a format that cannot express the model is left out with a warning instead of failing. */
  readonly all: boolean;
}

/** `--format tfjs,keras` / `all` (the default) → the formats. */
export function readFormats(value: string | undefined): FormatChoice {
  const asked = (value ?? 'all')
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  if (asked.length === 0) throw new Error(`--format needs one or more of ${EXPORT_FORMATS.join(', ')}, or all`);
  if (asked.includes('all')) return { formats: EXPORT_FORMATS, all: true };
  const formats: ExportFormat[] = [];
  for (const f of asked) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(f)) {
      throw new Error(`--format ${f} is not a format; use ${EXPORT_FORMATS.join(', ')} or all`);
    }
    if (!formats.includes(f as ExportFormat)) formats.push(f as ExportFormat);
  }
  return { formats, all: false };
}

const resolveModule = createRequire(import.meta.url).resolve;

/** The standalone page's files from their folder (plain Node has no Vite `?raw`). */
async function standaloneSources(): Promise<StandaloneSources> {
  const read = (name: string) => readFile(new URL(`../compiler/bundle/standalone/${name}`, import.meta.url), 'utf8');
  // The page's files as the app's ZIP gets them (sources.ts): the tokenizer is src/data/text's own encoder.
  const [indexHtml, appJs, preprocessJs, layersJs, ganJs, tokenizeJs] = await Promise.all([
    read('index.html'),
    read('app.js'),
    read('preprocess.js'),
    read('layers.js'),
    read('gan.js'),
    readFile(new URL('../data/text/tokenize.js', import.meta.url), 'utf8'),
  ]);
  return {
    'index.html': indexHtml,
    'app.js': appJs,
    'preprocess.js': preprocessJs,
    'style.css': STYLE_CSS,
    'layers.js': layersJs,
    'gan.js': ganJs,
    'tokenize.js': tokenizeJs,
  };
}

/** The weight files as one buffer, as the importer takes them. */
function joined(parts: readonly Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out.buffer;
}

/** Writes the chosen formats of the export into `outDir`; returns the paths written (metadata.json first) and the warnings. */
export async function writeExportFolder(
  outDir: string,
  input: TfjsBundleInput,
  formats: readonly ExportFormat[],
  { io, optional = false }: { io?: ExportIo; optional?: boolean } = {},
): Promise<{ files: string[]; warnings: string[] }> {
  // The ES2017 build: the ES5 tf.min.js evaluates strings at load, which the page's CSP forbids.
  const tfMinJs = new Uint8Array(await readFile(resolveModule('@tensorflow/tfjs/dist/tf.es2017.min.js')));
  let exportParts = buildExportParts(input, await standaloneSources(), tfMinJs);
  const extra = formats.filter((f): f is 'onnx' | 'pytorch' => f === 'onnx' || f === 'pytorch');
  if (extra.length > 0) {
    // Loaded on demand: the ONNX writer (protobufjs) and the PyTorch generators are needed only here.
    const { withOtherFormats } = await import('../compiler/bundle/format-parts');
    exportParts = withOtherFormats(exportParts, input, { formats: extra, required: optional ? [] : extra });
  }
  const { parts, warnings } = exportParts;
  const wanted = (path: string) => {
    const top = path.split('/')[0]!;
    return path === 'README.md' || (formats as readonly string[]).includes(top);
  };
  const files: FileToWrite[] = [
    { path: join(outDir, 'metadata.json'), data: parts.tfjs['metadata.json'] },
    ...exportZipEntries(parts)
      .filter(([path]) => wanted(path))
      .map(([path, data]) => ({ path: join(outDir, ...path.split('/')), data })),
  ];
  const modelJsonPath = join(outDir, 'tfjs', 'model.json');
  const kept = await writeCheckedFiles(files, io, (p) => p === modelJsonPath);
  if (formats.includes('tfjs')) {
    const shards = parts.tfjs.weights;
    checkWeightsReadBack(
      modelJsonPath,
      kept.get(modelJsonPath)!,
      joined(shards.map((s) => s.data)),
      shards.map((s) => s.path),
      input.weights,
    );
  }
  return { files: files.map((f) => f.path), warnings: [...warnings] };
}
