/**
 * A fitted tokenizer as plain JSON: saved in projects and in the export's metadata.json, and read
 * by tokenize.js (browser and app) and by the Python port (src/compiler/python/tokenizer-py.ts).
 * Every rule the encoder follows is data here, so the Data page can show it and a port can follow it.
 */

export type TokenizerKind = 'char' | 'word' | 'bpe';

/** Id 0 pads sequences at the end; id 1 stands for any token the training split did not have. */
export const PAD_ID = 0 as const;
export const UNK_ID = 1 as const;
export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';

/** Separators (spaces, line and paragraph separators) and control characters (tab, newline). */
export const SPACE_CATEGORIES: readonly string[] = ['Z', 'Cc'];
/** Letters, combining marks and digits make words. */
export const WORD_CATEGORIES: readonly string[] = ['L', 'M', 'N'];
/** An apostrophe between two word characters stays inside the word ("don't"). */
export const WORD_JOINERS: readonly string[] = ["'", '\u2019'];

interface TokenizerBase {
  readonly format: 'layerloom-tokenizer';
  readonly version: 1;
  /** Unicode normalisation applied first. */
  readonly normalize: 'NFC';
  /** Per code point, and only where the lower-case form is a single code point ('İ' stays). */
  readonly lowercase: boolean;
  readonly padId: typeof PAD_ID;
  readonly unkId: typeof UNK_ID;
  /** Token text by id, `[PAD]` and `[UNK]` first: its length is the vocabulary size. */
  readonly vocab: readonly string[];
  /** Unicode general categories ('Z' or 'Zs' style) of characters that separate words and BPE chunks. */
  readonly space: readonly string[];
}

/** One token per Unicode code point. */
export interface CharTokenizerState extends TokenizerBase {
  readonly kind: 'char';
}

export interface WordTokenizerState extends TokenizerBase {
  readonly kind: 'word';
  /** Categories of word characters; every other non-space character is punctuation or a symbol. */
  readonly word: readonly string[];
  /** 'split': each punctuation or symbol code point is a token of its own; 'strip': dropped. */
  readonly punctuation: 'split' | 'strip';
  /** Characters kept inside a word when a word character comes on both sides. */
  readonly joiners: readonly string[];
}

/**
 * Character-level BPE: base tokens are code points, `merges[r] = [left, right, merged]` are applied
 * lowest rank r first within each chunk (a run of spaces, then a run of non-spaces).
 */
export interface BpeTokenizerState extends TokenizerBase {
  readonly kind: 'bpe';
  readonly merges: readonly (readonly [number, number, number])[];
}

export type TokenizerState = CharTokenizerState | WordTokenizerState | BpeTokenizerState;
