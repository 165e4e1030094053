/**
 * What the Data page shows about a text dataset, as pure functions: one text's tokens with their
 * ids, a histogram of token counts against the sequence length, and how much of the validation
 * text the vocabulary covers. Also the character count behind bits per character.
 */
import { decodeIds, encodeText, normalizeText, wordTokens } from './tokenize.js';
import type { TokenizerState } from './tokenizer-state';
import { UNK_TOKEN } from './tokenizer-state';

export interface TokenView {
  readonly id: number;
  /** The token's text; for an unknown token, the text it stands for when known, else `[UNK]`. */
  readonly text: string;
  readonly known: boolean;
}

/** The tokens of one text with their ids (before padding and truncation). */
export function tokenView(state: TokenizerState, text: string): TokenView[] {
  const ids = encodeText(state, text);
  // Char and word tokens line up one to one with their pieces, so an unknown one can show its text.
  const pieces =
    state.kind === 'char'
      ? Array.from(normalizeText(state, text))
      : state.kind === 'word'
        ? wordTokens(state, text)
        : null;
  return ids.map((id, i) => {
    const known = id !== state.unkId;
    return { id, known, text: known ? state.vocab[id]! : (pieces?.[i] ?? UNK_TOKEN) };
  });
}

export interface LengthHistogram {
  /** Bins of equal width from 0 past the longest text; `from` inclusive, `to` exclusive. */
  readonly bins: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  readonly seqLen: number;
  /** Texts longer than seqLen (they lose tokens). */
  readonly truncated: number;
  readonly total: number;
}

export function lengthHistogram(lengths: ArrayLike<number>, seqLen: number, binCount = 20): LengthHistogram {
  let max = 0;
  let truncated = 0;
  for (let i = 0; i < lengths.length; i++) {
    max = Math.max(max, lengths[i]!);
    if (lengths[i]! > seqLen) truncated++;
  }
  const width = Math.max(1, Math.ceil((max + 1) / binCount));
  const count = Math.max(1, Math.ceil((max + 1) / width));
  const bins = Array.from({ length: count }, (_, b) => ({ from: b * width, to: (b + 1) * width, count: 0 }));
  for (let i = 0; i < lengths.length; i++) bins[Math.floor(lengths[i]! / width)]!.count++;
  return { bins, seqLen, truncated, total: lengths.length };
}

export interface Coverage {
  readonly tokens: number;
  /** Tokens other than [UNK]. */
  readonly known: number;
  /** known / tokens; 1 when there are no tokens. */
  readonly fraction: number;
}

/** How many of the tokens of `texts` (the validation split) the vocabulary knows. */
export function vocabularyCoverage(state: TokenizerState, texts: Iterable<string>): Coverage {
  let tokens = 0;
  let known = 0;
  for (const text of texts) {
    for (const id of encodeText(state, text)) {
      tokens++;
      if (id !== state.unkId) known++;
    }
  }
  return { tokens, known, fraction: tokens === 0 ? 1 : known / tokens };
}

/**
 * The characters (code points) a token sequence covers, padding left out: the tokens themselves
 * for a char tokenizer, the decoded text's length for word and BPE (an unknown token counts as one
 * character, and words count the single spaces between them).
 */
export function coveredChars(state: TokenizerState, ids: Iterable<number>): number {
  if (state.kind === 'char') {
    let n = 0;
    for (const id of ids) if (id !== state.padId) n++;
    return n;
  }
  let n = 0;
  for (const _ of decodeIds(state, ids)) n++;
  return n;
}

/**
 * Characters each token id stands for, for bits per character over a language model's windows:
 * 1 for a character tokenizer; otherwise each token's decoded length in code points (a word
 * token also stands for the one space before it), 1 for [UNK] and 0 for padding.
 */
export function charsPerTokenOf(state: TokenizerState): number | ((id: number) => number) {
  if (state.kind === 'char') return 1;
  const extra = state.kind === 'word' ? 1 : 0;
  const lengths = state.vocab.map((token, id) =>
    id === state.padId ? 0 : id === state.unkId ? 1 : [...token].length + extra,
  );
  return (id) => lengths[id] ?? 1;
}

/** Mean loss in nats per token → bits per character, over `tokens` tokens covering `chars` characters. */
export function bitsPerChar(natsPerToken: number, tokens: number, chars: number): number {
  return (natsPerToken * tokens) / (chars * Math.LN2);
}
