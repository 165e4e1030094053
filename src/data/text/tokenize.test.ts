import { describe, expect, it } from 'vitest';
import { fitTokenizer } from './fit';
import { decodeIds, encodeText, normalizeText, toSequence, wordTokens } from './tokenize.js';
import { PAD_ID, UNK_TOKEN, type WordTokenizerState } from './tokenizer-state';

const corpus = [
  'the cat sat on the mat',
  'The dog ate the cat’s food!',
  'café naïve — déjà vu',
  '東京は大きい 🙂🙂',
  '',
];

describe('the char tokenizer', () => {
  it('reads Unicode code points after NFC, not UTF-16 units', () => {
    // 'é' as e + U+0301 is one NFC code point; an emoji is one token, not two surrogates.
    const state = fitTokenizer(['e\u0301🙂x'], { kind: 'char' });
    expect(state.vocab.slice(2).sort()).toEqual(['x', 'é', '🙂'].sort());
    expect(encodeText(state, '\u00e9🙂').map((id) => state.vocab[id])).toEqual(['é', '🙂']);
    expect(encodeText(state, 'e\u0301')).toEqual(encodeText(state, '\u00e9'));
  });

  it('round-trips every text made of characters it has seen', () => {
    const state = fitTokenizer(corpus, { kind: 'char' });
    for (const text of corpus) expect(decodeIds(state, encodeText(state, text))).toBe(text.normalize('NFC'));
  });

  it('gives [UNK] (id 1) for a character the training texts did not have, and decodes it as U+FFFD', () => {
    const state = fitTokenizer(['abc'], { kind: 'char' });
    expect(encodeText(state, 'abz')).toEqual([encodeText(state, 'a')[0], encodeText(state, 'b')[0], 1]);
    expect(decodeIds(state, encodeText(state, 'abz'))).toBe('ab\uFFFD');
  });

  it("decodes an unknown id as the text it is given (Evaluate's rows show [UNK]) and never shows padding", () => {
    const state = fitTokenizer(['abc'], { kind: 'char' });
    const padded = [...encodeText(state, 'azb'), PAD_ID, PAD_ID];
    expect(decodeIds(state, padded, UNK_TOKEN)).toBe('a[UNK]b');
    const words = fitTokenizer(['the cat'], { kind: 'word' });
    expect(decodeIds(words, [...encodeText(words, 'the dog cat'), PAD_ID], UNK_TOKEN)).toBe('the [UNK] cat');
  });

  it('encodes the empty string as no tokens', () => {
    expect(encodeText(fitTokenizer(corpus, { kind: 'char' }), '')).toEqual([]);
  });
});

describe('lower-casing', () => {
  it('lower-cases per code point, and keeps a character whose lower case is two code points', () => {
    const state = { lowercase: true };
    expect(normalizeText(state, 'ÉCOLE Σ')).toBe('école σ');
    // 'İ'.toLowerCase() is 'i' + U+0307 in JavaScript and in Python: kept as it is.
    expect(normalizeText(state, 'İstanbul')).toBe('İstanbul');
    // No final-sigma context: every capital sigma becomes σ, as Python's per-character lower() does.
    expect(normalizeText(state, 'ΟΔΟΣ')).toBe('οδοσ');
    expect(normalizeText({ lowercase: false }, 'ABC')).toBe('ABC');
  });
});

describe('the word tokenizer', () => {
  const split = fitTokenizer(corpus, { kind: 'word' }) as WordTokenizerState;
  const strip = fitTokenizer(corpus, { kind: 'word', punctuation: 'strip', lowercase: false }) as WordTokenizerState;

  it('states its rules as data', () => {
    expect(split).toMatchObject({ lowercase: true, punctuation: 'split', word: ['L', 'M', 'N'], space: ['Z', 'Cc'] });
  });

  it('splits punctuation into tokens, or strips it, and keeps an apostrophe inside a word', () => {
    expect(wordTokens(split, "Don't stop—now!")).toEqual(["don't", 'stop', '—', 'now', '!']);
    expect(wordTokens(strip, "Don't stop—now!")).toEqual(["Don't", 'stop', 'now']);
    expect(wordTokens(split, "'quoted' 'x")).toEqual(["'", 'quoted', "'", "'", 'x']);
  });

  it('round-trips modulo its rules: lower case, tokens joined by one space', () => {
    const text = '  The   cat’s food!\n';
    expect(decodeIds(split, encodeText(split, text))).toBe(wordTokens(split, text).join(' '));
    expect(decodeIds(split, encodeText(split, text))).toBe('the cat’s food !');
  });

  it('gives [UNK] to words outside the vocabulary', () => {
    expect(encodeText(split, 'the zebra')).toEqual([split.vocab.indexOf('the'), 1]);
  });
});

describe('the BPE tokenizer', () => {
  const texts = ['low lower lowest', 'new newer newest', 'wider widest', 'lowlowlow'];
  const state = fitTokenizer(texts, { kind: 'bpe', vocabSize: 40 });

  it('learns merges up to the vocabulary size and encodes seen words with fewer tokens than characters', () => {
    expect(state.kind).toBe('bpe');
    expect(state.vocab.length).toBeLessThanOrEqual(40);
    expect(encodeText(state, 'lowest').length).toBeLessThan(6);
  });

  it('round-trips texts without unknown characters, spaces included', () => {
    for (const text of [...texts, '  low  new  ', 'ewol']) expect(decodeIds(state, encodeText(state, text))).toBe(text);
  });

  it('has the same ids for a text as the sum of its chunks (merges never cross a space)', () => {
    expect(encodeText(state, 'low newest')).toEqual([...encodeText(state, 'low'), ...encodeText(state, ' newest')]);
  });
});

describe('toSequence', () => {
  it('pads at the end with 0', () => {
    expect(toSequence([5, 6], 4, 'end')).toEqual([5, 6, 0, 0]);
  });
  it("cuts the end ('end') or the start ('start') of a long sequence", () => {
    expect(toSequence([1, 2, 3, 4, 5], 3, 'end')).toEqual([1, 2, 3]);
    expect(toSequence([1, 2, 3, 4, 5], 3, 'start')).toEqual([3, 4, 5]);
  });
  it('leaves its input alone', () => {
    const ids = [1, 2];
    toSequence(ids, 4, 'end');
    expect(ids).toEqual([1, 2]);
  });
});
