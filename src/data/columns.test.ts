import { describe, expect, it } from 'vitest';
import type { ColumnSchema, SchemaOptions } from './columns';
import { inferSchema } from './columns';
import { naturalCompare } from './columns-format';
import { parseCsv } from './csv/parse';

/** A CSV from columns of cell texts (all the same length). */
function csv(columns: Record<string, readonly string[]>): string {
  const names = Object.keys(columns);
  const n = columns[names[0]!]!.length;
  const rows = Array.from({ length: n }, (_, i) => names.map((name) => columns[name]![i]!).join(','));
  return `${names.join(',')}\n${rows.join('\n')}\n`;
}

async function schemaOf(columns: Record<string, readonly string[]>, options: SchemaOptions = {}) {
  return inferSchema(await parseCsv(csv(columns)), options);
}

function col(schema: { columns: readonly ColumnSchema[] }, name: string): ColumnSchema {
  return schema.columns.find((c) => c.name === name)!;
}

const N = 60;
const range = (f: (i: number) => string, n = N) => Array.from({ length: n }, (_, i) => f(i));

describe('column types', () => {
  it('infers numeric, categorical, boolean, date and text', async () => {
    const schema = await schemaOf({
      price: range((i) => (i * 1.25).toFixed(2)),
      colour: range((i) => ['red', 'green', 'blue'][i % 3]!),
      member: range((i) => (i % 3 ? 'Yes' : 'no')),
      flag: range((i) => String(i % 2)),
      joined: range((i) => `2021-0${(i % 9) + 1}-1${i % 10}`),
      review: range((i) => `"a long free-text review number ${i}, with words"`),
      code: range((i) => `C${i * 7}`),
      y: range((i) => String(i % 2)),
    });
    const types = Object.fromEntries(schema.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({
      price: 'numeric',
      colour: 'categorical',
      member: 'boolean',
      flag: 'boolean',
      joined: 'date',
      review: 'text',
      code: 'text',
      y: 'boolean',
    });
    expect(col(schema, 'review').role).toBe('ignore');
    expect(col(schema, 'review').notes[0]).toMatch(/ignored — set its type to categorical/);
    expect(col(schema, 'code').notes[0]).toMatch(/^a different value in every row/);
    expect(col(schema, 'joined').summary).toBe('2021-01-10 – 2021-09-18');
    expect(col(schema, 'price').summary).toBe('0 – 73.8, mean 36.9, sd 21.6');
    expect(col(schema, 'colour').summary).toBe('3 values: red 33%, green 33%, blue 33%');
  });

  it('calls a column numeric when at least 95% of its values are numbers', async () => {
    const mostly = range((i) => (i === 10 || i === 30 ? 'unknown' : String(i * 2.5)), 40);
    const schema = await schemaOf({ x: mostly, y: range((i) => String(i % 2), 40) });
    expect(col(schema, 'x').type).toBe('numeric');
    const warning = schema.problems.find((p) => p.code === 'non-numeric-values')!;
    expect(warning.message).toBe(
      "column x: 2 values are not a number (the first: 'unknown' on row 12); they are treated as missing",
    );
    expect(warning.row).toBe(12);
    const half = range((i) => (i % 10 === 0 ? 'unknown' : String(i)), 40);
    expect(col(await schemaOf({ x: half, y: range((i) => String(i % 2), 40) }), 'x').type).toBe('categorical');
  });

  it('counts missing tokens as missing, not as values', async () => {
    const schema = await schemaOf({
      x: range((i) => (i % 4 === 0 ? 'NA' : String(i))),
      y: range((i) => (i % 5 === 0 ? '' : 'ab'[i % 2]!)),
    });
    expect([col(schema, 'x').missing, col(schema, 'x').present, col(schema, 'x').type]).toEqual([15, 45, 'numeric']);
    expect(col(schema, 'y').missing).toBe(12);
  });

  it('sets aside constant, empty and row-id columns', async () => {
    const schema = await schemaOf({
      id: range((i) => String(i + 1)),
      same: range(() => 'x'),
      blank: range(() => ''),
      v: range((i) => String(i % 7)),
      y: range((i) => 'ab'[i % 2]!),
    });
    expect(schema.columns.map((c) => c.role)).toEqual(['ignore', 'ignore', 'ignore', 'feature', 'label']);
    expect(col(schema, 'id').notes).toEqual(['counts up by row (a row number or id); ignored']);
    expect(col(schema, 'same').notes).toEqual(['has the same value (x) in every row; ignored']);
    expect(col(schema, 'blank').notes).toEqual(['has no values; ignored']);
  });

  it('tells a row id from a year', async () => {
    const schema = await schemaOf({
      PassengerId: range((i) => String(i + 1)),
      account_id: range((i) => String(1000 + i * 7)),
      year: range((i) => String(1950 + i)),
      y: range((i) => 'ab'[i % 2]!),
    });
    expect(schema.columns.map((c) => c.role)).toEqual(['ignore', 'ignore', 'feature', 'label']);
  });
});

describe('label and task', () => {
  it('takes a column named like a label, else the last usable column', async () => {
    expect((await schemaOf({ target: range((i) => 'ab'[i % 2]!), x: range(String) })).label).toBe('target');
    expect(
      (
        await schemaOf({
          x: range(String),
          kind: range((i) => 'abc'[i % 3]!),
          note: range((i) => `row number ${i} of a long note`),
        })
      ).label,
    ).toBe('kind');
  });

  it('infers binary, multiclass and regression', async () => {
    const task = async (y: readonly string[]) => {
      const s = await schemaOf({ x: range((i) => String(i % 9)), y }, { label: 'y' });
      return [s.task, s.classCount];
    };
    expect(await task(range((i) => ['cat', 'dog'][i % 2]!))).toEqual(['binary', 2]);
    expect(await task(range((i) => (i % 2 ? 'true' : 'false')))).toEqual(['binary', 2]);
    expect(await task(range((i) => ['a', 'b', 'c', 'd'][i % 4]!))).toEqual(['multiclass', 4]);
    expect(await task(range((i) => String(i % 5)))).toEqual(['multiclass', 5]);
    expect(await task(range((i) => String(1 + (i % 2) * 4)))).toEqual(['binary', 2]);
    expect(await task(range((i) => (i * 0.37).toFixed(2)))).toEqual(['regression', null]);
    expect(await task(range((i) => String(i * 3), 120))).toEqual(['regression', null]);
    // Class codes are dense (wine quality 3–8); counts and measurements are spread out.
    expect(await task(range((i) => String(3 + (i % 6))))).toEqual(['multiclass', 6]);
    expect(await task(range((i) => String([1, 2, 4][i % 3])))).toEqual(['multiclass', 3]);
    expect(await task(range((i) => String([1, 3, 7, 12, 30, 54][i % 6])))).toEqual(['regression', null]);
  });

  it('lets the user override types, roles, the label and the task', async () => {
    const columns = {
      zip: range((i) => String(10000 + (i % 4))),
      x: range((i) => String(i % 7)),
      y: range((i) => String(i % 3)),
    };
    const schema = await schemaOf(columns, {
      label: 'x',
      task: 'regression',
      columns: { zip: { type: 'categorical' }, y: { role: 'ignore' } },
    });
    expect(schema.columns.map((c) => [c.name, c.type, c.inferredType, c.role])).toEqual([
      ['zip', 'categorical', 'numeric', 'feature'],
      ['x', 'numeric', 'numeric', 'label'],
      ['y', 'numeric', 'numeric', 'ignore'],
    ]);
    expect([schema.task, schema.inferredTask, schema.classCount]).toEqual(['regression', 'multiclass', null]);
    expect((await schemaOf(columns, { label: null })).task).toBeNull();
  });

  it('names a wrong column and an unusable label', async () => {
    await expect(schemaOf({ x: range(String), y: range(String) }, { label: 'z' })).rejects.toMatchObject({
      code: 'unknown-column',
      column: 'z',
      message: "there is no column 'z'; the columns are x, y",
    });
    const dated = await schemaOf(
      { x: range((i) => String(i % 9)), d: range((i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')}`) },
      { label: 'd' },
    );
    expect(dated.problems.find((p) => p.severity === 'error')).toMatchObject({
      severity: 'error',
      code: 'label-unusable',
      message: "the label 'd' is a date column; choose a column of classes or numbers as the label",
    });
  });
});

describe('naturalCompare', () => {
  it('orders numbers by value and digit runs as numbers', () => {
    expect(['10', '2', '-1', '0.5', 'b', 'a10', 'a2', 'A1'].sort(naturalCompare)).toEqual([
      '-1',
      '0.5',
      '2',
      '10',
      'A1',
      'a2',
      'a10',
      'b',
    ]);
  });
});
