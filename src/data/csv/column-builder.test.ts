import { describe, expect, it } from 'vitest';
import { missingTest } from './cells';
import { ColumnBuilder, DICTIONARY_LIMIT } from './column-builder';
import { cellText, columnNumbers } from './table';

/** Feeds `cells` in uneven chunks, as the parser would, and returns the finished column. */
function build(cells: readonly string[], capacity = 16) {
  const builder = new ColumnBuilder('c', 0, capacity, missingTest());
  let at = 0;
  for (let size = 1; at < cells.length; size = (size * 3 + 1) % 997) {
    builder.add(
      cells.slice(at, at + size).map((cell) => [cell]),
      0,
    );
    at += size;
  }
  return builder.finish();
}

function texts(column: ReturnType<typeof build>): (string | null)[] {
  return Array.from({ length: column.length }, (_, i) => cellText(column, i));
}

describe('ColumnBuilder', () => {
  it('keeps few distinct texts as a dictionary with counts', () => {
    const cells = Array.from({ length: 1000 }, (_, i) => ['red', 'green', 'NA', 'blue'][i % 4]!);
    const column = build(cells);
    expect(column.kind).toBe('dictionary');
    if (column.kind !== 'dictionary') return;
    expect(column.values).toEqual(['red', 'green', 'blue']);
    expect(column.counts).toEqual([250, 250, 250]);
    expect(column.missing).toBe(250);
    expect(texts(column)).toEqual(cells.map((c) => (c === 'NA' ? null : c)));
  });

  it('turns a number column into a Float64Array and keeps every value', () => {
    const cells = Array.from({ length: 5000 }, (_, i) => (i % 97 === 5 ? '' : (i * 0.37 - 100).toFixed(3)));
    const column = build(cells);
    expect(column.kind).toBe('numbers');
    expect(Array.from(columnNumbers(column))).toEqual(cells.map((c) => (c === '' ? NaN : Number(c))));
    expect(column.missing).toBe(cells.filter((c) => c === '').length);
  });

  it('reads the few non-numbers of a number column as missing and remembers where', () => {
    const cells = Array.from({ length: 2000 }, (_, i) => (i === 700 || i === 1500 ? 'n/a?' : String(i)));
    const column = build(cells);
    expect(column.kind).toBe('numbers');
    if (column.kind !== 'numbers') return;
    expect(column.nonNumeric).toBe(2);
    expect(column.nonNumericExamples).toEqual([
      { index: 700, value: 'n/a?' },
      { index: 1500, value: 'n/a?' },
    ]);
    expect(column.integers?.increasing).toBe(true);
  });

  it('goes back to texts when a number column turns out not to be one', () => {
    const cells = Array.from({ length: 3000 }, (_, i) => (i < 1000 ? String(i * 3) : `item ${i}`));
    const column = build(cells);
    expect(column.kind).toBe('strings');
    expect(texts(column)).toEqual(cells);
  });

  it('keeps a column of many distinct texts as strings', () => {
    const cells = Array.from({ length: DICTIONARY_LIMIT + 500 }, (_, i) => (i % 1000 === 0 ? '' : `id-${i}`));
    const column = build(cells, 100);
    expect(column.kind).toBe('strings');
    expect(texts(column)).toEqual(cells.map((c) => (c === '' ? null : c)));
    expect(column.missing).toBe(Math.ceil(cells.length / 1000));
  });

  it('summarises integer columns: distinct values, counts, increasing ids', () => {
    const ids = build(Array.from({ length: 1500 }, (_, i) => String(i + 1)));
    expect(ids.kind === 'numbers' && ids.integers).toEqual({
      distinct: 1500,
      values: null,
      counts: null,
      increasing: true,
    });
    const classes = build(Array.from({ length: 1000 }, (_, i) => String(i % 3)));
    expect(classes.kind === 'numbers' && classes.integers).toEqual({
      distinct: 3,
      values: [0, 1, 2],
      counts: [334, 333, 333],
      increasing: false,
    });
    const floats = build(Array.from({ length: 1000 }, (_, i) => String(i / 7)));
    expect(floats.kind === 'numbers' && floats.integers).toBeNull();
  });
});
