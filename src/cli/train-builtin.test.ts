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
