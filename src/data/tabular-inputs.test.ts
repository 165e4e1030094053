import { describe, expect, it } from 'vitest';
import { decodeRecord } from './decode-record';
import type { PrepareTabularOptions } from './tabular';
import { applyTransform, parseCsv, prepareTabular } from './tabular';
import type { TabularTransform } from './preprocess';
import { inputPartName } from './tabular-inputs';
import type { PreparedDataset, Split } from './types';

const WORDS = ['great', 'good', 'fun', 'bad', 'awful', 'boring', 'plot', 'cast'];

/** price, review (text), city, liked: the review's words and the price both tell the label. */
function reviewsCsv(n = 80): string {
  const rows = ['price,review,city,liked'];
  for (let i = 0; i < n; i++) {
    const good = i % 2 === 1;
    const words = [good ? WORDS[i % 3] : WORDS[3 + (i % 3)], WORDS[6 + (i % 2)], `w${i % 5}`];
    rows.push(
      `${(good ? 20 : 10) + (i % 7)},"${words.join(' ')} film",${['Paris', 'Lyon'][i % 2]},${good ? 'yes' : 'no'}`,
    );
  }
  return rows.join('\n');
}

/** user_id, item_id, liked: 12 users × 9 items. */
function ratingsCsv(): string {
  const rows = ['user_id,item_id,liked'];
  for (let u = 1; u <= 12; u++) for (let i = 1; i <= 9; i++) rows.push(`${u},i${i},${(u + i) % 3 === 0 ? 1 : 0}`);
  return rows.join('\n');
}

function rowOf(split: Split, width: number, k: number): number[] {
  return Array.from(split.x.subarray(k * width, (k + 1) * width));
}

async function prepare(csv: string, options: PrepareTabularOptions) {
  const parsed = await parseCsv(csv);
  return { parsed, ...prepareTabular(parsed, options) };
}

/** Every row of every split is what applyTransform makes of the raw record it came from. */
async function expectRowsFromRecords(csv: string, dataset: PreparedDataset, splitRows: Record<string, Int32Array>) {
  const lines = csv.split('\n').slice(1);
  const t = dataset.transform as TabularTransform;
  for (const name of ['train', 'validation', 'test'] as const) {
    splitRows[name]!.forEach((r, k) => {
      const cells = lines[r]!.match(/("[^"]*"|[^,]+)/g)!.map((c) => c.replace(/^"|"$/g, ''));
      expect(rowOf(dataset[name], t.width, k)).toEqual(Array.from(applyTransform(t, cells)));
    });
  }
}

describe('prepareTabular with text and id columns', () => {
  it('makes a text part and a features part, in file order, each a slice of the row', async () => {
    const csv = reviewsCsv();
    const { dataset, report } = await prepare(csv, { columns: { review: { role: 'text' } }, seed: 3 });
    const t = dataset.transform as TabularTransform;
    const text = t.features.find((f) => f.type === 'text')!;
    expect(dataset.inputs).toEqual([
      { name: 'features', shape: [3], dtype: 'float32', role: 'features', columns: ['price', 'city'] },
      {
        name: 'review',
        shape: [text.width],
        dtype: 'int32',
        role: 'text',
        columns: ['review'],
        vocabulary: text.type === 'text' ? text.tokenizer.vocab.length : -1,
      },
    ]);
    expect(report.inputs).toEqual(dataset.inputs);
    // price (1) and city (2 one-hot) first, then the review's token ids.
    expect(t.features.map((f) => [f.name, f.offset])).toEqual([
      ['price', 0],
      ['city', 1],
      ['review', 3],
    ]);
    expect(dataset.inputShape).toEqual([3 + text.width]);
    expect(t.featureNames.length).toBe(t.width);
    await expectRowsFromRecords(csv, dataset, report.splitRows);
    // Token ids are whole numbers of the vocabulary; the [PAD] id fills the rest.
    const ids = dataset.train.x.filter((_, i) => i % t.width >= 3);
    expect(ids.every((v) => Number.isInteger(v) && v >= 0 && v < dataset.inputs![1]!.vocabulary!)).toBe(true);
  });

  it('makes one id part per id column: the training values are 1…k, the label stays the target', async () => {
    const csv = ratingsCsv();
    const options = { columns: { user_id: { role: 'id' as const }, item_id: { role: 'id' as const } }, seed: 5 };
    const { dataset, report } = await prepare(csv, options);
    expect(dataset.inputs).toEqual([
      { name: 'user_id', shape: [1], dtype: 'int32', role: 'id', columns: ['user_id'], vocabulary: 13 },
      { name: 'item_id', shape: [1], dtype: 'int32', role: 'id', columns: ['item_id'], vocabulary: 10 },
    ]);
    expect(dataset.task).toBe('binary');
    expect(dataset.inputShape).toEqual([2]);
    await expectRowsFromRecords(csv, dataset, report.splitRows);
    const t = dataset.transform as TabularTransform;
    expect(applyTransform(t, { user_id: '3', item_id: 'i4' })).toEqual(Float32Array.from([3, 4]));
    // "3.0" is the number 3; a user and an item that training never saw, or a missing one, are 0.
    expect(applyTransform(t, { user_id: '3.0', item_id: 'i99' })).toEqual(Float32Array.from([3, 0]));
    expect(applyTransform(t, { user_id: 77, item_id: null })).toEqual(Float32Array.from([0, 0]));
    expect(decodeRecord(t, Float32Array.from([12, 0]), 0)).toEqual({ user_id: '12', item_id: '(unseen)' });
  });

  it('fits ids on the training split alone: a value only in the test rows is 0 there', async () => {
    const rows = ['user,liked'];
    for (let i = 0; i < 40; i++) rows.push(`u${i % 4},${i % 2}`);
    rows.push('lonely,1');
    const csv = rows.join('\n');
    const { dataset, report } = await prepare(csv, {
      columns: { user: { role: 'id' } },
      split: { train: 0.7, validation: 0.15, test: 0.15 },
    });
    const t = dataset.transform as TabularTransform;
    const lonely = 40;
    const feature = t.features[0]!;
    expect(feature.type === 'id' && feature.values).toEqual(
      report.splitRows.train.includes(lonely) ? ['lonely', 'u0', 'u1', 'u2', 'u3'] : ['u0', 'u1', 'u2', 'u3'],
    );
    for (const name of ['validation', 'test'] as const) {
      const k = report.splitRows[name].indexOf(lonely);
      if (k >= 0) expect(dataset[name].x[k]).toBe(0);
    }
    await expectRowsFromRecords(csv, dataset, report.splitRows);
  });

  it('gives the same dataset for the same file, options and seed', async () => {
    const csv = reviewsCsv();
    const options = { columns: { review: { role: 'text' as const }, city: { role: 'id' as const } }, seed: 9 };
    const a = (await prepare(csv, options)).dataset;
    const b = (await prepare(csv, options)).dataset;
    expect(b.train.x).toEqual(a.train.x);
    expect(b.test.x).toEqual(a.test.x);
    expect(JSON.stringify(b.transform)).toBe(JSON.stringify(a.transform));
    expect(a.inputs!.map((p) => p.name)).toEqual(['features', 'review', 'city']);
  });

  it('takes the tokenizer and sequence length of a text column from its options', async () => {
    const { dataset } = await prepare(reviewsCsv(), {
      columns: { review: { role: 'text', seqLen: 12, tokenizer: { kind: 'char', vocabSize: 20 } } },
    });
    const part = dataset.inputs!.find((p) => p.role === 'text')!;
    expect(part.shape).toEqual([12]);
    expect(part.vocabulary).toBe(20);
  });

  it('leaves a table without text or id columns with one Input, as before', async () => {
    const { dataset, report } = await prepare(reviewsCsv(), {});
    expect(dataset.inputs).toBeUndefined();
    expect(report.inputs).toBeNull();
    const types = (dataset.transform as TabularTransform).features.map((f) => f.type);
    expect(types).toEqual(['numeric', 'categorical', 'categorical']);
  });

  it('names parts as layers may be named, each name once', () => {
    expect(inputPartName('user id')).toBe('user_id');
    expect(inputPartName('1st review')).toBe('_1st_review');
    expect(inputPartName('ok_name')).toBe('ok_name');
  });

  it('keeps part names unique when a column is called "features"', async () => {
    const rows = ['features,price,liked'];
    for (let i = 0; i < 30; i++) rows.push(`"some words ${i % 4}",${(i % 5) * 1.5},${i % 2}`);
    const { dataset } = await prepare(rows.join('\n'), { columns: { features: { role: 'text' } } });
    expect(dataset.inputs!.map((p) => p.name)).toEqual(['features', 'features_2']);
  });
});
