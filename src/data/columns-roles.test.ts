import { describe, expect, it } from 'vitest';
import type { SchemaOptions } from './columns';
import { inferSchema } from './columns';
import { parseCsv } from './csv/parse';

const N = 40;
const range = (f: (i: number) => string) => Array.from({ length: N }, (_, i) => f(i));

async function schemaOf(columns: Record<string, readonly string[]>, options: SchemaOptions = {}) {
  const names = Object.keys(columns);
  const rows = Array.from({ length: N }, (_, i) => names.map((n) => columns[n]![i]!).join(','));
  return inferSchema(await parseCsv(`${names.join(',')}\n${rows.join('\n')}\n`), options);
}

const table = {
  review: range((i) => `a rather long review with words number ${i}`),
  user: range((i) => `u${i % 7}`),
  price: range((i) => String(i * 1.5)),
  liked: range((i) => String(i % 2)),
};

describe('text and id roles', () => {
  it('are never inferred: the review is ignored as text, the user is a categorical feature', async () => {
    const schema = await schemaOf(table);
    expect(schema.columns.map((c) => c.role)).toEqual(['ignore', 'feature', 'feature', 'label']);
  });

  it('are taken when asked for, without the "ignored" notes and problems of inference', async () => {
    const schema = await schemaOf(table, { columns: { review: { role: 'text' }, user: { role: 'id' } } });
    expect(schema.columns.map((c) => c.role)).toEqual(['text', 'id', 'feature', 'label']);
    expect(schema.label).toBe('liked');
    expect(schema.columns[0]!.notes.join(' ')).not.toMatch(/ignored/);
    expect(schema.problems.filter((p) => p.column === 'review')).toEqual([]);
    expect(schema.problems.some((p) => p.severity === 'error')).toBe(false);
  });

  it('count as inputs: a text column and an id column alone leave no "no-features" error', async () => {
    const schema = await schemaOf(
      { review: table.review, user: table.user, liked: table.liked },
      { columns: { review: { role: 'text' }, user: { role: 'id' } } },
    );
    expect(schema.problems.filter((p) => p.code === 'no-features')).toEqual([]);
  });

  it('keep a text or id column from being chosen as the label', async () => {
    const schema = await schemaOf(
      { price: table.price, liked: table.liked, user: table.user },
      { columns: { user: { role: 'id' } } },
    );
    expect(schema.label).toBe('liked');
  });

  it('refuse the text role on a column that holds no words', async () => {
    const schema = await schemaOf(table, { columns: { price: { role: 'text' } } });
    const error = schema.problems.find((p) => p.severity === 'error');
    expect(error).toMatchObject({ code: 'bad-type', column: 'price' });
    expect(error?.message).toBe(
      'column price is numeric, so the text role has no words to read in it; set its type to text first, or give it the feature role',
    );
    const retyped = await schemaOf(table, { columns: { price: { role: 'text', type: 'text' } } });
    expect(retyped.problems.some((p) => p.severity === 'error')).toBe(false);
  });

  it('refuse the id role on a column with one value', async () => {
    const schema = await schemaOf({ ...table, shop: range(() => 'main') }, { columns: { shop: { role: 'id' } } });
    const error = schema.problems.find((p) => p.severity === 'error');
    expect(error).toMatchObject({ code: 'bad-type', column: 'shop' });
    expect(error?.message).toMatch(/^column shop has one value \(main\) in every row, so as an id/);
  });

  it('refuse them on the label', async () => {
    const schema = await schemaOf(table, { label: 'user', columns: { user: { role: 'id' } } });
    const error = schema.problems.find((p) => p.severity === 'error');
    expect(error).toMatchObject({ code: 'label-unusable', column: 'user' });
    expect(error?.message).toMatch(/is the label, so it cannot also take the id role/);
  });
});
