import { describe, expect, it } from 'vitest';
import { exportMetadata } from '../compiler/bundle';
import { buildGraph } from '../model/build';
import { EMPTY_SETTINGS } from '../store/data-slice';
import type { CsvView } from '../worker/data-protocol';
import { exportDataSource } from './dataset-info';

const csv = { delimiter: ';', hasHeader: true, encoding: 'windows-1252' } as CsvView;

describe('exportDataSource (metadata.json data section of the app’s export)', () => {
  it('records how the CSV was read and the split rule, ratios and seed', () => {
    const data = exportDataSource(
      { source: 'csv', fileName: 'wine.csv', csv, settings: { ...EMPTY_SETTINGS, split: { train: 8, validation: 1, test: 1 } } },
      { kind: 'tabular', task: 'multiclass' },
    );
    expect(data).toEqual({
      file: 'wine.csv',
      csv: { delimiter: ';', encoding: 'windows-1252', header: true },
      split: { rule: 'stratified', ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 42, testRows: null },
    });
    // It passes the schema metadata.json is read with.
    const graph = buildGraph([{ type: 'Input', params: { shape: [3] } }, { type: 'Dense', params: { units: 1 } }]);
    expect(exportMetadata({ name: 'm', graph, data }).data).toEqual(data);
  });

  it('has no CSV reading for image sets, and a shuffle split for regression', () => {
    const images = exportDataSource({ source: 'images', fileName: 'fashion.zip', csv, settings: EMPTY_SETTINGS }, { kind: 'image', task: 'multiclass' });
    expect(images.csv).toBeNull();
    const regression = exportDataSource({ source: 'csv', fileName: 'house.csv', csv, settings: EMPTY_SETTINGS }, { kind: 'tabular', task: 'regression' });
    expect(regression.split).toMatchObject({ rule: 'shuffle', ratios: { train: 0.7, validation: 0.15, test: 0.15 } });
  });
});
