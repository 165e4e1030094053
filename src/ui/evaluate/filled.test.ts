import { describe, expect, it } from 'vitest';
import { parseCsv, prepareTabular, type TabularTransform } from '../../data/tabular';
import { filledColumns } from './filled';

/** Wine-like rows: `ash` is missing in every fifth row, `hue` never. */
const CSV = [
  'ash,hue,label',
  ...Array.from({ length: 60 }, (_, i) => `${i % 5 === 2 ? '' : (2 + (i % 7) * 0.137).toFixed(3)},${(0.5 + (i % 11) * 0.05).toFixed(2)},${i % 2 ? 'Barbera' : 'Nebbiolo'}`),
].join('\n');

describe('filledColumns', () => {
  it('marks exactly the cells that were missing in the file and filled with the training mean', async () => {
    const { dataset } = prepareTabular(await parseCsv(CSV), { label: 'label', seed: 1 });
    const t = dataset.transform as TabularTransform;
    for (const split of [dataset.train, dataset.validation, dataset.test])
      for (let row = 0; row < split.n; row++) expect(filledColumns(t, split.x, row).has('hue')).toBe(false);
    const rows = dataset.train.n + dataset.validation.n + dataset.test.n;
    const all = [dataset.train, dataset.validation, dataset.test].reduce((n, s) => n + Array.from({ length: s.n }, (_, r) => filledColumns(t, s.x, r).has('ash')).filter(Boolean).length, 0);
    expect(rows).toBe(60);
    expect(all).toBe(12);
  });

  it('never marks median-filled columns: the median is a value many rows really have', async () => {
    const { dataset } = prepareTabular(await parseCsv(CSV), { label: 'label', seed: 1, missing: 'median' });
    const t = dataset.transform as TabularTransform;
    for (let row = 0; row < dataset.train.n; row++) expect(filledColumns(t, dataset.train.x, row).size).toBe(0);
  });
});
