/**
 * A parsed CSV held column by column (see column-builder.ts for why three representations).
 * Plain data only — typed arrays, arrays, numbers, strings — so it can be posted between a worker
 * and the page.
 */
import type { DataProblem } from '../errors';
import type { NumberFormat } from './cells';
import { numberReader, toNumber } from './cells';
import type { IntegerSummary } from './integers';

interface ColumnBase {
  readonly name: string;
  /** Position of the column in the file (0-based). */
  readonly index: number;
  /** Number of data rows. */
  readonly length: number;
  /** Cells that are missing (empty, NA, …). */
  readonly missing: number;
}

/** Few distinct values: each row holds a code into `values`. */
export interface DictionaryColumn extends ColumnBase {
  readonly kind: 'dictionary';
  /** Distinct non-missing cell texts, in first-seen order. */
  readonly values: readonly string[];
  readonly counts: readonly number[];
  /** Data row index where each value first appears. */
  readonly firstIndex: readonly number[];
  /** Per row: index into `values`, or -1 when missing. */
  readonly codes: Int32Array;
}

/** Many distinct values, (nearly) all numbers. */
export interface NumberColumn extends ColumnBase {
  readonly kind: 'numbers';
  /** NaN where the cell is missing or is not a number. */
  readonly numbers: Float64Array;
  /** Cells that were neither missing nor numbers; they read as missing. */
  readonly nonNumeric: number;
  readonly nonNumericExamples: readonly { readonly index: number; readonly value: string }[];
  /** Every such cell, in row order. */
  readonly nonNumericCells: readonly { readonly index: number; readonly value: string }[];
  /** Set when every present value is an integer. */
  readonly integers: IntegerSummary | null;
}

/** Many distinct values, not numbers: free text, identifiers, timestamps. */
export interface StringColumn extends ColumnBase {
  readonly kind: 'strings';
  /** null where the cell is missing. */
  readonly strings: readonly (string | null)[];
}

export type RawColumn = DictionaryColumn | NumberColumn | StringColumn;

export interface ParsedCsv {
  readonly columns: readonly RawColumn[];
  readonly rowCount: number;
  /** Whether the first record was read as column names. */
  readonly header: boolean;
  readonly delimiter: string;
  readonly newline: string;
  /** Whether the file started with a UTF-8 byte order mark (removed). */
  readonly bom: boolean;
  readonly encoding: string;
  /** Size of the input in bytes (characters for a string input). */
  readonly bytes: number;
  /** The first data rows, cell texts as in the file. */
  readonly preview: readonly (readonly string[])[];
  /** File row numbers of records that are not data rows (skipped bad rows, blank lines), ascending. */
  readonly skippedRows: readonly number[];
  /** Rows skipped because their field count was wrong (skipBadRows), the first 1,000. */
  readonly badRows: readonly { readonly row: number; readonly fields: number }[];
  readonly badRowCount: number;
  readonly missingTokens: readonly string[];
  /** Warnings and notes from parsing (fatal problems are thrown instead). */
  readonly problems: readonly DataProblem[];
}

/** The file row (1-based, header = row 1, as a spreadsheet numbers it) of data row `index`. */
export function fileRow(parsed: Pick<ParsedCsv, 'header' | 'skippedRows'>, index: number): number {
  let row = index + (parsed.header ? 2 : 1);
  for (const skipped of parsed.skippedRows) {
    if (skipped <= row) row++;
    else break;
  }
  return row;
}

/** Cell text of data row `index`, null when missing. Number columns give the number's text. */
export function cellText(column: RawColumn, index: number): string | null {
  switch (column.kind) {
    case 'dictionary': {
      const code = column.codes[index]!;
      return code < 0 ? null : column.values[code]!;
    }
    case 'numbers': {
      const v = column.numbers[index]!;
      return Number.isNaN(v) ? null : String(v);
    }
    case 'strings':
      return column.strings[index] ?? null;
  }
}

/** Every row as a number (NaN where missing or not a number). */
export function columnNumbers(column: RawColumn): Float64Array {
  if (column.kind === 'numbers') return column.numbers;
  const out = new Float64Array(column.length);
  if (column.kind === 'dictionary') {
    const byCode = column.values.map(toNumber);
    for (let i = 0; i < out.length; i++) {
      const code = column.codes[i]!;
      out[i] = code < 0 ? NaN : byCode[code]!;
    }
  } else {
    for (let i = 0; i < out.length; i++) {
      const s = column.strings[i];
      out[i] = s == null ? NaN : toNumber(s);
    }
  }
  return out;
}

/**
 * Every row as a number in the column's number format (NaN where missing or unreadable). Number
 * columns hold plain-read values, which every format reads alike; their few other cells are read
 * from their text.
 */
export function columnValues(column: RawColumn, format: NumberFormat): Float64Array {
  if (format === 'plain') return columnNumbers(column);
  const read = numberReader(format);
  if (column.kind !== 'numbers') return columnMapped(column, read);
  // A decimal-comma column cannot hold "3.25": only whole numbers read the same in it.
  const out =
    format === 'decimal-comma' ? columnMapped(column, read) : new Float64Array(column.numbers);
  for (const { index, value } of column.nonNumericCells) out[index] = read(value);
  return out;
}

/** Every row through `read` (NaN where missing); each distinct text is read once when it can be. */
export function columnMapped(column: RawColumn, read: (cell: string) => number): Float64Array {
  const out = new Float64Array(column.length);
  if (column.kind === 'dictionary') {
    const byCode = column.values.map(read);
    for (let i = 0; i < out.length; i++) {
      const code = column.codes[i]!;
      out[i] = code < 0 ? NaN : byCode[code]!;
    }
  } else if (column.kind === 'strings') {
    for (let i = 0; i < out.length; i++) {
      const s = column.strings[i];
      out[i] = s == null ? NaN : read(s);
    }
  } else {
    for (let i = 0; i < out.length; i++) {
      const v = column.numbers[i]!;
      out[i] = Number.isNaN(v) ? NaN : read(String(v));
    }
  }
  return out;
}
