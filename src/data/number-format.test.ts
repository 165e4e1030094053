import { describe, expect, it } from 'vitest';
import { toNumberDecimalComma, toNumberThousands } from './csv/cells';
import { parseCsv } from './csv/parse';
import { applyTransform, inferSchema, prepareTabular } from './tabular';
import type { NumericFeature, TabularTransform } from './preprocess';

/** `n` rows of `x,y` where x is written by `cell(i)` (quoted: it may hold commas) and y = i. */
async function column(n: number, cell: (i: number) => string, delimiter = ',') {
  const lines = [`x${delimiter}y`];
  for (let i = 0; i < n; i++) lines.push(`"${cell(i)}"${delimiter}${i}`);
  return parseCsv(lines.join('\n'));
}

describe('number formats', () => {
  it('reads the two comma formats, and never a leading zero group', () => {
    expect(toNumberThousands('12,345.50')).toBe(12345.5);
    expect(toNumberThousands('-1,500')).toBe(-1500);
    expect(toNumberThousands('1,234,567')).toBe(1234567);
    expect(toNumberThousands('996')).toBe(996);
    expect(toNumberThousands('1,5')).toBeNaN();
    expect(toNumberThousands('0,125')).toBeNaN();
    expect(toNumberDecimalComma('1.234,5')).toBe(1234.5);
    expect(toNumberDecimalComma('0.125')).toBeNaN();
  });

  it('reads "1,500", "996" and "12,345.50" in one column with thousands separators', async () => {
    const cells = ['1,500', '996', '12,345.50', '2,250', '87'];
    const parsed = await column(300, (i) => cells[i % cells.length]!);
    const schema = inferSchema(parsed, { label: 'y' });
    const x = schema.columns[0]!;
    expect([x.type, x.numberFormat, x.inferredNumberFormat]).toEqual(['numeric', 'thousands', 'thousands']);
    expect(x.stats).toMatchObject({ min: 87, max: 12345.5 });
    expect(x.stats!.mean).toBeCloseTo((1500 + 996 + 12345.5 + 2250 + 87) / 5, 6);
    expect(schema.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    const { dataset } = prepareTabular(parsed, { label: 'y', scaling: 'none' });
    const transform = dataset.transform as TabularTransform;
    expect(transform.features[0]).toMatchObject({ thousands: true });
    // Training and inference read every cell with the same format.
    const row = (v: string) => applyTransform(transform, { x: v, y: '0' })[0];
    expect(row('1,500')).toBe(1500);
    expect(row('12,345.50')).toBe(12345.5);
    const xs = new Set(dataset.train.x);
    expect(xs.has(1500)).toBe(true);
    expect(xs.has(1.5)).toBe(false);
  });

  it('types a column holding only "12,345.67"-style values as numbers', async () => {
    const parsed = await column(120, (i) => `${12 + (i % 7)},${String(100 + i).padStart(3, '0')}.67`);
    const x = inferSchema(parsed, { label: 'y' }).columns[0]!;
    expect([x.type, x.role, x.numberFormat]).toEqual(['numeric', 'feature', 'thousands']);
  });

  it('reads "1.234,5" with a decimal comma in a semicolon file', async () => {
    const parsed = await column(100, (i) => `${1 + (i % 9)}.${String(i).padStart(3, '0')},5`, ';');
    const x = inferSchema(parsed, { label: 'y' }).columns[0]!;
    expect([x.type, x.numberFormat]).toEqual(['numeric', 'decimal-comma']);
    expect(x.stats).toMatchObject({ min: 1000.5, max: 9098.5 });
  });

  it('asks when a column fits both comma formats with different numbers', async () => {
    const parsed = await column(
      60,
      (i) => (i % 3 === 0 ? `${1 + (i % 9)},${String(i * 7).padStart(3, '0')}` : `${i}`),
      ';',
    );
    const schema = inferSchema(parsed, { label: 'y' });
    const problem = schema.problems.find((p) => p.code === 'ambiguous-number-format');
    expect(problem).toMatchObject({
      severity: 'error',
      column: 'x',
      row: 2,
      fix: { control: 'number-format', column: 'x' },
    });
    expect(problem!.message).toContain("'1,000' on row 2 could be 1000 (written 1,234.5) or 1.000 (written 1.234,5)");
    expect(() => prepareTabular(parsed, { label: 'y' })).toThrow(/choose the column's number format/);
    // The user's choice settles it, each way.
    for (const [format, first] of [
      ['thousands', 1000],
      ['decimal-comma', 1],
    ] as const) {
      const chosen = inferSchema(parsed, { label: 'y', columns: { x: { numberFormat: format } } });
      expect(chosen.problems.some((p) => p.severity === 'error')).toBe(false);
      const { dataset, report } = prepareTabular(parsed, {
        label: 'y',
        scaling: 'none',
        columns: { x: { numberFormat: format } },
      });
      const at = report.splitRows.train.indexOf(0);
      expect(dataset.train.x[at]).toBe(first);
    }
  });

  it('keeps a numeric column numeric when a few cells are Inf or 1e309, reading them as missing', async () => {
    // 6 % of each column: enough to have made them categorical (a 280-class task) before.
    const words = ['Inf', '-inf', '1e309', 'Infinity'];
    const odd = new Map(Array.from({ length: 19 }, (_, k) => [5 + 16 * k, words[k % 4]!]));
    const lines = ['a,target'];
    for (let i = 0; i < 300; i++)
      lines.push(`${i % 17 === 3 ? 'inf' : (i * 0.37).toFixed(2)},${odd.get(i) ?? (i * 1.13 + 0.5).toFixed(3)}`);
    const parsed = await parseCsv(lines.join('\n'));
    const { dataset, report } = prepareTabular(parsed, { label: 'target' });
    expect([dataset.task, dataset.inputShape]).toEqual(['regression', [1]]);
    const target = report.schema.columns[1]!;
    expect(target.type).toBe('numeric');
    const dropped = report.problems.find((p) => p.code === 'missing-labels');
    expect(dropped?.message).toContain('dropped 19 rows');
    const warning = report.problems.find((p) => p.code === 'non-numeric-values' && p.column === 'a');
    expect(warning).toMatchObject({ row: 5 });
    expect(warning!.message).toContain("values are not a finite number (the first: 'inf' on row 5)");
    const feature = (dataset.transform as TabularTransform).features[0] as NumericFeature;
    expect(Number.isFinite(feature.fill)).toBe(true);
    expect([...dataset.train.x].every(Number.isFinite)).toBe(true);
  });
});
