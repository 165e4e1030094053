import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv/parse';
import type { TabularTransform } from './preprocess';
import { prepareTabular } from './tabular';

/** 20 rows: x, a label that x decides, and a split column that puts rows 0-11 / 12-15 / 16-19 in train / validation / test. */
function csv(splitCell: (i: number) => string = (i) => (i < 12 ? 'train' : i < 16 ? 'validation' : 'test')): string {
  const rows = Array.from(
    { length: 20 },
    (_, i) => `${((i * 7) % 20) + 0.5},${i % 2 ? 'odd' : 'even'},${splitCell(i)}`,
  );
  return ['x,label,split', ...rows].join('\n');
}

describe('a table split by its split column', () => {
  it('puts each row where the column says, and the column is no feature', async () => {
    const { dataset, report } = prepareTabular(await parseCsv(csv()), { label: 'label', splitColumn: 'split' });
    expect(Array.from(report.splitRows.train)).toEqual([...Array(12).keys()]);
    expect(Array.from(report.splitRows.validation)).toEqual([12, 13, 14, 15]);
    expect(Array.from(report.splitRows.test)).toEqual([16, 17, 18, 19]);
    expect((dataset.transform as TabularTransform).features.map((f) => f.name)).toEqual(['x']);
    expect([dataset.train.n, dataset.validation.n, dataset.test.n]).toEqual([12, 4, 4]);
  });

  it('is not what a seed draws: without the column the same file splits otherwise', async () => {
    const drawn = prepareTabular(await parseCsv(csv()), { label: 'label', columns: { split: { role: 'ignore' } } });
    expect(Array.from(drawn.report.splitRows.test)).not.toEqual([16, 17, 18, 19]);
  });

  it('names a missing column, a column that is also the label, and a cell that is no split', async () => {
    const parsed = await parseCsv(csv());
    expect(() => prepareTabular(parsed, { label: 'label', splitColumn: 'fold' })).toThrow(
      "there is no column 'fold'; the columns are x, label, split",
    );
    expect(() => prepareTabular(parsed, { label: 'split', splitColumn: 'split' })).toThrow(
      "'split' cannot be both the label and the split column",
    );
    const bad = await parseCsv(csv((i) => (i === 3 ? 'holdout' : 'train')));
    expect(() => prepareTabular(bad, { label: 'label', splitColumn: 'split' })).toThrow(
      /the split column 'split' holds 'holdout' in row 5.*each value must be train, validation or test/,
    );
  });

  it('warns when the column leaves a split empty', async () => {
    const parsed = await parseCsv(csv((i) => (i < 16 ? 'train' : 'validation')));
    const { report } = prepareTabular(parsed, { label: 'label', splitColumn: 'split' });
    expect(report.problems.map((p) => p.message)).toContain(
      "the test split is empty: no kept row of the split column 'split' says test",
    );
  });
});
