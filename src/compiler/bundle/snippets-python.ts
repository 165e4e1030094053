/**
 * The Python snippet: builds the Keras model from the export's keras/ folder, prepares one input
 * from metadata.json's preprocessing (a port of web/preprocess.js) and prints the prediction.
 */
import type { ExportMetadata } from './metadata-schema';
import { exampleRow } from './example-row';

const hex = (c: number, width: number) => c.toString(16).padStart(width, '0');

/** A double-quoted Python 3 string literal; control characters and lone surrogates are escaped. */
export function pyString(value: string): string {
  const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '"';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (named[ch] !== undefined) out += named[ch];
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${hex(c, 2)}`;
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029) out += `\\u${hex(c, 4)}`;
    else out += ch;
  }
  return `${out}"`;
}

const pyList = (items: readonly string[]) => `[${items.map(pyString).join(', ')}]`;

const HEADER = `# pip install tensorflow numpy pillow
# Run from the root of this export: keras/ holds the model's Python code, tfjs/ its metadata.
import json
import math
import re
import sys
from datetime import datetime, timezone

import numpy as np

sys.path.insert(0, "keras")
from model import build_model  # noqa: E402
from load_weights import load_weights  # noqa: E402

model = build_model()
load_weights(model)
with open("tfjs/metadata.json", encoding="utf-8") as f:
    metadata = json.load(f)
pre = metadata["preprocessing"]
`;

// The same arithmetic as web/preprocess.js (and Layerloom's training): fill, then scale.
const TABULAR = `
MISSING = {t.strip().lower() for t in pre["missingTokens"]}
TRUE, FALSE = {"true", "yes", "y", "t", "1"}, {"false", "no", "n", "f", "0"}


def number(cell):
    try:
        v = float(cell)
    except ValueError:
        return math.nan
    return v if math.isfinite(v) else math.nan


def decimal_comma(cell):
    if not re.fullmatch(r"\\s*-?([1-9]\\d{0,2}(\\.\\d{3})+|\\d+)(,\\d+)?\\s*", cell):
        return math.nan
    return number(cell.strip().replace(".", "").replace(",", ".", 1))


def thousands(cell):
    if "," not in cell:
        return number(cell)
    if not re.fullmatch(r"\\s*[-+]?[1-9]\\d{0,2}(,\\d{3})+(\\.\\d+)?\\s*", cell):
        return math.nan
    return number(cell.strip().replace(",", ""))


def days(cell):
    try:
        d = datetime.fromisoformat(cell.strip().replace("Z", "+00:00"))
    except ValueError:
        return math.nan
    return (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).timestamp() / 86400


def number_key(v):
    return str(int(v)) if v.is_integer() and abs(v) < 1e21 else repr(v)


def scale(s, v):
    if s["kind"] == "standardize":
        return (v - s["mean"]) / s["std"]
    if s["kind"] == "minmax":
        return (v - s["min"]) / (s["max"] - s["min"])
    return v


def encode(row):
    x = np.zeros(pre["width"], dtype=np.float32)
    for f in pre["features"]:
        raw = row.get(f["name"])
        cell = None if raw is None else str(raw)
        if cell is not None and (cell == "" or cell.strip().lower() in MISSING):
            cell = None
        at = f["offset"]
        if f["type"] in ("numeric", "date"):
            read = (
                days
                if f["type"] == "date"
                else decimal_comma
                if f.get("decimalComma")
                else thousands
                if f.get("thousands")
                else number
            )
            v = math.nan if cell is None else read(cell)
            x[at] = scale(f["scale"], f["fill"] if math.isnan(v) else v)
        elif f["type"] == "boolean":
            t = "" if cell is None else cell.strip().lower()
            x[at] = 1 if t in TRUE else 0 if t in FALSE else f["fill"]
        elif f["type"] == "id":  # index among the training values + 1; 0 = missing or never seen
            key = cell
            if cell is not None and f["key"] == "number" and not math.isnan(number(cell)):
                key = number_key(number(cell))
            x[at] = f["values"].index(key) + 1 if key in f["values"] else 0
        elif f["type"] == "text":  # token ids, as keras/tokenizer.py makes them
            from tokenizer import Tokenizer, to_sequence

            t = f["tokenizer"]
            ids = Tokenizer(t).encode("" if cell is None else cell)
            x[at : at + f["width"]] = to_sequence(ids, f["width"], f["truncate"], t["padId"])
        else:
            key = f["fill"] if cell is None else cell
            if f["key"] == "number" and not math.isnan(number(key)):
                key = number_key(number(key))
            if key in f["categories"]:
                x[at + f["categories"].index(key)] = 1
            elif f["other"]:
                x[at + len(f["categories"])] = 1
    return x
`;

const IMAGE = `
from PIL import Image, ImageOps  # noqa: E402


def load_image(path):
    image = ImageOps.exif_transpose(Image.open(path)).convert("RGBA")
    w, h = pre["width"], pre["height"]
    if pre["fit"] == "center-crop":
        target = w / h
        if image.width / image.height > target:
            sw = max(1, round(image.height * target))
            left = (image.width - sw) // 2
            image = image.crop((left, 0, left + sw, image.height))
        else:
            sh = max(1, round(image.width / target))
            top = (image.height - sh) // 2
            image = image.crop((0, top, image.width, top + sh))
    rgba = np.asarray(image.resize((w, h), Image.Resampling.BICUBIC), dtype=np.float32) / 255
    rgb = rgba[..., :3] * rgba[..., 3:4]  # transparent pixels become black
    if pre["channels"] == 1:
        return (rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32))[..., None]
    return rgb
`;

function inputLines(metadata: ExportMetadata): string {
  const pre = metadata.preprocessing;
  if (pre?.kind === 'tabular') {
    const row = exampleRow(pre).map(([k, v]) => `    ${pyString(k)}: ${pyString(v)},`);
    const prepared = `${TABULAR}\n\n# One raw row, by column name; values as the CSV spells them ("" or None = missing).\nrow = {\n${row.join('\n')}\n}\nx = encode(row)[None]\n`;
    return mixedInputs(metadata) ? `${prepared}${sliceLines()}` : prepared;
  }
  if (pre?.kind === 'image') return `${IMAGE}\n\nx = load_image("image.png")[None]\n`;
  if (pre?.kind === 'text') {
    const dtype = metadata.inputs[0]!.dtype === 'int32' ? 'np.int32' : 'np.float32';
    const example = pre.task === 'next-token' ? 'Once upon a time' : 'An example text';
    return [
      '',
      'from tokenizer import Tokenizer, to_sequence  # noqa: E402  (keras/tokenizer.py: the same ids as in training)',
      '',
      'tokenizer = Tokenizer(pre["tokenizer"])',
      `ids = tokenizer.encode(${pyString(example)})`,
      `x = np.array([to_sequence(ids, pre["seqLen"], pre["truncate"], pre["tokenizer"]["padId"])], dtype=${dtype})`,
      '',
    ].join('\n');
  }
  const shape = metadata.inputs[0]!.shape.map((d) => d ?? 1);
  return `\n# No preprocessing was recorded for this model: give it numbers of this shape.\nx = np.zeros((1, ${shape.join(', ')}), dtype=np.float32)\n`;
}

/** Whether metadata.json cuts the row into several Inputs' slices (mixed inputs, recommendation). */
function mixedInputs(metadata: ExportMetadata): boolean {
  return metadata.preprocessing?.kind === 'tabular' && metadata.inputs.every((i) => i.offset !== undefined);
}

function sliceLines(): string {
  return [
    "# Each Input takes its slice of the row (metadata.json's inputs: offset, shape, dtype), by the Input's name.",
    'x = {',
    '    i["name"]: x[:, i["offset"] : i["offset"] + int(np.prod(i["shape"]))].reshape([1, *i["shape"]]).astype(i["dtype"])',
    '    for i in metadata["inputs"]',
    '}',
    '',
  ].join('\n');
}

function outputLines(metadata: ExportMetadata): string {
  const meaning = metadata.outputs[0]!.meaning;
  if (meaning === 'value') return 'print(float(model.predict(x, verbose=0)[0][0]))\n';
  if (meaning === 'raw') return 'print(model.predict(x, verbose=0)[0])\n';
  if (meaning === 'next-token-probabilities') {
    return [
      '# [seqLen, vocabulary]: the next token after the last real one (predict.py --generate writes whole texts).',
      'p = model.predict(x, verbose=0)[0][max(0, min(len(ids), pre["seqLen"]) - 1)]',
      'for i in np.argsort(-p)[:5]:',
      '    print(repr(tokenizer.decode([int(i)])), f"{p[i]:.3f}")',
      '',
    ].join('\n');
  }
  const p =
    meaning === 'binary-probability'
      ? 'p = model.predict(x, verbose=0)[0]\np = [1 - p[0], p[0]]'
      : 'p = model.predict(x, verbose=0)[0]';
  return [
    `CLASS_NAMES = ${pyList(metadata.classNames ?? [])}`,
    p,
    'for name, probability in sorted(zip(CLASS_NAMES, p), key=lambda t: -t[1]):',
    '    print(f"{name}: {probability:.3f}")',
    '',
  ].join('\n');
}

export function pythonSnippet(metadata: ExportMetadata): string {
  return `${HEADER}${inputLines(metadata)}${outputLines(metadata)}`;
}

/** `x` for the ONNX and PyTorch snippets: the array the Keras snippet prepares, or zeros of the right shape. */
function sameInput(metadata: ExportMetadata): string {
  if (mixedInputs(metadata)) {
    return [
      '# x: the dict the Keras snippet above prepares, one batch per Input by name (int32 ids, float32 features):',
      `# ${metadata.inputs.map((i) => `x[${pyString(i.name)}]`).join(', ')}.`,
    ].join('\n');
  }
  const shape = metadata.inputs[0]!.shape.map((d) => d ?? 1);
  const lines = [
    '# x: one batch as the Keras snippet above prepares it (float32, batch first, channels last: NHWC for images),',
    `# e.g. x = np.zeros((1, ${shape.join(', ')}), dtype=np.float32)`,
  ];
  const n = metadata.inputs.length;
  if (n > 1)
    lines.push(
      `# This model has ${n} inputs: x0 … x${n - 1}, one batch each, in the order of the Keras model's inputs.`,
    );
  return lines.join('\n');
}

/** onnxruntime in Python on onnx/model.onnx, fed by input name. */
export function onnxSnippet(metadata: ExportMetadata): string {
  const names = metadata.inputs.map((i) => i.name);
  const feeds = mixedInputs(metadata)
    ? 'x'
    : names.length === 1
      ? `{${pyString(names[0]!)}: x}`
      : `{${names.map((n, i) => `${pyString(n)}: x${i}`).join(', ')}}`;
  return [
    '# pip install onnxruntime numpy',
    'import numpy as np',
    'import onnxruntime',
    '',
    'session = onnxruntime.InferenceSession("onnx/model.onnx")',
    sameInput(metadata),
    `outputs = session.run(None, ${feeds})  # one array per output, in the model's order`,
    'print(outputs[0][0])',
    '',
  ].join('\n');
}

/** The PyTorch project's model.py from the export root. */
export function pytorchSnippet(metadata: ExportMetadata): string {
  return [
    '# pip install torch numpy',
    'import sys',
    '',
    'import numpy as np',
    'import torch',
    '',
    'sys.path.insert(0, "pytorch")',
    mixedInputs(metadata)
      ? 'from model import INPUT_NAMES, load_model  # noqa: E402  (INPUT_NAMES: the Inputs in forward() order)'
      : 'from model import load_model  # noqa: E402',
    '',
    'model = load_model()  # weights.npz, eval mode',
    sameInput(metadata),
    'with torch.no_grad():',
    `    y = model(${mixedInputs(metadata) ? '*[torch.from_numpy(x[name]) for name in INPUT_NAMES]' : metadata.inputs.length === 1 ? 'torch.from_numpy(x)' : metadata.inputs.map((_, i) => `torch.from_numpy(x${i})`).join(', ')})`,
    'print(y[0])',
    '',
  ].join('\n');
}
