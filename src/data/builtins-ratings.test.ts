import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadBuiltinFile } from './builtins';
import { builtinCsvText, parseBuiltinIndex } from './builtins';
import { parseCsv, prepareTabular } from './tabular';

const DIR = join(__dirname, '..', '..', 'public', 'datasets');
const readPublic: ReadBuiltinFile = async (name) => new Uint8Array(await readFile(join(DIR, name)));

describe('the movie-ratings built-in', () => {
  it('asks for the id role on user_id and item_id, so it loads as two id Inputs with no further choice', async () => {
    const csv = await builtinCsvText('movie-ratings', readPublic);
    expect(csv.columnRoles).toEqual({ split: { role: 'ignore' }, user_id: { role: 'id' }, item_id: { role: 'id' } });
    const { dataset, report } = prepareTabular(await parseCsv(csv.text), {
      label: csv.labelColumn,
      columns: csv.columnRoles,
    });
    expect(dataset.task).toBe('binary');
    expect(dataset.inputs).toEqual([
      { name: 'user_id', shape: [1], dtype: 'int32', role: 'id', columns: ['user_id'], vocabulary: 301 },
      { name: 'item_id', shape: [1], dtype: 'int32', role: 'id', columns: ['item_id'], vocabulary: 201 },
    ]);
    expect(report.rows.used).toBe(csv.info.rows);
    expect(dataset.classNames).toEqual(['0', '1']);
  });

  it('records the one-hot logistic regression anchor: better than a coin, far from perfect', async () => {
    const csv = await builtinCsvText('movie-ratings', readPublic);
    const anchor = csv.info.anchor!;
    expect(anchor.model).toMatch(/^one-hot user \+ item, logistic regression \(scikit-learn /);
    for (const accuracy of [anchor.validationAccuracy, anchor.testAccuracy]) {
      expect(accuracy).toBeGreaterThan(0.5);
      expect(accuracy).toBeLessThan(0.7);
    }
  });

  it('reads older index entries without idColumns or anchor, and names a bad one', () => {
    const entry = {
      id: 't',
      title: 'T',
      description: '',
      kind: 'tabular',
      task: 'binary',
      files: ['t.csv'],
      bytes: 1,
      rows: 2,
      classes: ['a', 'b'],
      classCounts: [1, 1],
      license: { name: 'x', url: 'x', note: '' },
      source: { citation: '', url: '', via: '' },
      produced: '',
      labelColumn: 'y',
      ignoreColumns: [],
      featureColumns: ['x'],
      missingCells: 0,
    };
    const [old] = parseBuiltinIndex(JSON.stringify({ version: 1, datasets: [entry] }));
    expect(old).toMatchObject({ idColumns: [], anchor: null });
    expect(() =>
      parseBuiltinIndex(JSON.stringify({ version: 1, datasets: [{ ...entry, idColumns: 'user' }] })),
    ).toThrow('index.json, dataset 1: "idColumns" should be a list.');
  });
});
