import { describe, expect, it } from 'vitest';
import { decodeRecord } from './decode-record';
import { parseCsv } from './csv/parse';
import { fitIdFeature, fitTextFeature } from './preprocess-own';
import { applyTransform, prepareTabular } from './tabular';
import type { TabularTransform } from './preprocess';
import { UNK_ID } from './text/tokenizer-state';

const TRAIN = Int32Array.from([0, 1, 2, 3]);

async function column(values: readonly string[]) {
  const parsed = await parseCsv(`c,n\n${values.map((v, i) => `${v},${i}`).join('\n')}\n`);
  return parsed.columns[0]!;
}

describe('text features', () => {
  it('learn the tokenizer from the training rows alone: a word only in other rows is [UNK]', async () => {
    const c = await column(['the cat sat', 'the dog ran', 'a cat ran', 'the end', 'zebra cat']);
    const { feature, ids } = fitTextFeature(c, 'mode', TRAIN, { seqLen: 4 });
    expect(feature.tokenizer.vocab).not.toContain('zebra');
    expect(ids[4]![0]).toBe(UNK_ID);
    expect(feature.width).toBe(4);
  });

  it('are the same, id for id, for the same rows', async () => {
    const c = await column(['b a c', 'c b a', 'a a b', 'c c c', 'b']);
    const one = fitTextFeature(c, 'mode', TRAIN);
    const two = fitTextFeature(c, 'mode', TRAIN);
    expect(JSON.stringify(two.feature)).toBe(JSON.stringify(one.feature));
    expect(two.ids).toEqual(one.ids);
    // Default length: the 95th percentile of the training texts' token counts.
    expect(one.feature.width).toBe(3);
  });

  it('refuse a column whose training texts hold no tokens', async () => {
    const c = await column(['...', '!!', '?', '...', 'word']);
    expect(() => fitTextFeature(c, 'mode', TRAIN, { tokenizer: { kind: 'word', punctuation: 'strip' } })).toThrow(
      'every training text in column c is empty after tokenizing; give the text role to the column that holds the text',
    );
  });

  it('turn a raw record into ids and back: the text reads again as written (lower-cased)', async () => {
    const rows = ['note,score,y'];
    for (let i = 0; i < 30; i++)
      rows.push(`"The movie was ${['great', 'dull', 'fine'][i % 3]} indeed",${i % 4},${i % 2}`);
    const parsed = await parseCsv(rows.join('\n'));
    const { dataset } = prepareTabular(parsed, { columns: { note: { role: 'text' } } });
    const t = dataset.transform as TabularTransform;
    const x = applyTransform(t, { note: 'The movie was dull', score: '2' });
    expect(decodeRecord(t, x, 0).note).toBe('the movie was dull');
    // Longer than seqLen: the end is cut (truncate 'end'); a missing text is all [PAD].
    const long = applyTransform(t, { note: 'the movie was great indeed the movie was great indeed', score: '1' });
    expect(decodeRecord(t, long, 0).note).toBe('the movie was great indeed');
    const none = applyTransform(t, { score: '1' });
    expect(Array.from(none.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('id features', () => {
  it('number the training values 1…k in natural order; other values and missing cells are 0', async () => {
    const c = await column(['u10', 'u2', 'u2', '', 'u7']);
    const fitted = fitIdFeature(c, 'mode', TRAIN, false)!;
    expect(fitted.feature).toMatchObject({ type: 'id', width: 1, values: ['u2', 'u10'], key: 'text' });
    expect(fitted.rows.kind === 'coded' && Array.from(fitted.rows.byCode)).toEqual([2, 1, 0]);
  });

  it('are null when the training rows have no value', async () => {
    const c = await column(['', '', '', '', 'u1']);
    expect(fitIdFeature(c, 'mode', TRAIN, false)).toBeNull();
  });
});
