import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TextTransform } from '../data/text/transform';
import { builtinList, loadBuiltinData, withBuiltinTokenizer } from './train-builtin';

describe("a text built-in's own tokenizer", () => {
  const own = { kind: 'bpe', vocabSize: 4000, seqLen: 16 } as const;

  it('is used where the command names none, and the command’s own sizes win', () => {
    expect(withBuiltinTokenizer({}, own)).toEqual({ tokenizer: 'bpe', vocab: 4000, seqLen: 16 });
    expect(withBuiltinTokenizer({ vocab: 1000 }, own)).toEqual({ tokenizer: 'bpe', vocab: 1000, seqLen: 16 });
    expect(withBuiltinTokenizer({ tokenizer: 'bpe', seqLen: 12 }, own)).toEqual({
      tokenizer: 'bpe',
      vocab: 4000,
      seqLen: 12,
    });
  });

  it('gives way, sizes and all, to another kind the command names', () => {
    expect(withBuiltinTokenizer({ tokenizer: 'char' }, own)).toEqual({ tokenizer: 'char' });
    expect(withBuiltinTokenizer({ seqLen: 8 }, null)).toEqual({ seqLen: 8 });
  });

  it('word-language trains on subwords with no tokenizer flag', async () => {
    const info = (await builtinList()).find((b) => b.id === 'word-language')!;
    const { dataset } = await loadBuiltinData(info, undefined, 42, {});
    const t = dataset.transform as TextTransform;
    expect([t.tokenizer.kind, dataset.inputShape]).toEqual(['bpe', [16]]);
  }, 60_000);
});

describe("a built-in's split column", () => {
  it('movie-ratings splits by its split column, the rows its anchor was scored on, and says so', async () => {
    const info = (await builtinList()).find((b) => b.id === 'movie-ratings')!;
    const text = readFileSync(new URL('../../public/datasets/movie-ratings.csv', import.meta.url), 'utf8');
    const marked = (part: string) => text.split('\n').filter((line) => line.endsWith(`,${part}`)).length;
    const { dataset, source } = await loadBuiltinData(info, undefined, 42, {});
    expect([dataset.train.n, dataset.validation.n, dataset.test.n]).toEqual([
      marked('train'),
      marked('validation'),
      marked('test'),
    ]);
    expect(source.split).toMatchObject({ rule: 'column', seed: null });
    expect(source.split!.ratios.test).toBeCloseTo(dataset.test.n / 19_934, 6);
  }, 60_000);
});
