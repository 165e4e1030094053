/**
 * metadata.json of text models: the tokenizer (vocabulary and rules), sequence length, truncation,
 * text column and class names, checked like the tabular and image preprocessing; a language model's
 * classes are its vocabulary, written once.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fitTokenizer } from '../../data/text/fit';
import type { TextTransform } from '../../data/text/transform';
import { buildGraph } from '../../model/build';
import {
  MetadataError,
  metadataFromDataset,
  modelSignature,
  readMetadata,
  type DatasetForExport,
  type ExportMetadata,
  type TextPreprocessing,
} from './metadata';

const TEXTS = ['the cat sat on the mat', 'a dog ran far', 'Über café, naïve 日本語!', 'the dog sat', 'mats and cats'];
const SEQ_LEN = 10;
const CLASSES = ['neg', 'neu', 'pos'];

function classifier(kind: 'char' | 'word' | 'bpe' = 'char'): { dataset: DatasetForExport; transform: TextTransform } {
  const transform: TextTransform = {
    kind: 'text',
    version: 1,
    tokenizer: fitTokenizer(TEXTS, { kind, ...(kind === 'bpe' ? { vocabSize: 40 } : {}) }),
    seqLen: SEQ_LEN,
    truncate: 'start',
    textColumn: 'review',
    task: 'multiclass',
    label: { column: 'label', classNames: CLASSES },
  };
  const dataset = {
    name: 'Reviews',
    kind: 'text',
    task: 'multiclass',
    inputShape: [SEQ_LEN],
    classNames: CLASSES,
    transform,
  } as const;
  return { dataset, transform };
}

function languageModel(): { dataset: DatasetForExport; transform: TextTransform; vocab: number } {
  const tokenizer = fitTokenizer(TEXTS, { kind: 'char' });
  const transform: TextTransform = {
    kind: 'text',
    version: 1,
    tokenizer,
    seqLen: SEQ_LEN,
    truncate: 'start',
    textColumn: null,
    task: 'next-token',
    label: null,
  };
  // As prepareLanguageModel makes it: the class names are the vocabulary.
  const dataset = {
    name: 'Corpus',
    kind: 'text',
    task: 'next-token',
    inputShape: [SEQ_LEN],
    classNames: tokenizer.vocab,
    transform,
  } as const;
  return { dataset, transform, vocab: tokenizer.vocab.length };
}

function textGraph(vocab: number, head: 'classes' | 'next-token') {
  return buildGraph([
    { type: 'Input', params: { shape: [SEQ_LEN], dtype: 'int32' } },
    {
      type: 'TokenAndPositionEmbedding',
      params: { vocabulary_size: vocab, sequence_length: SEQ_LEN, embedding_dim: 4 },
    },
    ...(head === 'classes'
      ? [
          { type: 'GlobalAveragePooling1D', params: {} },
          { type: 'Dense', params: { units: CLASSES.length, activation: 'softmax' } },
        ]
      : [{ type: 'Dense', params: { units: vocab, activation: 'softmax' } }]),
  ]);
}

function failure(f: () => unknown): MetadataError {
  try {
    f();
  } catch (err) {
    if (err instanceof MetadataError) return err;
    throw err;
  }
  throw new Error('expected a MetadataError');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const edited = (base: ExportMetadata, edit: (m: Json) => void): string => {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  edit(copy);
  return JSON.stringify(copy);
};

/** `T` with every `readonly` removed, all the way down (src/data's types are read-only, zod's are not). */
type Writable<T> = T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

describe('text metadata', () => {
  it('has the same fields as TextTransform', () => {
    expectTypeOf<TextPreprocessing>().toEqualTypeOf<Writable<TextTransform>>();
  });

  it.each(['char', 'word', 'bpe'] as const)('records a %s tokenizer whole, and reads back equal', (kind) => {
    const { dataset, transform } = classifier(kind);
    const graph = textGraph(transform.tokenizer.vocab.length, 'classes');
    const m = metadataFromDataset(dataset, 'Review model', modelSignature(graph));
    // Nothing of the transform is dropped on the way into metadata.json.
    expect(m.preprocessing).toEqual(JSON.parse(JSON.stringify(transform)));
    expect(m.classNames).toEqual(CLASSES);
    expect(m.inputs[0]).toMatchObject({ shape: [SEQ_LEN], dtype: 'int32', featureNames: null });
    expect(m.outputs[0]).toMatchObject({ shape: [CLASSES.length], meaning: 'class-probabilities' });
    expect(readMetadata(JSON.stringify(m))).toEqual(m);
  });

  it("writes a language model's vocabulary once: in the tokenizer, not again as class names", () => {
    const { dataset, vocab } = languageModel();
    const m = metadataFromDataset(dataset, 'Writer', modelSignature(textGraph(vocab, 'next-token')));
    expect(m.task).toBe('next-token');
    expect(m.classNames).toBeNull();
    expect(m.outputs[0]).toMatchObject({ shape: [SEQ_LEN, vocab], meaning: 'next-token-probabilities' });
    expect(m.preprocessing?.kind === 'text' && m.preprocessing.tokenizer.vocab).toEqual(dataset.classNames);
    expect(readMetadata(JSON.stringify(m))).toEqual(m);
    // Without the model's signature, the dataset's shapes give the same thing.
    expect(metadataFromDataset(dataset, 'Writer').outputs[0]).toMatchObject({ shape: [SEQ_LEN, vocab] });
  });

  it("says when a language model's output is not one probability per vocabulary token", () => {
    const { dataset, vocab } = languageModel();
    const e = failure(() => metadataFromDataset(dataset, 'Writer', modelSignature(textGraph(vocab - 1, 'next-token'))));
    expect(e.path).toBe('outputs[0].shape');
    expect(e.message).toContain(`a Dense layer of ${vocab} units`);
  });

  it('names the field of a broken text transform in the dataset', () => {
    const { dataset, transform } = classifier();
    const broken = { ...dataset, transform: { ...transform, seqLen: 0 } };
    expect(failure(() => metadataFromDataset(broken, 'M')).path).toBe('preprocessing.seqLen');
  });

  describe('readMetadata refuses a hand-broken text file, naming the field', () => {
    const { dataset, transform } = classifier('bpe');
    const base = metadataFromDataset(
      dataset,
      'M',
      modelSignature(textGraph(transform.tokenizer.vocab.length, 'classes')),
    );
    const lm = languageModel();
    const lmBase = metadataFromDataset(lm.dataset, 'W', modelSignature(textGraph(lm.vocab, 'next-token')));
    const cases: [string, ExportMetadata, (m: Json) => void, string, RegExp][] = [
      [
        'a vocabulary that is not a list',
        base,
        (m) => (m.preprocessing.tokenizer.vocab = 'abc'),
        'preprocessing.tokenizer.vocab',
        /array/i,
      ],
      [
        'a token that is not text',
        base,
        (m) => (m.preprocessing.tokenizer.vocab[3] = 7),
        'preprocessing.tokenizer.vocab[3]',
        /string/i,
      ],
      [
        'a vocabulary without [PAD] and [UNK] first',
        base,
        (m) => m.preprocessing.tokenizer.vocab.reverse(),
        'preprocessing.tokenizer.vocab',
        /\[PAD\]/,
      ],
      ['sequence length 0', base, (m) => (m.preprocessing.seqLen = 0), 'preprocessing.seqLen', />=\s*1|too small/i],
      ['a fractional sequence length', base, (m) => (m.preprocessing.seqLen = 2.5), 'preprocessing.seqLen', /int/i],
      [
        'an unknown truncation side',
        base,
        (m) => (m.preprocessing.truncate = 'middle'),
        'preprocessing.truncate',
        /start|end/,
      ],
      [
        'a padding id other than 0',
        base,
        (m) => (m.preprocessing.tokenizer.padId = 3),
        'preprocessing.tokenizer.padId',
        /0/,
      ],
      [
        'an unknown tokenizer kind',
        base,
        (m) => (m.preprocessing.tokenizer.kind = 'sentencepiece'),
        'preprocessing.tokenizer.kind',
        /char|word|bpe/,
      ],
      [
        'a bad Unicode category',
        base,
        (m) => (m.preprocessing.tokenizer.space = ['Z', 'space']),
        'preprocessing.tokenizer.space[1]',
        /Unicode general category/,
      ],
      [
        'a merge past the vocabulary',
        base,
        (m) => m.preprocessing.tokenizer.merges.push([2, 3, 9999]),
        `preprocessing.tokenizer.merges[${(transform.tokenizer as { readonly merges: readonly unknown[] }).merges.length}]`,
        /past the vocabulary/,
      ],
      [
        'class names that differ from the label',
        base,
        (m) => (m.classNames = ['a', 'b', 'c']),
        'preprocessing.label.classNames',
        /top-level classNames/,
      ],
      [
        'an input that is not seqLen ids',
        base,
        (m) => (m.inputs[0].shape = [SEQ_LEN + 1]),
        'inputs[0].shape',
        new RegExp(`\\[${SEQ_LEN}\\]`),
      ],
      [
        'a task other than the top-level one',
        base,
        (m) => (m.preprocessing.task = 'binary'),
        'preprocessing.task',
        /top-level task/,
      ],
      [
        'a language model with its vocabulary copied as class names',
        lmBase,
        (m) => (m.classNames = m.preprocessing.tokenizer.vocab),
        'classNames',
        /tokenizer\.vocab/,
      ],
      [
        'a language model whose output misses tokens',
        lmBase,
        (m) => (m.outputs[0].shape = [SEQ_LEN, lm.vocab - 1]),
        'outputs[0]',
        /next-token-probabilities of shape/,
      ],
      [
        'next-token probabilities without a tokenizer',
        lmBase,
        (m) => (m.preprocessing = null),
        'outputs[0].meaning',
        /text preprocessing/,
      ],
    ];
    it.each(cases)('%s', (_what, valid, edit, path, message) => {
      const e = failure(() => readMetadata(edited(valid, edit)));
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
    });
  });
});
