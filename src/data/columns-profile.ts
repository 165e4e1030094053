/**
 * What a column holds, measured once over all its rows: counts of numbers, dates and booleans,
 * distinct values, numeric statistics. Type inference (columns.ts) decides from these; the
 * per-type work is done once per distinct value wherever the column is dictionary-encoded.
 */
import type { NumberFormat } from './csv/cells';
import { booleanPair, numberReader, toDays, toNumber } from './csv/cells';
import type { RawColumn } from './csv/table';
import { columnValues } from './csv/table';
import type { FormatChoice } from './number-format';
import { chooseNumberFormat, FormatTally } from './number-format';

export interface NumericSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
}

export interface ColumnProfile {
  readonly present: number;
  readonly missing: number;
  /** Present cells that read as numbers. */
  readonly numeric: number;
  /** Present cells that read as ISO-like dates (estimated from a sample for string columns). */
  readonly dates: number;
  /** Distinct present values; null when there are too many to have counted. */
  readonly distinct: number | null;
  /** Most frequent values (as text), most frequent first, up to 5. */
  readonly top: readonly { readonly value: string; readonly count: number }[];
  /** The boolean pair `[false, true]` the values belong to, or null. */
  readonly booleanPair: readonly [string, string] | null;
  /** Average length of the present texts. */
  readonly meanLength: number;
  /** Statistics of the numeric cells, null when there are none. */
  readonly numbers: NumericSummary | null;
  readonly integersOnly: boolean;
  /** Integers, each different, increasing down the rows (20 rows or more): a row number or id. */
  readonly rowId: boolean;
  /** Cells that are neither missing nor numbers, with where the first few are (data row indices). */
  readonly nonNumericExamples: readonly { readonly index: number; readonly value: string }[];
  /** The number format the values suggest (see number-format.ts), and how many cells it reads. */
  readonly autoFormat: FormatChoice;
  /** The first cell read differently by the two comma formats, when the column is ambiguous. */
  readonly ambiguousExample: { readonly index: number; readonly value: string } | null;
  /** Cells writing infinity or a number too large for a float ("inf", "1e309"): missing values of a number column. */
  readonly nonFinite: number;
  /** The format `numeric`, `numbers` and `nonNumericExamples` were read with. */
  readonly numberFormat: NumberFormat;
}

const TOP = 5;
const STRING_SAMPLE = 2000;
/** Fewer increasing integers than this may be a coincidence, not a row id. */
const MIN_ID_ROWS = 20;

export function profileColumn(column: RawColumn): ColumnProfile {
  switch (column.kind) {
    case 'dictionary':
      return profileDictionary(column.values, column.counts, column.firstIndex, column.missing);
    case 'numbers':
      return profileNumbers(column);
    case 'strings':
      return profileStrings(column.strings, column.missing);
  }
}

function summarize(values: ArrayLike<number>, weights?: ArrayLike<number>): NumericSummary | null {
  // A million-row number column has no weights: its own loop stays monomorphic and branch-free.
  if (!weights && values instanceof Float64Array) return summarizeFloat64(values);
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const w = weights ? weights[i]! : 1;
    n += w;
    sum += v * w;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return null;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    squares += (v - mean) * (v - mean) * (weights ? weights[i]! : 1);
  }
  return { min, max, mean, std: Math.sqrt(squares / n) };
}

/** `summarize` without weights: the same sums in the same order, so the same results. */
function summarizeFloat64(values: Float64Array): NumericSummary | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return null;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) squares += (v - mean) * (v - mean);
  }
  return { min, max, mean, std: Math.sqrt(squares / n) };
}

function topOf(values: readonly string[], counts: readonly number[]): { value: string; count: number }[] {
  // One pass keeping the best few: string columns can have a million distinct values.
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (best.length === TOP && counts[i]! <= counts[best[TOP - 1]!]!) continue;
    let at = best.length;
    while (at > 0 && counts[best[at - 1]!]! < counts[i]!) at--;
    best.splice(at, 0, i);
    if (best.length > TOP) best.pop();
  }
  return best.map((i) => ({ value: values[i]!, count: counts[i]! }));
}

function profileDictionary(
  values: readonly string[],
  counts: readonly number[],
  firstIndex: readonly number[],
  missing: number,
): ColumnProfile {
  const asNumbers = values.map(toNumber);
  const tally = new FormatTally();
  let present = 0;
  let numeric = 0;
  let dates = 0;
  let length = 0;
  let integersOnly = true;
  const nonNumericExamples: { index: number; value: string }[] = [];
  for (let i = 0; i < values.length; i++) {
    const c = counts[i]!;
    present += c;
    length += values[i]!.length * c;
    tally.add(values[i]!, c, firstIndex[i]!);
    if (!Number.isNaN(asNumbers[i])) {
      numeric += c;
      if (!Number.isInteger(asNumbers[i])) integersOnly = false;
    } else {
      if (!Number.isNaN(toDays(values[i]!))) dates += c;
      nonNumericExamples.push({ index: firstIndex[i]!, value: values[i]! });
    }
  }
  nonNumericExamples.sort((a, b) => a.index - b.index);
  return {
    present,
    missing,
    numeric,
    dates,
    distinct: values.length,
    top: topOf(values, counts),
    booleanPair: values.length <= 2 ? booleanPair(values) : null,
    meanLength: present ? length / present : 0,
    numbers: summarize(asNumbers, counts),
    integersOnly: numeric > 0 && integersOnly,
    rowId:
      values.length === present &&
      present >= MIN_ID_ROWS &&
      numeric === present &&
      integersOnly &&
      increasingInOrder(asNumbers),
    nonNumericExamples: nonNumericExamples.slice(0, TOP),
    ...formatFields(tally),
  };
}

function formatFields(tally: FormatTally) {
  return {
    autoFormat: chooseNumberFormat(tally),
    ambiguousExample: tally.differ ? tally.example : null,
    nonFinite: tally.nonFinite,
    numberFormat: 'plain' as const,
  };
}

/** The profile of a numeric column with its numbers read in `format` instead of plainly. */
export function formatProfile(column: RawColumn, p: ColumnProfile, format: NumberFormat): ColumnProfile {
  const values = columnValues(column, format);
  let numeric = 0;
  let integers = true;
  for (const v of values) {
    if (v !== v) continue;
    numeric++;
    if (!Number.isInteger(v)) integers = false;
  }
  return {
    ...p,
    numeric,
    numbers: summarize(values),
    integersOnly: numeric > 0 && integers,
    rowId: false,
    nonNumericExamples: unreadExamples(column, numberReader(format)),
    numberFormat: format,
  };
}

/** The first few present cells (by row) that `read` does not read as numbers. */
function unreadExamples(column: RawColumn, read: (cell: string) => number): { index: number; value: string }[] {
  const found: { index: number; value: string }[] = [];
  if (column.kind === 'numbers') {
    for (const cell of column.nonNumericCells) if (Number.isNaN(read(cell.value)) && found.push(cell) >= TOP) break;
  } else if (column.kind === 'dictionary') {
    column.values.forEach((value, k) => {
      if (Number.isNaN(read(value))) found.push({ index: column.firstIndex[k]!, value });
    });
    found.sort((a, b) => a.index - b.index);
  } else {
    for (let i = 0; i < column.strings.length && found.length < TOP; i++) {
      const s = column.strings[i];
      if (s != null && Number.isNaN(read(s))) found.push({ index: i, value: s });
    }
  }
  return found.slice(0, TOP);
}

/** Values in first-seen order, each seen once: increasing means the rows were increasing. */
function increasingInOrder(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i]! > values[i - 1]!)) return false;
  return true;
}

function profileNumbers(column: Extract<RawColumn, { kind: 'numbers' }>): ColumnProfile {
  const ints = column.integers;
  const present = column.length - column.missing;
  const numeric = present - column.nonNumeric;
  const listed = ints?.values ?? null;
  const top = listed && ints?.counts ? topOf(listed.map(String), ints.counts) : [];
  const tally = new FormatTally();
  tally.addPlainValues(numeric, ints !== null);
  for (const cell of column.nonNumericCells) tally.add(cell.value, 1, cell.index);
  return {
    present,
    missing: column.missing,
    numeric,
    dates: 0,
    distinct: ints?.distinct ?? null,
    top,
    booleanPair: listed && listed.length === 2 && listed[0] === 0 && listed[1] === 1 ? ['0', '1'] : null,
    meanLength: 0,
    numbers: summarize(column.numbers),
    integersOnly: ints !== null,
    rowId: ints !== null && ints.increasing && ints.distinct === numeric && numeric >= MIN_ID_ROWS,
    nonNumericExamples: column.nonNumericExamples,
    ...formatFields(tally),
  };
}

function profileStrings(strings: readonly (string | null)[], missing: number): ColumnProfile {
  const seen = new Map<string, number>();
  let length = 0;
  for (const s of strings) {
    if (s === null) continue;
    length += s.length;
    seen.set(s, (seen.get(s) ?? 0) + 1);
  }
  const present = strings.length - missing;
  // Dates and numbers: judged on an even sample of the present values.
  const step = Math.max(1, Math.floor(strings.length / STRING_SAMPLE));
  let sampled = 0;
  let sampledDates = 0;
  let sampledNumbers = 0;
  const tally = new FormatTally();
  for (let i = 0; i < strings.length; i += step) {
    const s = strings[i];
    if (s == null) continue;
    sampled++;
    tally.add(s, 1, i);
    if (!Number.isNaN(toNumber(s))) sampledNumbers++;
    else if (!Number.isNaN(toDays(s))) sampledDates++;
  }
  const scale = sampled ? present / sampled : 0;
  const values = [...seen.keys()];
  return {
    present,
    missing,
    numeric: Math.round(sampledNumbers * scale),
    dates: Math.round(sampledDates * scale),
    distinct: seen.size,
    top: topOf(values, [...seen.values()]),
    booleanPair: null,
    meanLength: present ? length / present : 0,
    numbers: null,
    integersOnly: false,
    rowId: false,
    nonNumericExamples: [],
    ...formatFields(scaleTally(tally, scale)),
  };
}

/** A sample's tally scaled to the whole column. */
function scaleTally(tally: FormatTally, scale: number): FormatTally {
  const whole = new FormatTally();
  Object.assign(whole, tally);
  for (const key of ['commaCells', 'plain', 'thousands', 'decimalComma', 'nonFinite'] as const)
    whole[key] = Math.round(tally[key] * scale);
  return whole;
}
