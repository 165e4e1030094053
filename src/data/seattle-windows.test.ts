import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { builtinCsvText, listBuiltins, type ReadBuiltinFile } from './builtins';
import type { NumericFeature } from './preprocess';
import { parseCsv, prepareTabular } from './tabular';

/**
 * The 7-day windows of Seattle weather feed a recurrent model through Reshape [28] → [7, 4]. That
 * only reads the days in order if the prepared inputs keep the file's column order (time-major:
 * all four readings of t-7, then of t-6, …). These tests prove it on the shipped file, against
 * the original daily series.
 */

const DIR = join(__dirname, '..', '..', 'public', 'datasets');
const readPublic: ReadBuiltinFile = async (name) => new Uint8Array(await readFile(join(DIR, name)));
const STEPS = 7;
const VALUES = ['temp_max', 'temp_min', 'precipitation', 'wind'] as const;

async function dailySeries(): Promise<Map<string, Record<string, string>>> {
  const text = new TextDecoder().decode(await readPublic('seattle-weather.csv'));
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  return new Map(rows.map((r) => [r.date!, r]));
}

const dayBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('seattle-weather-windows', () => {
  it('is a regression built-in on temp_max whose 28 feature columns run t-7 … t-1, four readings each', async () => {
    const info = (await listBuiltins(readPublic)).find((d) => d.id === 'seattle-weather-windows');
    expect(info).toMatchObject({
      kind: 'tabular',
      task: 'regression',
      labelColumn: 'temp_max',
      ignoreColumns: ['date'],
      rows: 1454,
      classes: [],
    });
    const expected = Array.from({ length: STEPS }, (_, i) => VALUES.map((v) => `t-${STEPS - i}_${v}`)).flat();
    expect(info?.kind === 'tabular' && info.featureColumns).toEqual(expected);
  });

  it('holds, in each row, the previous 7 days of the daily series and that day’s temp_max', async () => {
    const daily = await dailySeries();
    const { text } = await builtinCsvText('seattle-weather-windows', readPublic);
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(daily.size - STEPS);
    for (const row of [rows[0]!, rows[500]!, rows.at(-1)!]) {
      expect(row.temp_max).toBe(daily.get(row.date!)!.temp_max);
      for (let lag = STEPS; lag >= 1; lag--) {
        const earlier = daily.get(dayBefore(row.date!, lag))!;
        for (const v of VALUES) expect(row[`t-${lag}_${v}`], `${row.date} t-${lag} ${v}`).toBe(earlier[v]);
      }
    }
  });

  it('prepares to inputs in file order, so input 4·s + k is reading k of step s (oldest step first)', async () => {
    const daily = await dailySeries();
    const csv = await builtinCsvText('seattle-weather-windows', readPublic);
    const parsed = await parseCsv(csv.text);
    // The settings the Data page's worker uses for a built-in: its label, its ignored columns.
    const { dataset, report } = prepareTabular(parsed, {
      label: csv.labelColumn,
      columns: { date: { role: 'ignore' } },
    });
    expect(dataset.task).toBe('regression');
    expect(dataset.inputShape).toEqual([STEPS * VALUES.length]);
    expect(report.featureNames).toEqual(csv.info.featureColumns);
    const features = (dataset.transform as { features: readonly NumericFeature[] }).features;
    features.forEach((f, i) => expect([f.name, f.offset, f.type]).toEqual([csv.info.featureColumns[i], i, 'numeric']));

    // Undo the scaling of a few test rows and compare with the daily series, step by step.
    const fileRows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data;
    const width = dataset.inputShape[0]!;
    for (const at of [0, 7, dataset.test.n - 1]) {
      const date = fileRows[report.splitRows.test[at]!]!.date!;
      expect(dataset.test.y[at]).toBeCloseTo(Number(daily.get(date)!.temp_max), 4);
      for (let step = 0; step < STEPS; step++) {
        const day = daily.get(dayBefore(date, STEPS - step))!;
        VALUES.forEach((v, k) => {
          const f = features[step * VALUES.length + k]!;
          if (f.scale.kind !== 'standardize') throw new Error(`expected standardized inputs, got ${f.scale.kind}`);
          const raw = dataset.test.x[at * width + step * VALUES.length + k]! * f.scale.std + f.scale.mean;
          expect(raw, `${date} step ${step} ${v}`).toBeCloseTo(Number(day[v]), 3);
        });
      }
    }
  });
});
