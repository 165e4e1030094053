/**
 * `prepareLanguageModel`: one long text → next-token prediction. The text is cut into contiguous
 * train / validation / test parts in order (never shuffled across a boundary, so no window of the
 * validation text appears in training); the tokenizer is fitted on the training part alone; each
 * part becomes windows of seqLen tokens whose labels are the same window shifted by one token.
 */
import type { SplitName, TextDatasetOptions } from './classify';
import { SPLIT_NAMES } from './classify';
import { fitTokenizer } from './fit';
import { encodeText } from './tokenize.js';
import type { TextTransform } from './transform';
import { checkSeqLen } from './transform';
import type { DataProblem } from '../errors';
import { DataError, plural } from '../errors';
import { normalizeRatios, type SplitRatios } from '../split';
import type { PreparedDataset, Split } from '../types';

export const LM_DEFAULT_SPLIT: SplitRatios = { train: 0.9, validation: 0.05, test: 0.05 };
export const LM_DEFAULT_SEQ_LEN = 64;

export interface LanguageModelOptions extends TextDatasetOptions {
  /** Tokens between the starts of consecutive windows (default seqLen: windows do not overlap). */
  readonly stride?: number;
}

export interface LanguageModelReport {
  readonly seqLen: number;
  readonly stride: number;
  /** Characters (code points), tokens and windows per part. */
  readonly chars: Readonly<Record<SplitName, number>>;
  readonly tokens: Readonly<Record<SplitName, number>>;
  readonly windows: Readonly<Record<SplitName, number>>;
  readonly problems: readonly DataProblem[];
}

/** The text cut at the ratios' character positions, moved forward past combining marks so none starts a part. */
export function contiguousParts(text: string, ratios: SplitRatios): Record<SplitName, string> {
  const r = normalizeRatios(ratios);
  const chars = Array.from(text);
  const cut = (at: number) => {
    let i = Math.round(at * chars.length);
    while (i < chars.length && /\p{M}/u.test(chars[i]!)) i++;
    return i;
  };
  const a = cut(r.train);
  const b = Math.max(a, cut(r.train + r.validation));
  return { train: chars.slice(0, a).join(''), validation: chars.slice(a, b).join(''), test: chars.slice(b).join('') };
}

/** Windows of `seqLen` tokens every `stride` tokens; y is each window shifted by one. */
export function windowsOf(ids: readonly number[], seqLen: number, stride: number): Split {
  const n = ids.length > seqLen ? Math.floor((ids.length - 1 - seqLen) / stride) + 1 : 0;
  const x = new Float32Array(n * seqLen);
  const y = new Float32Array(n * seqLen);
  for (let w = 0; w < n; w++) {
    const start = w * stride;
    for (let t = 0; t < seqLen; t++) {
      x[w * seqLen + t] = ids[start + t]!;
      y[w * seqLen + t] = ids[start + t + 1]!;
    }
  }
  return { n, x, y };
}

export function prepareLanguageModel(
  text: string,
  options: LanguageModelOptions = {},
): { dataset: PreparedDataset; report: LanguageModelReport } {
  if (text.trim() === '') {
    throw new DataError(
      'no-features',
      'the text is empty; choose a text file with the writing the model should learn from',
    );
  }
  const seqLen = options.seqLen ?? LM_DEFAULT_SEQ_LEN;
  checkSeqLen(seqLen);
  const stride = options.stride ?? seqLen;
  if (!Number.isInteger(stride) || stride < 1) {
    throw new DataError(
      'bad-option',
      `the window stride must be a whole number of tokens of at least 1; got ${stride}`,
    );
  }
  const parts = contiguousParts(text, options.split ?? LM_DEFAULT_SPLIT);
  const tokenizer = fitTokenizer([parts.train], options.tokenizer ?? { kind: 'char' });
  const ids = {
    train: encodeText(tokenizer, parts.train),
    validation: encodeText(tokenizer, parts.validation),
    test: encodeText(tokenizer, parts.test),
  };
  if (ids.train.length <= seqLen) {
    throw new DataError(
      'too-few-rows',
      `the training part of the text has ${plural(ids.train.length, 'token')}, too few for one window of ${seqLen} tokens and its next token; choose a shorter sequence length or a longer text`,
    );
  }
  const splits = {
    train: windowsOf(ids.train, seqLen, stride),
    validation: windowsOf(ids.validation, seqLen, stride),
    test: windowsOf(ids.test, seqLen, stride),
  };
  const problems: DataProblem[] = [];
  for (const name of SPLIT_NAMES) {
    if (splits[name].n === 0) {
      problems.push({
        severity: 'warning',
        code: 'empty-split',
        message: `the ${name} part of the text (${plural(ids[name].length, 'token')}) is shorter than one window of ${seqLen + 1} tokens; give it a larger share or choose a shorter sequence length`,
      });
    }
  }
  const transform: TextTransform = {
    kind: 'text',
    version: 1,
    tokenizer,
    seqLen,
    truncate: 'start',
    textColumn: null,
    task: 'next-token',
    label: null,
  };
  const dataset: PreparedDataset = {
    id: options.id ?? 'language-model',
    name: options.name ?? 'text',
    kind: 'text',
    task: 'next-token',
    inputShape: [seqLen],
    classNames: [...tokenizer.vocab],
    ...splits,
    transform,
  };
  const count = (s: string) => Array.from(s).length;
  const report: LanguageModelReport = {
    seqLen,
    stride,
    chars: { train: count(parts.train), validation: count(parts.validation), test: count(parts.test) },
    tokens: { train: ids.train.length, validation: ids.validation.length, test: ids.test.length },
    windows: { train: splits.train.n, validation: splits.validation.n, test: splits.test.n },
    problems,
  };
  return { dataset, report };
}
