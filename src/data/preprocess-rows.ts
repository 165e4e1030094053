/**
 * A feature column's rows as the encoder reads them, and the statistics preprocessing learns from
 * a subset of those rows (the training split). Statistics are summed in row order, so they are the
 * same whichever way the column is held.
 */
import { toNumber } from './csv/cells';
import type { RawColumn } from './csv/table';
import { columnMapped, columnNumbers } from './csv/table';
import { gather } from './preprocess-stats';

/**
 * Each row's value ready to encode. A dictionary column stays as its codes plus one entry per
 * distinct value, so a million-row boolean or categorical column costs no per-row array.
 */
export type RowValues =
  /** A number per row, NaN = missing. */
  | { readonly kind: 'numbers'; readonly values: Float64Array }
  /** A code per row (-1 = missing) and the number of each code (NaN = missing). */
  | { readonly kind: 'coded'; readonly codes: Int32Array; readonly byCode: Float64Array }
  /** A code per row (-1 = missing) and the one-hot slot of each code: 0…k-1 or `NO_SLOT`. */
  | { readonly kind: 'slots'; readonly codes: Int32Array; readonly slotOfCode: Int32Array };

/** An unseen value with no "other" input: no input is set. */
export const NO_SLOT = -2;

/** The column read as numbers by `read` (default `toNumber`), each distinct text read once. */
export function numberRows(column: RawColumn, read: ((cell: string) => number) | null): RowValues {
  if (column.kind === 'dictionary') {
    return { kind: 'coded', codes: column.codes, byCode: Float64Array.from(column.values, read ?? toNumber) };
  }
  const values = read ? columnMapped(column, read) : columnNumbers(column);
  return { kind: 'numbers', values };
}

export interface PresentStats {
  readonly count: number;
  readonly mean: number;
  /** Population standard deviation (divides by the count, as scikit-learn's StandardScaler does). */
  readonly std: number;
}

/** Mean and standard deviation of the present values on `rows`, summed in row order. */
export function presentStats(values: RowValues, rows: Int32Array): PresentStats {
  if (values.kind === 'numbers') return numberStats(values.values, rows);
  if (values.kind === 'coded') return codedStats(values.codes, values.byCode, rows);
  throw new Error('one-hot slots have no numbers');
}

// Two loops per representation, each one shape only: a million rows go through them.
function numberStats(numbers: Float64Array, rows: Int32Array): PresentStats {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = numbers[rows[i]!]!;
    if (v !== v) continue;
    sum += v;
    count++;
  }
  const mean = count === 0 ? NaN : sum / count;
  let squares = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = numbers[rows[i]!]!;
    if (v === v) squares += (v - mean) * (v - mean);
  }
  return { count, mean, std: count === 0 ? NaN : Math.sqrt(squares / count) };
}

function codedStats(codes: Int32Array, byCode: Float64Array, rows: Int32Array): PresentStats {
  // byCode with the missing value (NaN) in front, indexed by code + 1.
  const table = new Float64Array(byCode.length + 1);
  table[0] = NaN;
  table.set(byCode, 1);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = table[codes[rows[i]!]! + 1]!;
    if (v !== v) continue;
    sum += v;
    count++;
  }
  const mean = count === 0 ? NaN : sum / count;
  let squares = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = table[codes[rows[i]!]! + 1]!;
    if (v === v) squares += (v - mean) * (v - mean);
  }
  return { count, mean, std: count === 0 ? NaN : Math.sqrt(squares / count) };
}

/** The present values on `rows`, in that order. */
export function presentAt(values: RowValues, rows: Int32Array): Float64Array {
  if (values.kind === 'numbers') return gather(values.values, rows);
  if (values.kind !== 'coded') throw new Error('one-hot slots have no numbers');
  const { codes, byCode } = values;
  const out = new Float64Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const code = codes[rows[i]!]!;
    const v = code < 0 ? NaN : byCode[code]!;
    if (v === v) out[n++] = v;
  }
  return out.subarray(0, n);
}
