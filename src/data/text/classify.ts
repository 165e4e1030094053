/**
 * What text tables and class folders share once they are texts with class indices and a split:
 * fit the tokenizer on the training texts alone, choose the sequence length (the 95th percentile of
 * the training texts' token counts unless given), and encode the three splits.
 */
import { fitTokenizer, type TokenizerOptions } from './fit';
import { encodeText } from './tokenize.js';
import type { TruncateSide } from './tokenize.js';
import type { TextTransform } from './transform';
import { checkSeqLen, checkTruncate, defaultSeqLen, encodeRows } from './transform';
import { splitCountsByClass } from '../tabular-report';
import type { DataProblem } from '../errors';
import { DataError, plural } from '../errors';
import type { SplitIndices, SplitRatios } from '../split';
import type { PreparedDataset, Split } from '../types';

/** Settings every text dataset shares. */
export interface TextDatasetOptions {
  /** Default: a word tokenizer with its defaults. */
  readonly tokenizer?: TokenizerOptions;
  /** Tokens per sample; default the 95th percentile of the training texts' token counts. */
  readonly seqLen?: number;
  /** Which side of a long text is cut (default 'end': the start is kept). */
  readonly truncate?: TruncateSide;
  /** Default 70/15/15 (classification), 90/5/5 in order (language modelling). */
  readonly split?: SplitRatios;
  /** Seed of a shuffled split (default 42). */
  readonly seed?: number;
  readonly id?: string;
  readonly name?: string;
}

export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

export interface TextReport {
  readonly task: PreparedDataset['task'];
  readonly seqLen: number;
  /** Whether seqLen was the 95th-percentile default (not chosen). */
  readonly seqLenDefault: boolean;
  readonly split: Readonly<Record<SplitName, number>>;
  /** Samples longer than seqLen, per split (they lose tokens on the truncation side). */
  readonly truncated: Readonly<Record<SplitName, number>>;
  /** Token count of each training sample before padding and truncation (the preview histogram). */
  readonly trainLengths: Int32Array;
  readonly classes: readonly { name: string; train: number; validation: number; test: number }[] | null;
  readonly problems: readonly DataProblem[];
}

export interface ClassifiedTexts {
  /** One text per item; items not named in `plan` are not used. */
  readonly texts: readonly string[];
  /** Class index per item. */
  readonly labels: ArrayLike<number>;
  readonly classNames: readonly string[];
  readonly plan: SplitIndices;
  readonly textColumn: string | null;
  readonly labelColumn: string | null;
  readonly problems: readonly DataProblem[];
}

export function prepareClassifiedTexts(
  data: ClassifiedTexts,
  options: TextDatasetOptions,
  defaults: { id: string; name: string },
): { dataset: PreparedDataset; report: TextReport } {
  if (data.classNames.length < 2) {
    throw new DataError(
      'single-class',
      `there is only one class (${data.classNames.map((c) => `'${c}'`).join('') || 'none'}); a classifier needs at least two. Add texts of another class, or choose another label.`,
      data.labelColumn ? { column: data.labelColumn } : {},
    );
  }
  const truncate = options.truncate ?? 'end';
  checkTruncate(truncate);
  const trainTexts = Array.from(data.plan.train, (i) => data.texts[i]!);
  const tokenizer = fitTokenizer(trainTexts, options.tokenizer ?? { kind: 'word' });
  const ids = {
    train: trainTexts.map((t) => encodeText(tokenizer, t)),
    validation: Array.from(data.plan.validation, (i) => encodeText(tokenizer, data.texts[i]!)),
    test: Array.from(data.plan.test, (i) => encodeText(tokenizer, data.texts[i]!)),
  };
  const trainLengths = Int32Array.from(ids.train, (row) => row.length);
  if (trainLengths.every((n) => n === 0)) {
    throw new DataError(
      'no-features',
      `every training text is empty after tokenizing (${plural(trainLengths.length, 'text')}${data.textColumn ? ` in column '${data.textColumn}'` : ''}); choose the column or files that hold the text`,
      data.textColumn ? { column: data.textColumn } : {},
    );
  }
  const seqLen = options.seqLen ?? defaultSeqLen(trainLengths);
  checkSeqLen(seqLen);
  const problems: DataProblem[] = [...data.problems];
  const split = (name: SplitName): Split => {
    const rows = data.plan[name];
    const y = new Float32Array(rows.length);
    rows.forEach((r, i) => (y[i] = data.labels[r]!));
    return { n: rows.length, x: encodeRows(ids[name], seqLen, truncate), y };
  };
  const splits = { train: split('train'), validation: split('validation'), test: split('test') };
  for (const name of SPLIT_NAMES) {
    if (splits[name].n === 0 && name !== 'train') {
      problems.push({
        severity: 'warning',
        code: 'empty-split',
        message: `the ${name} split is empty; give it a share of the rows (or rows marked '${name}' in the split column)`,
      });
    }
  }
  const task = data.classNames.length === 2 ? 'binary' : 'multiclass';
  const transform: TextTransform = {
    kind: 'text',
    version: 1,
    tokenizer,
    seqLen,
    truncate,
    textColumn: data.textColumn,
    task,
    label: { column: data.labelColumn, classNames: [...data.classNames] },
  };
  const dataset: PreparedDataset = {
    id: options.id ?? defaults.id,
    name: options.name ?? defaults.name,
    kind: 'text',
    task,
    inputShape: [seqLen],
    classNames: [...data.classNames],
    ...splits,
    transform,
  };
  const over = (rows: number[][]) => rows.filter((r) => r.length > seqLen).length;
  const report: TextReport = {
    task,
    seqLen,
    seqLenDefault: options.seqLen === undefined,
    split: { train: splits.train.n, validation: splits.validation.n, test: splits.test.n },
    truncated: { train: over(ids.train), validation: over(ids.validation), test: over(ids.test) },
    trainLengths,
    classes: splitCountsByClass(data.classNames, splits),
    problems,
  };
  return { dataset, report };
}
