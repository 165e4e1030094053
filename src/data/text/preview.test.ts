import { describe, expect, it } from 'vitest';
import { fitTokenizer } from './fit';
import { bitsPerChar, charsPerTokenOf, coveredChars, lengthHistogram, tokenView, vocabularyCoverage } from './preview';
import { encodeText } from './tokenize.js';

describe('tokenView', () => {
  it('lists one text’s tokens with their ids, an unknown word with its own text', () => {
    const state = fitTokenizer(['the cat sat'], { kind: 'word' });
    expect(tokenView(state, 'The dog sat')).toEqual([
      { id: state.vocab.indexOf('the'), text: 'the', known: true },
      { id: 1, text: 'dog', known: false },
      { id: state.vocab.indexOf('sat'), text: 'sat', known: true },
    ]);
  });

  it('shows BPE pieces by their vocabulary text', () => {
    const state = fitTokenizer(['abab abab', 'abab'], { kind: 'bpe' });
    expect(tokenView(state, 'abab z').map((t) => t.text)).toEqual(['abab', ' ', '[UNK]']);
  });
});

describe('lengthHistogram', () => {
  it('bins the token counts and counts the texts longer than seqLen', () => {
    const h = lengthHistogram([0, 1, 2, 3, 4, 5, 9], 4, 5);
    expect(h.bins).toEqual([
      { from: 0, to: 2, count: 2 },
      { from: 2, to: 4, count: 2 },
      { from: 4, to: 6, count: 2 },
      { from: 6, to: 8, count: 0 },
      { from: 8, to: 10, count: 1 },
    ]);
    expect([h.truncated, h.total, h.seqLen]).toEqual([2, 7, 4]);
  });

  it('has one bin for no texts', () => {
    expect(lengthHistogram([], 8).bins).toEqual([{ from: 0, to: 1, count: 0 }]);
  });
});

describe('vocabularyCoverage', () => {
  it('is the share of validation tokens that are not [UNK]', () => {
    const state = fitTokenizer(['a b c'], { kind: 'word' });
    expect(vocabularyCoverage(state, ['a b x', 'y c'])).toEqual({ tokens: 5, known: 3, fraction: 0.6 });
    expect(vocabularyCoverage(state, ['']).fraction).toBe(1);
  });
});

describe('bits per character', () => {
  it('counts the characters a token sequence covers, padding left out', () => {
    const char = fitTokenizer(['héllo 🙂'], { kind: 'char' });
    expect(coveredChars(char, [...encodeText(char, 'héllo 🙂'), 0, 0])).toBe(7);
    const bpe = fitTokenizer(['hello hello hello'], { kind: 'bpe' });
    const ids = encodeText(bpe, 'hello hello');
    expect(ids.length).toBeLessThan(11);
    expect(coveredChars(bpe, [...ids, 0])).toBe(11);
    const word = fitTokenizer(['hello world'], { kind: 'word' });
    expect(coveredChars(word, encodeText(word, 'Hello,   world'))).toBe('hello , world'.length);
  });

  it('gives the characters per token id that bits per character divide by', () => {
    expect(charsPerTokenOf(fitTokenizer(['abc'], { kind: 'char' }))).toBe(1);
    const bpe = fitTokenizer(['hello hello hello'], { kind: 'bpe' });
    const perId = charsPerTokenOf(bpe) as (id: number) => number;
    const ids = encodeText(bpe, 'hello hello');
    // Summed over a text's tokens, it is the text's length, as coveredChars counts it.
    expect(ids.reduce((n, id) => n + perId(id), 0)).toBe(coveredChars(bpe, ids));
    expect(perId(0)).toBe(0);
    const word = fitTokenizer(['hello world'], { kind: 'word' });
    expect((charsPerTokenOf(word) as (id: number) => number)(encodeText(word, 'world')[0]!)).toBe('world'.length + 1);
  });

  it('turns nats per token into bits per character', () => {
    expect(bitsPerChar(Math.LN2, 10, 10)).toBeCloseTo(1, 12);
    expect(bitsPerChar(2 * Math.LN2, 5, 20)).toBeCloseTo(0.5, 12);
  });
});
