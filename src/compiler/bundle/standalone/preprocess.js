// Layerloom export: turns a raw record or image into the numbers the model was trained on, using
// the statistics in metadata.json ("preprocessing"). Plain ES module, no DOM, no dependencies, so
// it runs unchanged in a browser, in Node, and in Layerloom's own tests, which check it against
// the app's preprocessing value for value.

// ---- Reading one cell (as the app's CSV reader does) ----

/** A test for cells that mean "no value": the tokens compared trimmed and case-insensitively. */
export function missingTest(tokens) {
  const set = new Set(tokens.map((t) => t.trim().toLowerCase()));
  return (cell) => cell.length === 0 || set.has(cell.trim().toLowerCase());
}

/** A finite number, or NaN. Like Number(cell), except that blank cells and ±Infinity are NaN. */
export function toNumber(cell) {
  const v = +cell;
  if (v !== v || v === Infinity || v === -Infinity) return NaN;
  if (v === 0 && cell.trim() === '') return NaN;
  return v;
}

const DECIMAL_COMMA = /^\s*-?([1-9]\d{0,2}(\.\d{3})+|\d+)(,\d+)?\s*$/;

/** "1.234,5" → 1234.5: a decimal comma, dots only as thousands separators; else NaN. */
export function toNumberDecimalComma(cell) {
  if (!DECIMAL_COMMA.test(cell)) return NaN;
  return toNumber(cell.trim().replace(/\./g, '').replace(',', '.'));
}

const THOUSANDS = /^\s*[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?\s*$/;

/** "12,345.5" → 12345.5: commas only as thousands separators, or a plain number; else NaN. */
export function toNumberThousands(cell) {
  if (cell.indexOf(',') < 0) return toNumber(cell);
  if (!THOUSANDS.test(cell)) return NaN;
  return toNumber(cell.trim().replace(/,/g, ''));
}

const TRUE_TOKENS = ['true', 'yes', 'y', 't', '1'];
const FALSE_TOKENS = ['false', 'no', 'n', 'f', '0'];

/** 1 for true/yes/y/t/1, 0 for false/no/n/f/0 (any case), NaN otherwise. */
export function toBoolean(cell) {
  const t = cell.trim().toLowerCase();
  if (TRUE_TOKENS.includes(t)) return 1;
  if (FALSE_TOKENS.includes(t)) return 0;
  return NaN;
}

const DAY_MS = 86400000;
const DATE =
  /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$/i;

/** An ISO-like date or date-time as days since 1970-01-01 UTC (times without a zone are UTC), or NaN. */
export function toDays(cell) {
  const m = DATE.exec(cell);
  if (!m) return NaN;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  const hour = m[4] ? +m[4] : 0;
  const minute = m[5] ? +m[5] : 0;
  const second = m[6] ? +m[6] : 0;
  const ms = m[7] ? Math.round(+`0.${m[7]}` * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2023-02-30 over to March 2: such a date does not exist.
  if (new Date(time).getUTCDate() !== day) return NaN;
  return (time - zoneOffsetMs(m[8])) / DAY_MS;
}

function zoneOffsetMs(zone) {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const minutes = digits.length > 2 ? +digits.slice(2) : 0;
  return sign * (+digits.slice(0, 2) * 60 + minutes) * 60000;
}

// ---- Tabular records ----

export function scaleNumber(scale, v) {
  if (scale.kind === 'standardize') return (v - scale.mean) / scale.std;
  if (scale.kind === 'minmax') return (v - scale.min) / (scale.max - scale.min);
  return v;
}

/** The one-hot position of a category value; unseen values go to "other", or -1 without one. */
export function categorySlot(feature, cell) {
  let key = cell;
  if (feature.key === 'number') {
    const v = toNumber(cell);
    key = Number.isNaN(v) ? cell : String(v);
  }
  const i = feature.categories.indexOf(key);
  if (i >= 0) return i;
  return feature.other ? feature.categories.length : -1;
}

/** An id column's value → its index among the training values plus 1; 0 for one training never saw. */
export function idIndex(feature, cell) {
  let key = cell;
  if (feature.key === 'number') {
    const v = toNumber(cell);
    key = Number.isNaN(v) ? cell : String(v);
  }
  return feature.values.indexOf(key) + 1;
}

function writeFeature(feature, cell, out, tokenize) {
  const at = feature.offset;
  if (feature.type === 'numeric' || feature.type === 'date') {
    const read =
      feature.type === 'date'
        ? toDays
        : feature.decimalComma
          ? toNumberDecimalComma
          : feature.thousands
            ? toNumberThousands
            : toNumber;
    const v = cell === null ? NaN : read(cell);
    out[at] = scaleNumber(feature.scale, v === v ? v : feature.fill);
  } else if (feature.type === 'boolean') {
    const v = cell === null ? NaN : toBoolean(cell);
    out[at] = v === v ? v : feature.fill;
  } else if (feature.type === 'categorical') {
    const slot = categorySlot(feature, cell === null ? feature.fill : cell);
    if (slot >= 0) out[at + slot] = 1;
  } else if (feature.type === 'id') {
    out[at] = cell === null ? 0 : idIndex(feature, cell);
  } else if (feature.type === 'text') {
    if (!tokenize) throw new Error(`column ${feature.name} is text: encodeRecord needs tokenize.js (its 4th argument)`);
    const ids = tokenize.encodeText(feature.tokenizer, cell ?? '');
    out.set(tokenize.toSequence(ids, feature.width, feature.truncate, feature.tokenizer.padId), at);
  } else {
    throw new Error(`unknown feature type ${String(feature.type)} for column ${feature.name}`);
  }
}

/**
 * One raw record → the model's inputs (a Float32Array of `tabular.width`). The record is an object
 * by column name or an array in the CSV's column order; values are strings as in the CSV, numbers
 * or booleans. null, undefined, an absent column, "" or a missing token ("NA") get the training fill.
 * A table with a text column needs `tokenize` (the module tokenize.js) to turn its text into ids.
 */
export function encodeRecord(tabular, record, out = new Float32Array(tabular.width), tokenize = null) {
  if (out.length < tabular.width)
    throw new RangeError(`the output has ${out.length} slots; ${tabular.width} are needed`);
  out.fill(0, 0, tabular.width);
  const isMissing = missingTest(tabular.missingTokens);
  for (const feature of tabular.features) {
    const raw = Array.isArray(record) ? record[feature.source] : record[feature.name];
    const cell = raw == null ? null : typeof raw === 'string' ? raw : String(raw);
    writeFeature(feature, cell === null || isMissing(cell) ? null : cell, out, tokenize);
  }
  return out;
}

/**
 * A prepared row cut into each model input's slice (metadata.inputs with `offset`, as written for a
 * dataset of several parts): one { name, values, shape, dtype } per input, in metadata.inputs order.
 */
export function splitInputs(inputs, row) {
  return inputs.map((input) => {
    const size = input.shape.reduce((a, d) => a * (d ?? 1), 1);
    return {
      name: input.name,
      values: row.slice(input.offset, input.offset + size),
      shape: input.shape,
      dtype: input.dtype,
    };
  });
}

// ---- Images ----

/** The source rectangle "center-crop" takes: the largest centred region with the target's aspect ratio. */
export function centerCropRect(srcWidth, srcHeight, width, height) {
  const target = width / height;
  if (srcWidth / srcHeight > target) {
    const sw = Math.max(1, Math.round(srcHeight * target));
    return { sx: Math.floor((srcWidth - sw) / 2), sy: 0, sw, sh: srcHeight };
  }
  const sh = Math.max(1, Math.round(srcWidth / target));
  return { sx: 0, sy: Math.floor((srcHeight - sh) / 2), sw: srcWidth, sh };
}

/**
 * RGBA bytes (as getImageData gives them) → floats in [0, 1], [height, width, channels] row-major.
 * Transparent pixels are composited onto black; 1 channel is BT.601 luma.
 */
export function rgbaToInput(rgba, width, height, channels) {
  const pixels = width * height;
  if (rgba.length !== pixels * 4)
    throw new RangeError(`expected ${pixels * 4} RGBA bytes for ${width}×${height}, got ${rgba.length}`);
  const out = new Float32Array(pixels * channels);
  const k = 1 / (255 * 255);
  for (let p = 0, s = 0, d = 0; p < pixels; p++, s += 4) {
    const a = rgba[s + 3] * k;
    const r = rgba[s] * a;
    const g = rgba[s + 1] * a;
    const b = rgba[s + 2] * a;
    if (channels === 1) {
      out[d++] = 0.299 * r + 0.587 * g + 0.114 * b;
    } else {
      out[d++] = r;
      out[d++] = g;
      out[d++] = b;
    }
  }
  return out;
}

// ---- Reading the output ----

/**
 * The model's output for one sample, as people read it: classes with probabilities (most likely
 * first), or a value.
 */
export function readPrediction(metadata, values) {
  const output = metadata.outputs[0];
  const names = metadata.classNames ?? [];
  if (output.meaning === 'value') return { kind: 'value', value: values[0], name: labelName(metadata) };
  let probabilities = null;
  if (output.meaning === 'binary-probability') probabilities = [1 - values[0], values[0]];
  if (output.meaning === 'class-probabilities') probabilities = Array.from(values);
  if (probabilities === null) return { kind: 'raw', values: Array.from(values) };
  const classes = probabilities.map((probability, i) => ({ name: names[i] ?? `class ${i}`, probability }));
  classes.sort((a, b) => b.probability - a.probability);
  return { kind: 'classes', classes };
}

function labelName(metadata) {
  const p = metadata.preprocessing;
  return p && p.kind === 'tabular' ? p.label.name : 'prediction';
}

// ---- Text: sampling from a language model ----
// The same rules as the app's generation (src/training/text/generate.ts) and predict.py --generate,
// so one seed, prompt and set of weights give one text everywhere.

/** mulberry32: the app's seeded random numbers in [0, 1). */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The window the model reads for the next token: the last `seqLen` ids, padded at the end, and the
 * position to read the prediction at (the last real one), as a causal model saw its history in training.
 */
export function contextWindow(history, seqLen, padId) {
  const recent = history.slice(-seqLen);
  const ids = recent.concat(new Array(seqLen - recent.length).fill(padId));
  return { ids, at: recent.length - 1 };
}

/**
 * The next id from one position's probabilities: the most likely at temperature 0 (ties: the lowest
 * id); otherwise p^(1/T), renormalised over the `topK` most likely (0: all), drawn with `rng`.
 */
export function sampleToken(probs, temperature, topK, rng) {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
  if (temperature === 0) return order[0];
  const kept = topK > 0 ? order.slice(0, topK) : order;
  // In logs, shifted by the largest, so a small temperature does not underflow to all zeros.
  const logs = kept.map((i) => Math.log(Math.max(probs[i], 1e-30)) / temperature);
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < kept.length; j++) {
    r -= weights[j];
    if (r < 0) return kept[j];
  }
  return kept[kept.length - 1];
}
