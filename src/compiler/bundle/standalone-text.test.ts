/**
 * The standalone page's text parts: tokenize.js shipped byte for byte, and the sampler of its prompt
 * box (seeded stream, context window, temperature and top-k rules), the same as the app's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 as appMulberry32 } from '../../data/random';
import { contextWindow, mulberry32, sampleToken } from './standalone/preprocess.js';
import { STANDALONE_SOURCES } from './standalone/sources';

const PROBS = [0.05, 0.3, 0.1, 0.3, 0.2, 0.05];

function counts(temperature: number, topK: number, draws = 20_000, seed = 11): number[] {
  const rng = mulberry32(seed);
  const seen = new Array<number>(PROBS.length).fill(0);
  for (let i = 0; i < draws; i++) seen[sampleToken(PROBS, temperature, topK, rng)]! += 1;
  return seen;
}

describe('the page sampler', () => {
  it("draws the app's mulberry32 stream for every seed", () => {
    for (const seed of [0, 1, 42, 2 ** 31, 2 ** 32 - 1]) {
      const page = mulberry32(seed);
      const app = appMulberry32(seed);
      for (let i = 0; i < 100; i++) expect(page()).toBe(app());
    }
  });

  it('is deterministic: one seed, one sequence; another seed, another', () => {
    const draw = (seed: number) => {
      const rng = mulberry32(seed);
      return Array.from({ length: 50 }, () => sampleToken(PROBS, 1, 0, rng));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('is greedy at temperature 0, ties going to the lowest id, and draws nothing from the stream', () => {
    let calls = 0;
    const rng = () => (calls++, 0.5);
    expect(sampleToken(PROBS, 0, 0, rng)).toBe(1);
    expect(sampleToken([0.1, 0.2, 0.7], 0, 2, rng)).toBe(2);
    expect(calls).toBe(0);
  });

  it('keeps only the top k tokens: k = 1 is greedy at any temperature, k = 2 never leaves the two best', () => {
    expect(counts(3, 1)).toEqual([0, 20_000, 0, 0, 0, 0]);
    const two = counts(1, 2);
    expect(two[1]! + two[3]!).toBe(20_000);
    // The two are equally likely: about half each.
    expect(Math.abs(two[1]! / 20_000 - 0.5)).toBeLessThan(0.02);
  });

  it('samples p^(1/T) renormalised: the model’s probabilities at T = 1, sharper below 1, flatter above', () => {
    for (const temperature of [1, 0.25, 4]) {
      const expected = PROBS.map((p) => p ** (1 / temperature));
      const total = expected.reduce((a, b) => a + b, 0);
      const seen = counts(temperature, 0);
      seen.forEach((c, i) =>
        expect(Math.abs(c / 20_000 - expected[i]! / total), `T=${temperature} id ${i}`).toBeLessThan(0.015),
      );
    }
    // Sharper and flatter than the model: the rarest token's share moves with T.
    expect(counts(0.25, 0)[0]).toBeLessThan(counts(1, 0)[0]!);
    expect(counts(4, 0)[0]).toBeGreaterThan(2 * counts(1, 0)[0]!);
  });

  it('survives tiny temperatures without underflowing to nothing', () => {
    expect(
      sampleToken(
        PROBS.map((p) => p * 1e-20),
        1e-4,
        0,
        mulberry32(1),
      ),
    ).toBeOneOf([1, 3]);
  });

  it('reads the window as a causal model was trained: the last seqLen ids, padded at the end', () => {
    expect(contextWindow([5, 6], 4, 0)).toEqual({ ids: [5, 6, 0, 0], at: 1 });
    expect(contextWindow([1, 2, 3, 4, 5, 6], 4, 0)).toEqual({ ids: [3, 4, 5, 6], at: 3 });
    expect(contextWindow([7, 8, 9, 10], 4, 0)).toEqual({ ids: [7, 8, 9, 10], at: 3 });
  });
});

describe("the page's text files", () => {
  it('ships src/data/text/tokenize.js as it is', () => {
    const app = readFileSync(new URL('../../data/text/tokenize.js', import.meta.url), 'utf8');
    expect(STANDALONE_SOURCES['tokenize.js']).toBe(app);
    expect(STANDALONE_SOURCES['app.js']).toContain("import('./tokenize.js')");
  });

  it('has every element app.js looks up, the text and prompt boxes included', () => {
    const ids = [...STANDALONE_SOURCES['app.js'].matchAll(/(?:byId|numberField)\('([^']+)'/g)].map((m) => m[1]!);
    for (const id of [
      'text-input',
      'tokens',
      'prompt',
      'temperature',
      'top-k',
      'max-length',
      'seed',
      'generate-button',
      'generated',
    ]) {
      expect(ids).toContain(id);
    }
    for (const id of new Set(ids)) expect(STANDALONE_SOURCES['index.html']).toContain(`id="${id}"`);
  });
});
