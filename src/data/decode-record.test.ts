import { describe, expect, it } from 'vitest';
import { decodeRecord } from './decode-record';
import { applyTransform, parseCsv, prepareTabular, type TabularTransform } from './tabular';

const CSV = [
  'age,city,member,label',
  '31,Paris,yes,a',
  '45,Lyon,no,b',
  '22,Paris,yes,a',
  '60,Nice,no,b',
  '38,Lyon,yes,a',
  '51,Paris,no,b',
  '27,Nice,yes,a',
  '44,Lyon,no,b',
]
  // Repeated so every city lands in the training split.
  .concat(Array.from({ length: 4 }, (_, i) => `${30 + i},Nice,no,${i % 2 ? 'a' : 'b'}`))
  .join('\n');

describe('decodeRecord', () => {
  it('undoes the transform: scaled numbers, one-hot categories and booleans read as written', async () => {
    const parsed = await parseCsv(CSV);
    const { dataset } = prepareTabular(parsed, { label: 'label', seed: 1 });
    const t = dataset.transform as TabularTransform;
    const x = applyTransform(t, { age: '45', city: 'Lyon', member: 'no' });
    expect(decodeRecord(t, x, 0)).toEqual({ age: '45', city: 'Lyon', member: 'no' });
    const both = new Float32Array(t.width * 2);
    both.set(applyTransform(t, { age: '22', city: 'Nice', member: 'yes' }), t.width);
    expect(decodeRecord(t, both, 1)).toEqual({ age: '22', city: 'Nice', member: 'yes' });
    // A city never seen in training has no one-hot slot of its own.
    const unseen = applyTransform(t, { age: '22', city: 'Oslo', member: 'yes' });
    expect(decodeRecord(t, unseen, 0).city).toMatch(/^\((unseen|other)\)$/);
  });
});
