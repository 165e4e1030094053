import { describe, expect, it } from 'vitest';
import { prepareTextFolders } from './folders';
import { prepareLanguageModel } from './language-model';
import { prepareTextTable } from './table';
import { decodeIds, encodeText } from './tokenize.js';
import type { TextTransform } from './transform';
import { parseCsv } from '../csv/parse';
import { isDataError } from '../errors';

const POSITIVE = ['great', 'lovely', 'superb', 'fine', 'good'];
const NEGATIVE = ['awful', 'dull', 'bad', 'poor', 'weak'];

/** 40 reviews, each distinct (so the column reads as free text); every fifth row is test, every tenth validation. */
function reviewsCsv(options: { split?: boolean; extraTestWord?: string } = {}): string {
  const lines = [options.split ? 'review,label,split' : 'review,label'];
  for (let i = 0; i < 40; i++) {
    const good = i % 2 === 0;
    const words = good ? POSITIVE : NEGATIVE;
    const part = i % 5 === 4 ? 'test' : i % 10 === 3 ? 'validation' : 'train';
    const extra = part === 'test' && options.extraTestWord ? ` ${options.extraTestWord}` : '';
    const text = `film ${i} was ${words[i % 5]} ${'and '.repeat(i % 7)}${words[(i + 1) % 5]}${extra}`;
    lines.push(`"${text}",${good ? 'pos' : 'neg'}${options.split ? `,${part}` : ''}`);
  }
  return lines.join('\n');
}

async function expectDataError(run: () => unknown, code: string, message: RegExp): Promise<void> {
  try {
    await run();
    expect.unreachable('no DataError');
  } catch (e) {
    expect(isDataError(e) && e.code).toBe(code);
    expect((e as Error).message).toMatch(message);
  }
}

describe('prepareTextTable', () => {
  it('uses the split column, fits the tokenizer on the train rows only, and encodes n × seqLen ids', async () => {
    const parsed = await parseCsv(reviewsCsv({ split: true, extraTestWord: 'zeppelin' }));
    const { dataset, report } = prepareTextTable(parsed, { tokenizer: { kind: 'word' } });
    expect([dataset.train.n, dataset.validation.n, dataset.test.n]).toEqual([28, 4, 8]);
    expect(dataset).toMatchObject({ kind: 'text', task: 'binary', classNames: ['neg', 'pos'] });
    const transform = dataset.transform as TextTransform;
    expect(transform).toMatchObject({
      kind: 'text',
      version: 1,
      textColumn: 'review',
      label: { column: 'label', classNames: ['neg', 'pos'] },
    });
    expect(transform.tokenizer.vocab).not.toContain('zeppelin');
    expect(dataset.inputShape).toEqual([transform.seqLen]);
    expect(dataset.train.x.length).toBe(28 * transform.seqLen);
    // Test rows are rows 4, 9, 14, … in file order: row 4 is 'film 4 was …' with label pos.
    const first = Array.from(dataset.test.x.subarray(0, transform.seqLen));
    // '4' and 'zeppelin' occur in test rows only: unknown to the tokenizer.
    expect(decodeIds(transform.tokenizer, first)).toMatch(/^film \uFFFD was good and and and and great/);
    expect(dataset.test.y[0]).toBe(1);
    expect(report.split).toEqual({ train: 28, validation: 4, test: 8 });
  });

  it('defaults seqLen to the 95th percentile of the training token counts and counts the truncated rows', async () => {
    const parsed = await parseCsv(reviewsCsv({ split: true }));
    const { dataset, report } = prepareTextTable(parsed);
    const sorted = Array.from(report.trainLengths).sort((a, b) => a - b);
    expect(report.seqLen).toBe(sorted[Math.ceil(0.95 * sorted.length) - 1]);
    expect(report.seqLenDefault).toBe(true);
    expect(report.truncated.train).toBe(sorted.filter((n) => n > report.seqLen).length);
    expect(dataset.inputShape).toEqual([report.seqLen]);
    const short = prepareTextTable(parsed, { seqLen: 7 }).report;
    expect(short.truncated.train).toBe(sorted.filter((n) => n > 7).length);
    expect(short.truncated.train).toBeGreaterThan(0);
  });

  it("cuts long texts on the chosen side: 'end' keeps the start, 'start' keeps the end", async () => {
    const parsed = await parseCsv(reviewsCsv({ split: true }));
    const end = prepareTextTable(parsed, { seqLen: 2, truncate: 'end' }).dataset;
    const start = prepareTextTable(parsed, { seqLen: 2, truncate: 'start' }).dataset;
    const state = (end.transform as TextTransform).tokenizer;
    expect(decodeIds(state, Array.from(end.train.x.subarray(0, 2)))).toBe('film 0');
    expect(decodeIds(state, Array.from(start.train.x.subarray(0, 2)))).toBe('great lovely');
  });

  it('splits stratified and seeded without a split column', async () => {
    const parsed = await parseCsv(reviewsCsv());
    const a = prepareTextTable(parsed, { seed: 3 });
    const b = prepareTextTable(parsed, { seed: 3 });
    expect(a.report.split).toEqual({ train: 28, validation: 6, test: 6 });
    expect(a.report.classes).toEqual([
      { name: 'neg', train: 14, validation: 3, test: 3 },
      { name: 'pos', train: 14, validation: 3, test: 3 },
    ]);
    expect(Array.from(a.dataset.train.x)).toEqual(Array.from(b.dataset.train.x));
  });

  it('refuses a table without a text column, a label with one class, and empty texts, saying what to do', async () => {
    await expectDataError(
      async () => prepareTextTable(await parseCsv('a,b\n1,x\n2,y\n3,x\n4,y\n')),
      'no-features',
      /no column holds free text.*choose the text column/,
    );
    const oneClass = reviewsCsv().replace(/,neg$/gm, ',pos');
    await expectDataError(
      async () => prepareTextTable(await parseCsv(oneClass)),
      'single-class',
      /only one class \('pos'\)/,
    );
    const empty = ['review,label', ...Array.from({ length: 20 }, (_, i) => `"",${i % 2 ? 'a' : 'b'}`)].join('\n');
    await expectDataError(
      async () => prepareTextTable(await parseCsv(empty), { textColumn: 'review', labelColumn: 'label' }),
      'no-features',
      /every text in column 'review' is empty/,
    );
  });

  it('refuses a sequence length out of range, a vocabulary below 3 and a bad split value', async () => {
    const parsed = await parseCsv(reviewsCsv({ split: true }));
    await expectDataError(() => prepareTextTable(parsed, { seqLen: 0 }), 'out-of-range', /from 1 to 4,096; got 0/);
    await expectDataError(() => prepareTextTable(parsed, { seqLen: 5000 }), 'out-of-range', /got 5000/);
    await expectDataError(
      () => prepareTextTable(parsed, { tokenizer: { kind: 'bpe', vocabSize: 2 } }),
      'bad-option',
      /vocabulary size/,
    );
    await expectDataError(
      () => prepareTextTable(parsed, { truncate: 'middle' as 'end' }),
      'bad-option',
      /'start' \(keep the end\) or 'end'/,
    );
    const noTrain = await parseCsv(reviewsCsv({ split: true }).replace(/,train$/gm, ',test'));
    await expectDataError(
      () => prepareTextTable(noTrain),
      'too-few-rows',
      /no row is marked 'train' in the split column 'split'/,
    );
    const bad = await parseCsv(reviewsCsv({ split: true }).replace(',train\n', ',training\n'));
    await expectDataError(
      () => prepareTextTable(bad),
      'bad-option',
      /split column 'split' holds 'training' in row 2; each value must be train, validation or test/,
    );
  });
});

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('prepareTextFolders', () => {
  const entries = [
    ...Array.from({ length: 10 }, (_, i) => ({ path: `reviews/pos/${i}.txt`, bytes: utf8(`a fine film ${i} ✓`) })),
    ...Array.from({ length: 10 }, (_, i) => ({ path: `reviews/neg/${i}.txt`, bytes: utf8(`a poor film ${i}`) })),
    { path: 'reviews/.DS_Store', bytes: utf8('x') },
    { path: 'reviews/README.md', bytes: utf8('notes') },
  ];

  it('takes each file’s folder as its class and leaves other files out with a note', () => {
    const { dataset, report } = prepareTextFolders(entries, { tokenizer: { kind: 'char' } });
    expect(dataset.classNames).toEqual(['neg', 'pos']);
    expect(dataset.train.n + dataset.validation.n + dataset.test.n).toBe(20);
    expect(report.problems.map((p) => p.code)).toEqual(['text-ignored']);
    const t = dataset.transform as TextTransform;
    expect(t.textColumn).toBeNull();
    for (let i = 0; i < dataset.test.n; i++) {
      const text = decodeIds(t.tokenizer, Array.from(dataset.test.x.subarray(i * t.seqLen, (i + 1) * t.seqLen)));
      expect(text.includes('fine')).toBe(dataset.test.y[i] === 1);
    }
  });

  it('uses train / test folders above the class folders as the split', () => {
    const split = entries
      .slice(0, 20)
      .map((e, i) => ({ ...e, path: e.path.replace('reviews/', i % 10 < 7 ? 'aclImdb/train/' : 'aclImdb/test/') }));
    const { report } = prepareTextFolders(split);
    expect(report.split).toEqual({ train: 14, validation: 0, test: 6 });
    expect(report.problems.map((p) => p.code)).toEqual(['empty-split']);
  });

  it('names a file that is not UTF-8, and a file outside a class folder', async () => {
    const latin1 = [...entries, { path: 'reviews/pos/old.txt', bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20]) }];
    await expectDataError(
      () => prepareTextFolders(latin1),
      'not-utf8',
      /'reviews\/pos\/old.txt' is not UTF-8 text \(byte 0xE9 at offset 3\); save it as UTF-8/,
    );
    await expectDataError(
      () => prepareTextFolders([...entries, { path: 'loose.txt', bytes: utf8('x') }]),
      'no-label',
      /'loose.txt' is not in a class folder/,
    );
  });

  it('refuses one class, no .txt files, and texts with no tokens', async () => {
    await expectDataError(
      () => prepareTextFolders(entries.slice(0, 10)),
      'single-class',
      /only one class \('pos'\); a classifier needs at least two/,
    );
    await expectDataError(() => prepareTextFolders(entries.slice(20)), 'no-features', /no .txt files were found/);
    const punctuation = entries.slice(0, 20).map((e) => ({ ...e, bytes: utf8('?! …') }));
    await expectDataError(
      () => prepareTextFolders(punctuation, { tokenizer: { kind: 'word', punctuation: 'strip' } }),
      'no-features',
      /every training text is empty after tokenizing/,
    );
    const noTrain = entries.slice(0, 20).map((e) => ({ ...e, path: e.path.replace('reviews/', 'data/test/') }));
    await expectDataError(() => prepareTextFolders(noTrain), 'too-few-rows', /no file is in a 'train' folder/);
  });
});

describe('prepareLanguageModel', () => {
  const text = 'abcdefghij'.repeat(30) + 'XYZ'.repeat(6) + 'Q'.repeat(12);

  it('cuts the text into contiguous parts in order, 90/5/5, and fits on the training part only', () => {
    const { dataset, report } = prepareLanguageModel(text, { seqLen: 8 });
    expect(report.chars).toEqual({ train: 297, validation: 17, test: 16 });
    const state = (dataset.transform as TextTransform).tokenizer;
    // 'Q' occurs only in the test part: unknown to the tokenizer. 'X' is in validation only.
    expect(state.vocab).not.toContain('Q');
    expect(state.vocab).not.toContain('X');
    expect(dataset.classNames).toEqual(state.vocab);
    expect(decodeIds(state, Array.from(dataset.train.x.subarray(0, 8)))).toBe('abcdefgh');
    expect(decodeIds(state, Array.from(dataset.validation.x.subarray(0, 8)))).toBe('hij\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(Array.from(dataset.test.x.subarray(0, 8))).toEqual(encodeText(state, 'ZQQQQQQQ'));
  });

  it('labels each window with the same window shifted by one token', () => {
    const { dataset, report } = prepareLanguageModel(text, { seqLen: 8, stride: 3 });
    expect(dataset.task).toBe('next-token');
    expect(dataset.train.y.length).toBe(dataset.train.n * 8);
    expect(report.windows.train).toBe(Math.floor((297 - 1 - 8) / 3) + 1);
    const { x, y } = dataset.train;
    for (let w = 0; w < dataset.train.n; w++) {
      for (let t = 0; t < 7; t++) expect(y[w * 8 + t]).toBe(x[w * 8 + t + 1]);
      if (w + 1 < dataset.train.n) expect(x[(w + 1) * 8]).toBe(x[w * 8 + 3]);
    }
    const state = (dataset.transform as TextTransform).tokenizer;
    expect(decodeIds(state, [y[7]!])).toBe('i');
  });

  it('refuses a text too short for one window, and warns about an empty part', async () => {
    await expectDataError(
      () => prepareLanguageModel('abcdef', { seqLen: 8 }),
      'too-few-rows',
      /training part of the text has 5 tokens, too few for one window of 8 tokens/,
    );
    await expectDataError(() => prepareLanguageModel('  \n'), 'no-features', /the text is empty/);
    await expectDataError(
      () => prepareLanguageModel(text, { stride: 0 }),
      'bad-option',
      /stride must be a whole number/,
    );
    const { report } = prepareLanguageModel(text, { seqLen: 20 });
    expect(report.problems.map((p) => p.message)).toEqual([
      'the validation part of the text (17 tokens) is shorter than one window of 21 tokens; give it a larger share or choose a shorter sequence length',
      'the test part of the text (16 tokens) is shorter than one window of 21 tokens; give it a larger share or choose a shorter sequence length',
    ]);
  });
});
