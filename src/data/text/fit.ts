/**
 * `fitTokenizer`: learns a tokenizer's vocabulary (and BPE merges) from the training split's texts
 * alone. Ties are broken by fixed rules (count, then code point or text order), so the same texts
 * and options give the same state, id for id.
 */
import { trainMerges } from './bpe-train';
import { bpeChunks, normalizeText, wordTokens } from './tokenize.js';
import type { TokenizerKind, TokenizerState, WordTokenizerState } from './tokenizer-state';
import {
  PAD_ID,
  PAD_TOKEN,
  SPACE_CATEGORIES,
  UNK_ID,
  UNK_TOKEN,
  WORD_CATEGORIES,
  WORD_JOINERS,
} from './tokenizer-state';
import { DataError } from '../errors';

export interface TokenizerOptions {
  readonly kind: TokenizerKind;
  /** Largest vocabulary, `[PAD]` and `[UNK]` included (default: DEFAULT_VOCAB_SIZE[kind]). */
  readonly vocabSize?: number;
  /** Lower-case before anything else (default: true for word, false for char and BPE). */
  readonly lowercase?: boolean;
  /** Word tokenizer only: punctuation as tokens of its own ('split', default) or dropped ('strip'). */
  readonly punctuation?: 'split' | 'strip';
}

export const DEFAULT_VOCAB_SIZE: Readonly<Record<TokenizerKind, number>> = { char: 1000, word: 10_000, bpe: 2000 };
/** `[PAD]`, `[UNK]` and at least one real token. */
export const MIN_VOCAB_SIZE = 3;
export const MAX_VOCAB_SIZE = 100_000;

export function checkVocabSize(vocabSize: number): void {
  if (!Number.isInteger(vocabSize) || vocabSize < MIN_VOCAB_SIZE || vocabSize > MAX_VOCAB_SIZE) {
    throw new DataError(
      'bad-option',
      `the vocabulary size must be a whole number from ${MIN_VOCAB_SIZE} to ${MAX_VOCAB_SIZE.toLocaleString('en-US')} ([PAD] and [UNK] take ids 0 and 1); got ${vocabSize}. Choose a larger vocabulary size.`,
    );
  }
}

/** Learns a tokenizer from `texts` (the training split only: what it has not seen becomes [UNK]). */
export function fitTokenizer(texts: readonly string[], options: TokenizerOptions): TokenizerState {
  const kind = options.kind;
  if (kind !== 'char' && kind !== 'word' && kind !== 'bpe') {
    throw new DataError('bad-option', `unknown tokenizer '${String(kind)}'; choose char, word or bpe`);
  }
  const vocabSize = options.vocabSize ?? DEFAULT_VOCAB_SIZE[kind];
  checkVocabSize(vocabSize);
  const base = {
    format: 'layerloom-tokenizer' as const,
    version: 1 as const,
    normalize: 'NFC' as const,
    lowercase: options.lowercase ?? kind === 'word',
    padId: PAD_ID,
    unkId: UNK_ID,
    space: [...SPACE_CATEGORIES],
  };
  const specials = [PAD_TOKEN, UNK_TOKEN];
  if (kind === 'char') {
    const counts = new Map<string, number>();
    for (const text of texts) for (const ch of normalizeText(base, text)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    return { ...base, kind, vocab: [...specials, ...mostFrequent(counts, vocabSize - 2)] };
  }
  if (kind === 'word') {
    const punctuation = options.punctuation ?? 'split';
    if (punctuation !== 'split' && punctuation !== 'strip') {
      throw new DataError('bad-option', `punctuation must be 'split' or 'strip'; got '${String(punctuation)}'`);
    }
    const rules: WordTokenizerState = {
      ...base,
      kind,
      vocab: specials,
      word: [...WORD_CATEGORIES],
      punctuation,
      joiners: [...WORD_JOINERS],
    };
    const counts = new Map<string, number>();
    for (const text of texts) for (const w of wordTokens(rules, text)) counts.set(w, (counts.get(w) ?? 0) + 1);
    return { ...rules, vocab: [...specials, ...mostFrequent(counts, vocabSize - 2)] };
  }
  const chunks = new Map<string, number>();
  for (const text of texts) for (const c of bpeChunks(base, text)) chunks.set(c, (chunks.get(c) ?? 0) + 1);
  const chars = new Map<string, number>();
  for (const [chunk, n] of chunks) for (const ch of chunk) chars.set(ch, (chars.get(ch) ?? 0) + n);
  const vocab = [...specials, ...mostFrequent(chars, vocabSize - 2)];
  const alphabet = new Map(vocab.map((t, id) => [t, id]));
  const idOf = (ch: string) => (alphabet.has(ch) && alphabet.get(ch)! > UNK_ID ? alphabet.get(ch)! : UNK_ID);
  const { tokens, merges } = trainMerges(chunks, vocab, idOf, UNK_ID, vocabSize);
  return { ...base, kind, vocab: [...vocab, ...tokens], merges };
}

/** Up to `limit` keys, most frequent first; equal counts in code point order (then stable). */
function mostFrequent(counts: ReadonlyMap<string, number>, limit: number): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
    .slice(0, limit)
    .map(([token]) => token);
}

/** Code point order (JS `<` compares UTF-16 units, which puts U+FFFF after an emoji). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
