import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { parseCsv } from '../data/csv/parse';
import { readZip } from '../data/images';
import { isDataError } from '../data/errors';
import type { TextTransform } from '../data/text';
import { archiveKind, corpusRatios, decodeTextFile, idCoverage, prepareTextSource } from './data-text';

const GOOD = ['great', 'lovely', 'superb', 'fine', 'good'];
const BAD = ['awful', 'dull', 'bad', 'poor', 'weak'];

/** 40 distinct reviews (so the column reads as free text) with a label and a numeric column. */
function reviewsCsv(labels: (i: number) => string = (i) => (i % 2 === 0 ? 'pos' : 'neg')): string {
  const lines = ['review,stars,label'];
  for (let i = 0; i < 40; i++) {
    const words = i % 2 === 0 ? GOOD : BAD;
    lines.push(`"Film ${i} was ${words[i % 5]}, ${'and '.repeat(i % 9)}${words[(i + 1) % 5]}!",${i % 5},${labels(i)}`);
  }
  return lines.join('\n');
}

const bytes = (s: string) => new TextEncoder().encode(s);

function thrown(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('nothing was thrown');
}

async function table(csv = reviewsCsv()) {
  const parsed = await parseCsv(csv);
  return { kind: 'table' as const, parsed, csv: { label: 'label', columns: {} }, name: 'reviews', id: 'csv:reviews' };
}

describe('prepareTextSource on a table', () => {
  it('shows the first row as word tokens with ids, the lengths against the p95 sequence length, coverage and classes', async () => {
    const { dataset, preview } = prepareTextSource(await table(), { textColumn: 'review' });
    const t = dataset.transform as TextTransform;
    expect(dataset.kind).toBe('text');
    expect(preview.samples[0]?.text).toBe('Film 0 was great, lovely!');
    expect(preview.samples[0]?.label).toBe('pos');
    // One text per class, in the order the classes first appear.
    expect(preview.samples.map((x) => [x.label, x.text])).toEqual([
      ['pos', 'Film 0 was great, lovely!'],
      ['neg', 'Film 1 was dull, and bad!'],
    ]);
    // Word tokens, lower-cased, punctuation split: each chip's id is the vocabulary's.
    expect(preview.samples[0]?.tokens.map((x) => x.text)).toEqual(['film', '0', 'was', 'great', ',', 'lovely', '!']);
    for (const chip of preview.samples[0]!.tokens) expect(t.tokenizer.vocab[chip.id]).toBe(chip.text);
    expect(preview.seqLenAuto).toBe(true);
    expect(preview.seqLen).toBe(preview.p95);
    expect(preview.lengths?.seqLen).toBe(t.seqLen);
    expect(preview.lengths?.total).toBe(dataset.train.n);
    expect(preview.vocabSize).toBe(t.tokenizer.vocab.length);
    expect(preview.classes?.map((c) => c.name)).toEqual(['neg', 'pos']);
    expect(preview.coverage!.fraction).toBeGreaterThan(0);
    expect(preview.coverage!.fraction).toBeLessThanOrEqual(1);
  });

  it('a character tokenizer turns the same row into characters; a chosen length truncates and says how many rows', async () => {
    const { preview } = prepareTextSource(await table(), { tokenizer: 'char', seqLen: 20, truncate: 'start' });
    expect(preview.samples[0]?.tokens.slice(0, 4).map((x) => x.text)).toEqual(['F', 'i', 'l', 'm']);
    expect(preview.seqLen).toBe(20);
    expect(preview.seqLenAuto).toBe(false);
    expect(preview.truncate).toBe('start');
    // Every review has more than 20 characters.
    expect(preview.truncated).toBe(40);
  });

  it('a column of single words is split into characters unless a tokenizer is chosen', async () => {
    const words = ['maison', 'house', 'casa', 'haus', 'huis', 'chien', 'dog', 'hund', 'perro', 'cane'];
    const csv = [
      'word,language',
      ...Array.from({ length: 40 }, (_, i) => `${words[i % 10]}${i},${['fr', 'en', 'es', 'de', 'nl'][i % 5]}`),
    ].join('\n');
    const parsed = await parseCsv(csv);
    const source = { kind: 'table' as const, parsed, csv: { label: 'language', columns: {} }, name: 'w', id: 'w' };
    expect(prepareTextSource(source, { textColumn: 'word' }).preview.tokenizer).toBe('char');
    expect(prepareTextSource(source, { textColumn: 'word', tokenizer: 'word' }).preview.tokenizer).toBe('word');
    // Sentences stay words.
    expect(prepareTextSource(await table(), { textColumn: 'review' }).preview.tokenizer).toBe('word');
  });

  it('refuses one class and a vocabulary too small, saying what to do', async () => {
    const one = thrown(() => prepareTextSource(tableSync, {}));
    expect(one.message).toMatch(/only one class.*at least two/);
    const small = thrown(() => prepareTextSource(tableSync2, { vocabSize: 2 }));
    expect(small.message).toMatch(/vocabulary size must be a whole number from 3/);
  });
});

// Parsed once for the sync refusals above.
const tableSync = await table(reviewsCsv(() => 'same'));
const tableSync2 = await table();

describe('prepareTextSource on text files', () => {
  it('one text: a contiguous split by characters, the first training window as chips, no histogram', () => {
    const text = 'It is a truth universally acknowledged. '.repeat(60);
    const { dataset, preview } = prepareTextSource({ kind: 'corpus', text, name: 'austen', id: 't' }, {});
    expect(dataset.task).toBe('next-token');
    expect(preview.tokenizer).toBe('char');
    expect(preview.seqLen).toBe(64);
    const c = preview.corpus!;
    expect(c.chars.train + c.chars.validation + c.chars.test).toBe(text.length);
    expect(c.chars.train).toBe(Math.round(text.length * 0.9));
    expect(preview.samples[0]?.tokens).toHaveLength(64);
    expect(preview.samples[0]?.text).toBe(text.slice(0, 64));
    expect(preview.lengths).toBeNull();
  });

  it('class folders: the folder is the class, the first file is the sample', () => {
    const entries = [
      'neg/a.txt',
      'neg/b.txt',
      'neg/c.txt',
      'neg/d.txt',
      'pos/a.txt',
      'pos/b.txt',
      'pos/c.txt',
      'pos/d.txt',
    ].map((path, i) => ({
      path,
      bytes: bytes(`${path.startsWith('pos') ? 'a fine film' : 'a dull film'} number ${i}`),
    }));
    const { preview } = prepareTextSource({ kind: 'folders', entries, name: 'reviews', id: 'f' }, {});
    expect(preview.source).toBe('folders');
    expect(preview.classes?.map((c) => c.name)).toEqual(['neg', 'pos']);
    expect(preview.samples).toEqual([
      expect.objectContaining({ text: 'a dull film number 0', label: 'neg' }),
      expect.objectContaining({ text: 'a fine film number 4', label: 'pos' }),
    ]);
  });
});

describe('reading text files', () => {
  it('refuses an empty file and one that is not UTF-8, naming the file', () => {
    expect(thrown(() => decodeTextFile('notes.txt', new Uint8Array())).message).toMatch(/'notes.txt' is empty/);
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]);
    const e = thrown(() => decodeTextFile('cafe.txt', latin1));
    expect(isDataError(e) && e.code).toBe('not-utf8');
    expect(e.message).toMatch(/'cafe.txt' is not UTF-8 text .*offset 3/);
    expect(decodeTextFile('ok.txt', bytes('héllo'))).toBe('héllo');
  });

  it('a ZIP of .txt class folders is read with its text files and prepared as text', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 6; i++) {
      files[`reviews/pos/${i}.txt`] = bytes(`a fine and lovely film, number ${i}`);
      files[`reviews/neg/${i}.txt`] = bytes(`a dull and tedious film, number ${i}`);
    }
    const read = await readZip(zipSync(files), 'reviews.zip', { readText: true });
    if (!read.ok) throw new Error(read.error);
    const paths = read.files.entries.map((e) => e.path);
    expect(paths).toHaveLength(12);
    expect(archiveKind(paths)).toBe('text');
    const { dataset, preview } = prepareTextSource(
      { kind: 'folders', entries: read.files.entries, name: 'reviews', id: 'z' },
      { tokenizer: 'bpe', vocabSize: 60 },
    );
    expect(preview.classes?.map((c) => c.name)).toEqual(['neg', 'pos']);
    expect(preview.tokenizer).toBe('bpe');
    expect(dataset.train.n + dataset.validation.n + dataset.test.n).toBe(12);
  });

  it('routes a ZIP or folder by its files: text, images, and a mix refused with the counts', () => {
    expect(archiveKind(['data/neg/1.txt', 'data/pos/2.txt'])).toBe('text');
    expect(archiveKind(['cats/1.png', 'dogs/2.jpg'])).toBe('images');
    // A README beside the class folders is no class: the images stay images.
    expect(archiveKind(['data/README.txt', 'data/cats/1.png', 'data/dogs/2.png'])).toBe('images');
    expect(() => archiveKind(['cats/1.png', 'neg/1.txt', 'pos/2.txt'])).toThrow(
      /both text files \(2 \.txt\) and images \(1\)/,
    );
  });
});

describe('helpers', () => {
  it('idCoverage counts known ids, padding aside', () => {
    const transform = { tokenizer: { padId: 0, unkId: 1 } } as unknown as TextTransform;
    expect(idCoverage(Float32Array.from([5, 1, 0, 0, 7, 1]), transform)).toEqual({
      tokens: 4,
      known: 2,
      fraction: 0.5,
    });
    expect(idCoverage(Float32Array.from([0, 0]), transform)).toBeNull();
  });

  it('corpusRatios turns character ranges into ratios', () => {
    const r = corpusRatios({
      train: { start: 0, count: 90 },
      validation: { start: 90, count: 5 },
      test: { start: 95, count: 5 },
    });
    expect(r).toEqual({ train: 0.9, validation: 0.05, test: 0.05 });
  });
});
