/**
 * Fitting and writing the features that feed an Input of their own: a `text` column's token ids
 * (the tokenizer of src/data/text, fitted on the training split's texts alone) and an `id`
 * column's value indices (the training split's distinct values → 1…k; anything else → 0).
 */
import { naturalCompare } from './columns-format';
import type { RawColumn } from './csv/table';
import { cellText } from './csv/table';
import { DataError } from './errors';
import type { IdFeature, MissingPolicy, TextFeature } from './preprocess';
import type { FittedFeature } from './preprocess-fit';
import { categoryCodes } from './preprocess-fit';
import { numberKey } from './preprocess-apply';
import type { SplitRows } from './preprocess-encode';
import { fitTokenizer, type TokenizerOptions } from './text/fit';
import { encodeText, toSequence, type TruncateSide } from './text/tokenize.js';
import { checkSeqLen, checkTruncate, defaultSeqLen } from './text/transform';

export interface TextFeatureOptions {
  /** Default: a word tokenizer with its defaults. */
  readonly tokenizer?: TokenizerOptions;
  /** Tokens per row; default the 95th percentile of the training texts' token counts. */
  readonly seqLen?: number;
  /** Which side of a long text is cut (default 'end': the start is kept). */
  readonly truncate?: TruncateSide;
}

/** A text column's feature and every row's token ids (the rows are encoded once, here). */
export interface FittedText {
  readonly feature: TextFeature;
  /** Token ids per file row, before padding and truncation. */
  readonly ids: readonly (readonly number[])[];
}

/** Fits the tokenizer on the training rows' texts (missing cells are empty texts); offset is set later. */
export function fitTextFeature(
  column: RawColumn,
  missing: MissingPolicy,
  train: Int32Array,
  options: TextFeatureOptions = {},
): FittedText {
  const truncate = options.truncate ?? 'end';
  checkTruncate(truncate);
  const texts = Array.from({ length: column.length }, (_, r) => cellText(column, r) ?? '');
  const tokenizer = fitTokenizer(
    Array.from(train, (r) => texts[r]!),
    options.tokenizer ?? { kind: 'word' },
  );
  const ids = texts.map((t) => encodeText(tokenizer, t));
  const trainLengths = Int32Array.from(train, (r) => ids[r]!.length);
  if (trainLengths.every((n) => n === 0)) {
    throw new DataError(
      'no-features',
      `every training text in column ${column.name} is empty after tokenizing; give the text role to the column that holds the text`,
      { column: column.name },
    );
  }
  const seqLen = options.seqLen ?? defaultSeqLen(trainLengths);
  checkSeqLen(seqLen);
  return {
    feature: {
      type: 'text',
      name: column.name,
      source: column.index,
      offset: 0,
      width: seqLen,
      missing,
      tokenizer,
      truncate,
    },
    ids,
  };
}

/** Null when the training rows have no value in the column. */
export function fitIdFeature(
  column: RawColumn,
  missing: MissingPolicy,
  train: Int32Array,
  numeric: boolean,
): FittedFeature | null {
  const { codes, keys: written } = categoryCodes(column);
  // Numbers are keyed as written canonically, so "7", "7.0" and 7 are one id.
  const keys = numeric ? written.map(numberKey) : written;
  const seen = new Uint8Array(keys.length);
  for (let i = 0; i < train.length; i++) {
    const code = codes[train[i]!]!;
    if (code >= 0) seen[code] = 1;
  }
  const values = [...new Set(keys.filter((_, k) => seen[k]))].sort(naturalCompare);
  if (values.length === 0) return null;
  const indexOf = new Map(values.map((v, i) => [v, i + 1]));
  // Values only in validation or test rows are unseen: index 0, as at inference.
  const byCode = Float64Array.from(keys, (key) => indexOf.get(key) ?? 0);
  const feature: IdFeature = {
    type: 'id',
    name: column.name,
    source: column.index,
    offset: 0,
    width: 1,
    missing,
    values,
    key: numeric ? 'number' : 'text',
  };
  return { feature, rows: { kind: 'coded', codes, byCode } };
}

/** Writes a text feature's token ids into every split's rows (`x` is row-major, `width` per row). */
export function writeTextRows(
  fitted: FittedText,
  width: number,
  splits: SplitRows,
  xs: Readonly<Record<keyof SplitRows, Float32Array>>,
): void {
  const { offset, width: seqLen, truncate, tokenizer } = fitted.feature;
  for (const name of ['train', 'validation', 'test'] as const) {
    const rows = splits[name];
    const x = xs[name];
    for (let p = 0; p < rows.length; p++) {
      x.set(toSequence(fitted.ids[rows[p]!]!, seqLen, truncate, tokenizer.padId), p * width + offset);
    }
  }
}
