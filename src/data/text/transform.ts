/**
 * `TextTransform`: everything that turns a raw string into a model input (the fitted tokenizer,
 * the sequence length and truncation side, where the text comes from and the class names), and
 * the sequence-length helpers the datasets share.
 */
import { encodeText, toSequence, type TruncateSide } from './tokenize.js';
import type { TokenizerState } from './tokenizer-state';
import { DataError } from '../errors';
import type { Task } from '../types';

export type { TruncateSide } from './tokenize.js';

export interface TextTransform {
  readonly kind: 'text';
  readonly version: 1;
  readonly tokenizer: TokenizerState;
  /** Tokens per sample: longer texts are cut on `truncate`'s side, shorter ones padded at the end. */
  readonly seqLen: number;
  readonly truncate: TruncateSide;
  /** The CSV column the text is read from; null for text files and language modelling. */
  readonly textColumn: string | null;
  readonly task: Task;
  /** Classification: the label column (null for class folders) and class names in index order; null for next-token. */
  readonly label: { readonly column: string | null; readonly classNames: readonly string[] } | null;
}

/** Longest sequence accepted: n × seqLen ids are held as Float32 in memory and go through attention. */
export const MAX_SEQ_LEN = 4096;

export function checkSeqLen(seqLen: number): void {
  if (!Number.isInteger(seqLen) || seqLen < 1 || seqLen > MAX_SEQ_LEN) {
    throw new DataError(
      'out-of-range',
      `the sequence length must be a whole number of tokens from 1 to ${MAX_SEQ_LEN.toLocaleString('en-US')}; got ${seqLen}. Choose a length in that range.`,
    );
  }
}

export function checkTruncate(truncate: string): asserts truncate is TruncateSide {
  if (truncate !== 'start' && truncate !== 'end') {
    throw new DataError(
      'bad-option',
      `truncation must be 'start' (keep the end) or 'end' (keep the start); got '${truncate}'`,
    );
  }
}

/** Nearest-rank percentile (`q` in (0, 1]) of whole numbers; 0 for none. */
export function percentileLength(lengths: ArrayLike<number>, q = 0.95): number {
  if (lengths.length === 0) return 0;
  const sorted = Float64Array.from(lengths).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The default sequence length: the 95th percentile of the training texts' token counts, at least 1, at most MAX_SEQ_LEN. */
export function defaultSeqLen(trainLengths: ArrayLike<number>): number {
  return Math.min(MAX_SEQ_LEN, Math.max(1, percentileLength(trainLengths, 0.95)));
}

/** Token ids of `texts` as n × seqLen Float32, row-major (what the model reads). */
export function encodeRows(ids: readonly (readonly number[])[], seqLen: number, truncate: TruncateSide): Float32Array {
  const x = new Float32Array(ids.length * seqLen);
  ids.forEach((row, i) => x.set(toSequence(row, seqLen, truncate), i * seqLen));
  return x;
}

/** One raw string → the model input (seqLen ids as Float32), exactly as the dataset was made. */
export function textToInput(transform: TextTransform, text: string): Float32Array {
  return Float32Array.from(toSequence(encodeText(transform.tokenizer, text), transform.seqLen, transform.truncate));
}
