import { describe, expect, it } from 'vitest';
import { bigramBaseline, pairsOfSplit, pairsOfStream, unigramBaseline } from './baselines';
import { repeatingText } from './fixtures';

describe('n-gram baselines', () => {
  // Training stream 0 1 0 1 0 2 → pairs (0,1) (1,0) (0,1) (1,0) (0,2); held out: 0 1 2 → (0,1) (1,2).
  const train = pairsOfStream([0, 1, 0, 1, 0, 2]);
  const heldOut = pairsOfStream([0, 1, 2]);

  it('unigram: add-one counts of the training targets', () => {
    // Targets 1 0 1 0 2: counts [2, 2, 1], N = 5, V = 3 → p = (c + 1) / 8.
    const m = unigramBaseline(train, heldOut, 3, { charsPerToken: 2 });
    const nats = -Math.log(3 / 8) - Math.log(2 / 8);
    expect(m.natsPerToken).toBeCloseTo(nats / 2, 12);
    expect(m.perplexity).toBeCloseTo(Math.exp(nats / 2), 12);
    expect(m.bitsPerChar).toBeCloseTo(nats / (Math.LN2 * 4), 12);
  });

  it('bigram: add-k counts of the training pairs', () => {
    // From 0: (0,1)×2, (0,2)×1 → p(1|0) = (2 + k) / (3 + 3k). From 1: (1,0)×2 → p(2|1) = k / (2 + 3k).
    const k = 0.5;
    const m = bigramBaseline(train, heldOut, 3, { k });
    const nats = -Math.log((2 + k) / (3 + 3 * k)) - Math.log(k / (2 + 3 * k));
    expect(m.natsPerToken).toBeCloseTo(nats / 2, 12);
    expect(m.bitsPerChar).toBeNull();
  });

  it('bigram beats unigram on structured text, scored on the test windows', () => {
    const data = repeatingText([1, 2, 3, 1, 2, 3, 3], ['<pad>', 'a', 'b', 'c'], 8, [40, 5, 10]);
    const fit = pairsOfSplit(data.train);
    const test = pairsOfSplit(data.test);
    const uni = unigramBaseline(fit, test, 4, { charsPerToken: 1 });
    const bi = bigramBaseline(fit, test, 4, { charsPerToken: 1 });
    expect(uni.tokens).toBe(80);
    expect(bi.perplexity).toBeLessThan(uni.perplexity * 0.75);
    expect(bi.bitsPerChar!).toBeLessThan(uni.bitsPerChar!);
  });

  it('names an id outside the vocabulary and a bad k', () => {
    expect(() => unigramBaseline(pairsOfStream([0, 5]), heldOut, 3)).toThrow(
      /Token id 5 in the training ids is outside the vocabulary of 3 tokens/,
    );
    expect(() => bigramBaseline(train, pairsOfStream([0, 3]), 3)).toThrow(/Token id 3 in the held-out ids/);
    expect(() => unigramBaseline(train, heldOut, 3, { k: 0 })).toThrow(/Smoothing k must be a positive number, not 0/);
  });
});
