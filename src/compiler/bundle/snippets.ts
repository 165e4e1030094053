/**
 * Copy-able code for using an export outside Layerloom: TensorFlow.js in a browser, in Node, and
 * Keras in Python. Every name that comes from the user (model, classes, columns) enters the code
 * only as a string literal escaped for that language, never as code or inside a comment.
 * Paths are relative to the root of the export ZIP (tfjs/, web/, keras/).
 */
import { exampleRow } from './example-row';
import type { ExportMetadata, TabularPreprocessing } from './metadata-schema';
import { pythonSnippet } from './snippets-python';

export { pythonSnippet } from './snippets-python';

export interface ExportSnippets {
  readonly browser: string;
  readonly node: string;
  readonly python: string;
}

/** A JavaScript string literal. JSON's escapes are valid JS; U+2028/9 are escaped for older parsers. */
export function jsString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A JavaScript property key: `"__proto__": v` in a literal would set the prototype, `["__proto__"]: v` does not. */
export function jsKey(value: string): string {
  return value === '__proto__' ? `[${jsString(value)}]` : jsString(value);
}

function jsRecord(tabular: TabularPreprocessing): string {
  const lines = exampleRow(tabular).map(([k, v]) => `  ${jsKey(k)}: ${jsString(v)},`);
  return `{\n${lines.join('\n')}\n}`;
}

const shapeText = (shape: readonly (number | null)[]) => `[${shape.map((d) => d ?? 1).join(', ')}]`;

/** The part that prepares one input and prints the prediction; `metadata` is in scope as a variable. */
function jsPredict(metadata: ExportMetadata, where: 'browser' | 'node'): string {
  const input = metadata.inputs[0]!;
  const pre = metadata.preprocessing;
  // A text model reads seqLen ids, even when its Input leaves the length free.
  const shape = pre?.kind === 'text' ? [pre.seqLen] : input.shape;
  const tensor = `tf.tensor(inputs, [1, ...${shapeText(shape)}], ${jsString(input.dtype)})`;
  const run = [
    `const output = model.predict(${tensor});`,
    'const prediction = readPrediction(metadata, await output.data());',
    'console.log(JSON.stringify(prediction));',
  ];
  if (pre?.kind === 'tabular' && mixedInputs(metadata)) {
    const tokenize = hasTextColumn(metadata);
    return [
      '// One raw row, by column name; values as the CSV spells them ("" or null = missing).',
      `const row = ${jsRecord(pre)};`,
      `const inputs = encodeRecord(metadata.preprocessing, row${tokenize ? ', undefined, tokenize' : ''});`,
      "// Each Input takes its slice of the row (metadata.json's inputs), handed over in the model's input order.",
      'const parts = new Map(',
      '  splitInputs(metadata.inputs, inputs).map((p) => [p.name, tf.tensor(p.values, [1, ...p.shape.map((d) => d ?? 1)], p.dtype)]),',
      ');',
      'const output = model.predict(model.inputNames.map((name) => parts.get(name)));',
      ...run.slice(1),
    ].join('\n');
  }
  if (pre?.kind === 'tabular') {
    return [
      '// One raw row, by column name; values as the CSV spells them ("" or null = missing).',
      `const row = ${jsRecord(pre)};`,
      'const inputs = encodeRecord(metadata.preprocessing, row);',
      ...run,
    ].join('\n');
  }
  if (pre?.kind === 'image') {
    const { width, height } = pre;
    const source =
      where === 'browser'
        ? [
            `// Any image, drawn at the model's size (${width}×${height}); see web/app.js for cropping.`,
            "const image = await createImageBitmap(document.querySelector('img'));",
            `const canvas = new OffscreenCanvas(${width}, ${height});`,
            "const context = canvas.getContext('2d');",
            `context.drawImage(image, 0, 0, ${width}, ${height});`,
            `const rgba = context.getImageData(0, 0, ${width}, ${height}).data;`,
          ]
        : [
            `// RGBA bytes of a ${width}×${height} image, e.g. from \`sharp(file).resize(${width}, ${height}, { fit: 'fill' }).ensureAlpha().raw().toBuffer()\`.`,
            `const rgba = new Uint8Array(${width} * ${height} * 4);`,
          ];
    return [...source, `const inputs = rgbaToInput(rgba, ${width}, ${height}, ${pre.channels});`, ...run].join('\n');
  }
  if (pre?.kind === 'text') {
    const lm = pre.task === 'next-token';
    return [
      `const pre = metadata.preprocessing;`,
      `// Tokenized exactly as in training: ${pre.seqLen} ids, cut on the ${pre.truncate === 'start' ? 'start' : 'end'} side and padded at the end.`,
      `const ids = encodeText(pre.tokenizer, ${jsString(lm ? 'Once upon a time' : 'An example text')});`,
      'const inputs = toSequence(ids, pre.seqLen, pre.truncate, pre.tokenizer.padId);',
      ...(lm
        ? [
            `const output = model.predict(${tensor});`,
            '// [seqLen, vocabulary]: the next token after the last real one (web/app.js samples whole texts).',
            'const vocab = pre.tokenizer.vocab.length;',
            'const at = Math.max(0, Math.min(ids.length, pre.seqLen) - 1);',
            'const next = Array.from((await output.data()).slice(at * vocab, (at + 1) * vocab), (p, id) => [id, p]);',
            'for (const [id, p] of next.sort((a, b) => b[1] - a[1]).slice(0, 5)) {',
            '  console.log(JSON.stringify(decodeIds(pre.tokenizer, [id])), p.toFixed(3));',
            '}',
          ]
        : run),
    ].join('\n');
  }
  const size = input.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
  return [
    `// ${size} numbers in row-major order: no preprocessing was recorded for this model.`,
    `const inputs = new Float32Array(${size});`,
    ...run,
  ].join('\n');
}

/** Whether metadata.json cuts the row into several Inputs' slices (mixed inputs, recommendation). */
function mixedInputs(metadata: ExportMetadata): boolean {
  return metadata.preprocessing?.kind === 'tabular' && metadata.inputs.every((i) => i.offset !== undefined);
}

function hasTextColumn(metadata: ExportMetadata): boolean {
  const pre = metadata.preprocessing;
  return pre?.kind === 'tabular' && pre.features.some((f) => f.type === 'text');
}

/** The import of web/preprocess.js with only the helpers the snippet uses. */
function preprocessImport(metadata: ExportMetadata): string {
  const kind = metadata.preprocessing?.kind;
  if (mixedInputs(metadata)) {
    const preprocess = "import { encodeRecord, readPrediction, splitInputs } from './web/preprocess.js';";
    return hasTextColumn(metadata) ? `${preprocess}\nimport * as tokenize from './web/tokenize.js';` : preprocess;
  }
  const names =
    kind === 'tabular'
      ? ['encodeRecord', 'readPrediction']
      : kind === 'image'
        ? ['readPrediction', 'rgbaToInput']
        : ['readPrediction'];
  const preprocess = `import { ${names.join(', ')} } from './web/preprocess.js';`;
  if (kind !== 'text') return preprocess;
  const lm = metadata.preprocessing?.kind === 'text' && metadata.preprocessing.task === 'next-token';
  const tokenize = `import { ${lm ? 'decodeIds, ' : ''}encodeText, toSequence } from './web/tokenize.js';`;
  return lm ? tokenize : `${preprocess}\n${tokenize}`;
}

export function browserSnippet(metadata: ExportMetadata): string {
  return [
    "// In a page that loads web/tf.min.js (or `import * as tf from '@tensorflow/tfjs'` with a bundler),",
    '// served over http next to the tfjs/ and web/ folders of this export.',
    preprocessImport(metadata),
    '',
    'const tf = globalThis.tf;',
    "const model = await tf.loadLayersModel('tfjs/model.json');",
    "const metadata = await (await fetch('tfjs/metadata.json')).json();",
    '',
    jsPredict(metadata, 'browser'),
  ].join('\n');
}

/** Node: tfjs/model.json and its weight files read from disk into `model`, and `metadata`. */
export const NODE_LOAD_LINES: readonly string[] = [
  "const folder = new URL('./tfjs/', import.meta.url);",
  "const modelJson = JSON.parse(await readFile(new URL('model.json', folder), 'utf8'));",
  '// The weight files model.json names, in order: weights.bin, or group1-shardNofM.bin for larger models.',
  'const paths = modelJson.weightsManifest.flatMap((group) => group.paths);',
  'const weights = Buffer.concat(await Promise.all(paths.map((path) => readFile(new URL(path, folder)))));',
  'const model = await tf.loadLayersModel(',
  '  tf.io.fromMemory({',
  '    modelTopology: modelJson.modelTopology,',
  '    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),',
  '    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),',
  '  }),',
  ');',
  "const metadata = JSON.parse(await readFile(new URL('metadata.json', folder), 'utf8'));",
];

export function nodeSnippet(metadata: ExportMetadata): string {
  return [
    '// Save as predict.mjs at the root of this export; `npm install @tensorflow/tfjs`, then `node predict.mjs`.',
    '// For speed, install @tensorflow/tfjs-node and import it instead: the rest stays the same.',
    "import * as tf from '@tensorflow/tfjs';",
    "import { readFile } from 'node:fs/promises';",
    preprocessImport(metadata),
    '',
    ...NODE_LOAD_LINES,
    '',
    jsPredict(metadata, 'node'),
  ].join('\n');
}

export function exportSnippets(metadata: ExportMetadata): ExportSnippets {
  return { browser: browserSnippet(metadata), node: nodeSnippet(metadata), python: pythonSnippet(metadata) };
}
