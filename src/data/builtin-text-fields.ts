/**
 * The parts of a text built-in's index.json entry that other kinds lack: the scikit-learn anchor
 * of a classification set and the facts of a language-modelling corpus. Checked field by field
 * like the rest of the entry, so that a stale or hand-edited index.json names its fault.
 */

import type { BuiltinCommon, TextBuiltinInfo } from './builtin-index';

/** A reference score from scripts/build-datasets.py: a simple model fitted on the same split. */
export interface BuiltinAnchor {
  /** The model and library version, e.g. "TF-IDF + logistic regression (scikit-learn 1.2.1)". */
  readonly model: string;
  /** Its settings, in words. */
  readonly settings: string;
  /** Accuracy on the rows whose split column says `validation`, in (0, 1]. */
  readonly validationAccuracy: number;
  /** Accuracy on the rows whose split column says `test`, in (0, 1]. */
  readonly testAccuracy: number;
}

/** The tokenizer a text built-in is meant for: where the Data page and `layerloom train` start. */
export interface BuiltinTokenizer {
  readonly kind: 'char' | 'word' | 'bpe';
  /** Largest vocabulary ([PAD] and [UNK] included); absent: the tokenizer's default. */
  readonly vocabSize?: number;
  /** Tokens per sample; absent: the 95th percentile of the training texts. */
  readonly seqLen?: number;
}

/** A contiguous range of the corpus, in characters (UTF-16 code units; the corpus has no others). */
export interface CorpusRange {
  readonly start: number;
  readonly count: number;
}

/** A next-token corpus: one text, cut into three contiguous ranges that cover it in order. */
export interface TextCorpusInfo {
  readonly characters: number;
  /** Every distinct character of the corpus, sorted by code point. */
  readonly vocabulary: string;
  readonly splits: { readonly train: CorpusRange; readonly validation: CorpusRange; readonly test: CorpusRange };
}

type Fail = (what: string) => never;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export function checkAnchor(raw: unknown, fail: Fail): BuiltinAnchor {
  if (!isObject(raw)) return fail('"anchor" should be an object or null');
  const text = (k: string): string =>
    typeof raw[k] === 'string' ? (raw[k] as string) : fail(`"anchor.${k}" should be text`);
  const accuracy = (k: string): number => {
    const v = raw[k];
    return typeof v === 'number' && v > 0 && v <= 1 ? v : fail(`"anchor.${k}" should be a number in (0, 1]`);
  };
  return {
    model: text('model'),
    settings: text('settings'),
    validationAccuracy: accuracy('validationAccuracy'),
    testAccuracy: accuracy('testAccuracy'),
  };
}

export function checkTokenizer(raw: unknown, fail: Fail): BuiltinTokenizer {
  if (!isObject(raw)) return fail('"tokenizer" should be an object or null');
  const kind = raw.kind;
  if (kind !== 'char' && kind !== 'word' && kind !== 'bpe') return fail('"tokenizer.kind" should be char, word or bpe');
  const size = (k: 'vocabSize' | 'seqLen'): { [key: string]: number } => {
    if (raw[k] === undefined) return {};
    return isCount(raw[k]) && raw[k] > 0 ? { [k]: raw[k] } : fail(`"tokenizer.${k}" should be a whole number above 0`);
  };
  return { kind, ...size('vocabSize'), ...size('seqLen') };
}

/** `rows` of a corpus entry is its character count; the three ranges must tile it with no gap. */
export function checkCorpus(raw: unknown, rows: number, fail: Fail): TextCorpusInfo {
  if (!isObject(raw)) return fail('"corpus" should be an object');
  const characters = isCount(raw.characters) ? raw.characters : fail('"corpus.characters" should be a count');
  if (characters !== rows) fail(`"corpus.characters" (${characters}) should equal "rows" (${rows})`);
  const vocabulary = typeof raw.vocabulary === 'string' ? raw.vocabulary : fail('"corpus.vocabulary" should be text');
  if (vocabulary.length === 0) fail('"corpus.vocabulary" should list the corpus\'s characters');
  const splits = isObject(raw.splits) ? raw.splits : fail('"corpus.splits" should be an object');
  let next = 0;
  const range = (name: 'train' | 'validation' | 'test'): CorpusRange => {
    const r = splits[name];
    if (!isObject(r) || !isCount(r.start) || !isCount(r.count)) {
      return fail(`"corpus.splits.${name}" should be {"start": count, "count": count}`);
    }
    if (r.start !== next) fail(`"corpus.splits.${name}" should start at ${next}, where the previous range ends`);
    next = r.start + r.count;
    return { start: r.start, count: r.count };
  };
  const ranges = { train: range('train'), validation: range('validation'), test: range('test') };
  if (next !== characters) fail(`"corpus.splits" should end at the corpus's ${characters} characters, not ${next}`);
  return { characters, vocabulary, splits: ranges };
}

/** A classification set names its text and label columns; a corpus has a `corpus` and no classes. */
export function checkTextEntry(o: Json, common: BuiltinCommon, fail: Fail): TextBuiltinInfo {
  const column = (k: string): string | null =>
    o[k] === null || typeof o[k] === 'string' ? (o[k] as string | null) : fail(`"${k}" should be text or null`);
  // checkEntry admits binary, multiclass and next-token only for kind text.
  const task = common.task as TextBuiltinInfo['task'];
  if (common.files.length !== 1) fail('"files" should name exactly one file');
  const info: TextBuiltinInfo = {
    ...common,
    kind: 'text',
    task,
    textColumn: column('textColumn'),
    labelColumn: column('labelColumn'),
    splitColumn: column('splitColumn'),
    anchor: o.anchor === null ? null : checkAnchor(o.anchor, fail),
    tokenizer: o.tokenizer === undefined || o.tokenizer === null ? null : checkTokenizer(o.tokenizer, fail),
    corpus: task === 'next-token' ? checkCorpus(o.corpus, common.rows, fail) : null,
  };
  if (task === 'next-token') {
    if (common.classes.length > 0) fail('"classes" should be empty for a next-token corpus');
  } else {
    if (info.textColumn === null || info.labelColumn === null) {
      fail('"textColumn" and "labelColumn" should name the CSV\'s columns');
    }
    if (o.corpus !== undefined) fail('"corpus" belongs to next-token entries only');
  }
  return info;
}
