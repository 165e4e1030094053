/**
 * The export's README.md: what is in the ZIP, what the model takes and gives, and the snippets.
 * User text (model, class and column names) is escaped for Markdown; no date is written, so the
 * same model gives the same README (and the same ZIP).
 */
import type { ExportMetadata } from './metadata-schema';
import { nextTokenOutputLines, textPreprocessingLines, textUseLines } from './readme-text';
import { exportSnippets } from './snippets';
import { onnxSnippet, pytorchSnippet } from './snippets-python';

const MAX_LISTED = 40;

/** Markdown text: no markup, links or HTML from user strings; newlines become spaces. */
export function mdText(value: string): string {
  return value.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function mdCode(language: string, code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code.trimEnd()}\n${fence}`;
}

const shape = (s: readonly (number | null)[]) => `[${s.map((d) => d ?? 'any').join(', ')}]`;

function listed(items: readonly string[], format: (item: string) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map((item) => `- ${format(item)}`);
  if (items.length > MAX_LISTED) lines.push(`- … and ${items.length - MAX_LISTED} more (see tfjs/metadata.json)`);
  return lines;
}

function preprocessingLines(metadata: ExportMetadata): string[] {
  const pre = metadata.preprocessing;
  if (pre === null) return ['No preprocessing was recorded: the model takes its input values as they are.'];
  if (pre.kind === 'image') {
    const colour = pre.channels === 1 ? 'grayscale (BT.601 luma: 0.299 R + 0.587 G + 0.114 B)' : 'RGB';
    return [
      `Images are resized to ${pre.width} × ${pre.height} (${pre.fit === 'center-crop' ? 'after cropping the largest centred region of that aspect ratio' : 'stretched'}),`,
      `transparent pixels are put on black, and each pixel becomes ${colour} with values divided by 255 (0 to 1).`,
      `Input shape: [${pre.height}, ${pre.width}, ${pre.channels}] per image.`,
    ];
  }
  if (pre.kind === 'text') return textPreprocessingLines(pre);
  const describe = (name: string) => {
    const f = pre.features.find((x) => x.name === name)!;
    if (f.type === 'text')
      return `${mdText(name)}: text → ${f.width} token ids (${f.tokenizer.kind} tokenizer, ${f.tokenizer.vocab.length} tokens), its own model input; a missing value is empty text`;
    if (f.type === 'id')
      return `${mdText(name)}: id → index 1…${f.values.length} of the training values (0 for a missing or unseen one), its own model input`;
    const what =
      f.type === 'categorical'
        ? `one-hot over ${f.categories.length} categories${f.other ? ' plus "other"' : ''}`
        : f.type === 'boolean'
          ? 'boolean (1 or 0)'
          : `${f.type}, ${f.scale.kind === 'standardize' ? 'standardized' : f.scale.kind === 'minmax' ? 'scaled to 0–1' : 'not scaled'}`;
    const fill = f.missing !== 'drop' ? f.missing : f.type === 'numeric' || f.type === 'date' ? 'mean' : 'mode';
    return `${mdText(name)}: ${what}; a missing value gets the training ${fill}`;
  };
  return [
    `Each row's ${pre.features.length} columns become ${pre.width} input values, with statistics learned on the training split:`,
    '',
    ...listed(
      pre.features.map((f) => f.name),
      describe,
    ),
    '',
    'Every number is in `tfjs/metadata.json` ("preprocessing"); `web/preprocess.js` applies it (`encodeRecord`).',
  ];
}

function outputLines(metadata: ExportMetadata): string[] {
  const out = metadata.outputs[0]!;
  switch (out.meaning) {
    case 'class-probabilities':
      return [
        'The model outputs one probability per class, in this order:',
        '',
        ...listed(metadata.classNames ?? [], mdText),
      ];
    case 'binary-probability':
      return [
        `The model outputs one number: the probability of "${mdText(metadata.classNames?.[1] ?? '')}" (versus "${mdText(metadata.classNames?.[0] ?? '')}").`,
      ];
    case 'value':
      return ['The model outputs the predicted value itself (targets were not scaled in training).'];
    case 'next-token-probabilities':
      return nextTokenOutputLines(metadata);
    case 'raw':
      return [`The model outputs values of shape ${shape(out.shape)} per sample.`];
  }
}

/** Which folders the export holds besides tfjs/ and web/ (each adds its line and its section). */
export interface ReadmeOptions {
  readonly keras?: boolean;
  readonly onnx?: boolean;
  readonly pytorch?: boolean;
  /** pytorch/ holds train.py (models trained on a table). */
  readonly train?: boolean;
}

function onnxLines(metadata: ExportMetadata): string[] {
  const names = metadata.inputs.map((i) => mdText(i.name)).join(', ');
  return [
    '### ONNX',
    '',
    `onnxruntime (or any ONNX runtime) runs \`onnx/model.onnx\` on the same arrays as the other formats, channels last (NHWC),`,
    `not the channels-first layout many ONNX models use. Its input${metadata.inputs.length === 1 ? ' is' : 's are'} named as the model's Input layer${metadata.inputs.length === 1 ? '' : 's'}: ${names}.`,
    '',
    mdCode('python', onnxSnippet(metadata)),
    '',
  ];
}

function pytorchLines(metadata: ExportMetadata, train: boolean): string[] {
  return [
    '### PyTorch',
    '',
    'From `pytorch/`, `python3 predict.py --help` prepares raw records or images as the app did and prints predictions; or load',
    'the model yourself (`from model import load_model`; `pytorch/README.md` has more):',
    '',
    mdCode('python', pytorchSnippet(metadata)),
    '',
    ...(train
      ? [
          '`pytorch/train.py` trains this model again on a bigger machine, on your own CSV file with the same columns: the',
          'same preprocessing, split, optimizer and schedule as the exported run, on one or more processes (PyTorch',
          'DistributedDataParallel). Run `cd pytorch && python3 train.py --help`.',
          '',
        ]
      : []),
  ];
}

/** A table whose columns feed several Inputs: which columns each Input takes, and its slice of the prepared row. */
function partLines(metadata: ExportMetadata): string[] {
  const n = metadata.inputs.length;
  return [
    `${n === 1 ? 'One input' : `${n} inputs`}, each fed by name with its slice of one prepared row (\`offset\` in metadata.json's \`inputs\`):`,
    '',
    ...metadata.inputs.map((i) => {
      const what =
        i.role === 'text' ? 'token ids of' : i.role === 'id' ? 'the id index (0 = unseen) of' : 'the encoded';
      const vocabulary = i.vocabulary !== undefined ? `; an Embedding over it needs input_dim ${i.vocabulary}` : '';
      return `- ${mdText(i.name)}: shape ${shape(i.shape)} (${i.dtype}), ${what} ${(i.columns ?? []).map(mdText).join(', ')}${vocabulary}`;
    }),
  ];
}

export function exportReadme(metadata: ExportMetadata, options: ReadmeOptions = {}): string {
  const snippets = exportSnippets(metadata);
  const input = metadata.inputs[0]!;
  return [
    `# ${mdText(metadata.modelName)}`,
    '',
    `Exported from Layerloom${metadata.dataset ? `, trained on ${mdText(metadata.dataset.name)}` : ''}${metadata.task ? ` (${metadata.task})` : ''}.`,
    '',
    '## What is inside',
    '',
    '- `tfjs/`: the model in the TensorFlow.js layers format and `metadata.json`: `model.json` and the weight files its',
    '  `weightsManifest` names (`weights.bin`, or `group1-shard1ofN.bin`… in 4 MB pieces for larger models; keep them all).',
    '- `web/`: a page to try the model. Serve the folder with any static web server, e.g.',
    '  `python3 -m http.server --directory web`, and open http://localhost:8000/. Nothing is fetched from elsewhere.',
    ...(options.keras ? ['- `keras/`: Python code that builds the same model in Keras and loads its weights.'] : []),
    ...(options.onnx
      ? ['- `onnx/model.onnx`: the model in ONNX (opset 13), for onnxruntime and other ONNX tools.']
      : []),
    ...(options.pytorch
      ? [
          `- \`pytorch/\`: a PyTorch project: \`model.py\` (\`load_model()\`), \`weights.npz\`, \`predict.py\`${options.train ? ', and `train.py` to train it again on a bigger machine' : ''}.`,
        ]
      : []),
    '',
    '## Input',
    '',
    ...(metadata.inputs.every((i) => i.offset !== undefined)
      ? partLines(metadata)
      : [
          `${metadata.inputs.length === 1 ? 'One input' : `${metadata.inputs.length} inputs; the first`} of shape ${shape(input.shape)} (${input.dtype}) per sample.`,
        ]),
    '',
    ...preprocessingLines(metadata),
    '',
    '## Output',
    '',
    ...outputLines(metadata),
    '',
    '## Use it',
    '',
    ...(metadata.preprocessing?.kind === 'text' ? textUseLines(metadata.preprocessing, options) : []),
    '### TensorFlow.js in a browser',
    '',
    mdCode('js', snippets.browser),
    '',
    '### TensorFlow.js in Node',
    '',
    mdCode('js', snippets.node),
    '',
    ...(options.keras ? ['### Keras in Python', '', mdCode('python', snippets.python), ''] : []),
    ...(options.onnx ? onnxLines(metadata) : []),
    ...(options.pytorch ? pytorchLines(metadata, options.train === true) : []),
  ].join('\n');
}
