import { describe, expect, it } from 'vitest';
import { compareCodePoints, fitTokenizer } from './fit';
import { encodeText } from './tokenize.js';
import { defaultSeqLen, percentileLength } from './transform';
import { isDataError } from '../errors';

describe('fitTokenizer', () => {
  it('learns from the texts it is given only: a word seen only in validation is [UNK]', () => {
    const train = ['good film', 'bad film'];
    const validation = ['superb film'];
    const state = fitTokenizer(train, { kind: 'word' });
    expect(state.vocab).not.toContain('superb');
    expect(encodeText(state, validation[0]!)[0]).toBe(1);
    expect(encodeText(state, validation[0]!)[1]).toBe(state.vocab.indexOf('film'));
  });

  it('is deterministic: the same texts give the same JSON state', () => {
    const texts = ['the quick brown fox', 'jumps over the lazy dog', 'über naïve 東京 🙂'];
    for (const kind of ['char', 'word', 'bpe'] as const) {
      const a = fitTokenizer(texts, { kind, vocabSize: 60 });
      const b = fitTokenizer([...texts], { kind, vocabSize: 60 });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    }
  });

  it('keeps the most frequent tokens, equal counts in code point order, [PAD] and [UNK] first', () => {
    const state = fitTokenizer(['b a a c c'], { kind: 'word', vocabSize: 4 });
    expect(state.vocab).toEqual(['[PAD]', '[UNK]', 'a', 'c']);
    expect(encodeText(state, 'b')).toEqual([1]);
  });

  it('breaks BPE ties by the lower left id, then the lower right id', () => {
    // ' ', a, b, c, d are ids 2…6 (equal counts, code point order); (a,b), (' ',c) and (c,d) occur twice each.
    const state = fitTokenizer(['ab cd', 'ab cd'], { kind: 'bpe', vocabSize: 10 });
    expect(state.kind === 'bpe' && state.merges).toEqual([
      [2, 5, 7],
      [3, 4, 8],
      [7, 6, 9],
    ]);
    expect(state.vocab.slice(2)).toEqual([' ', 'a', 'b', 'c', 'd', ' c', 'ab', ' cd']);
  });

  it('stops merging when no pair occurs twice', () => {
    const state = fitTokenizer(['abab', 'ab'], { kind: 'bpe', vocabSize: 50 });
    expect(state.kind === 'bpe' && state.merges).toEqual([[2, 3, 4]]);
  });

  it('refuses a vocabulary size below 3, with what to do', () => {
    expect(() => fitTokenizer(['abc'], { kind: 'char', vocabSize: 2 })).toThrow(
      /from 3 to .*Choose a larger vocabulary size/,
    );
    try {
      fitTokenizer(['abc'], { kind: 'char', vocabSize: 2.5 });
      expect.unreachable();
    } catch (e) {
      expect(isDataError(e) && e.code).toBe('bad-option');
    }
    expect(fitTokenizer(['abc'], { kind: 'char', vocabSize: 3 }).vocab).toEqual(['[PAD]', '[UNK]', 'a']);
  });

  it('refuses an unknown punctuation rule', () => {
    expect(() => fitTokenizer(['a'], { kind: 'word', punctuation: 'keep' as 'split' })).toThrow(/'split' or 'strip'/);
  });
});

describe('sequence length', () => {
  it('defaults to the 95th percentile (nearest rank) of the token counts', () => {
    const lengths = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileLength(lengths, 0.95)).toBe(95);
    expect(defaultSeqLen([3, 1, 2])).toBe(3);
    expect(defaultSeqLen([0, 0])).toBe(1);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, not by UTF-16 unit', () => {
    expect(compareCodePoints('\uffff', '🙂')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
  });
});
