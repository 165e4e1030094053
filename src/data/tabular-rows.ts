/** Row-index bookkeeping for prepareTabular: plain loops over typed arrays (a million rows). */
import type { RawColumn } from './csv/table';

/** The same rows ascending: statistics ignore order, and ascending reads walk memory front to back. */
export function inFileOrder(rows: Int32Array, rowCount: number): Int32Array {
  const marked = new Uint8Array(rowCount);
  for (let i = 0; i < rows.length; i++) marked[rows[i]!] = 1;
  const out = new Int32Array(rows.length);
  for (let r = 0, n = 0; r < rowCount; r++) if (marked[r]) out[n++] = r;
  return out;
}

/** `values[rows[i]]` for every i. */
export function valuesAt(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < out.length; i++) out[i] = values[rows[i]!]!;
  return out;
}

/** The data rows at `positions` of the kept rows. */
export function rowsAt(kept: Int32Array, positions: Int32Array): Int32Array {
  const out = new Int32Array(positions.length);
  for (let i = 0; i < out.length; i++) out[i] = kept[positions[i]!]!;
  return out;
}

/** Whether data row `row` of a column is missing (or, in a number column, not a number). */
export function isMissing(column: RawColumn, row: number): boolean {
  if (column.kind === 'dictionary') return column.codes[row]! < 0;
  if (column.kind === 'strings') return column.strings[row] == null;
  return Number.isNaN(column.numbers[row]);
}
