/**
 * What a column holds, measured once over all its rows: counts of numbers, dates and booleans,
 * distinct values, numeric statistics. Type inference (columns.ts) decides from these; the
 * per-type work is done once per distinct value wherever the column is dictionary-encoded.
 */
import { booleanPair, toDays, toNumber, toNumberDecimalComma } from './csv/cells';
import type { RawColumn } from './csv/table';
import { columnMapped } from './csv/table';

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
  /** Present cells that read as decimal-comma numbers ("3,5"), when some have the comma; else 0. */
  readonly decimalComma: number;
  /** Whether `numeric` and `numbers` count decimal-comma numbers (see decimalCommaProfile). */
  readonly readsDecimalComma?: boolean;
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
  let decimalReadable = 0;
  let decimalCommas = 0;
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
    if (!Number.isNaN(toNumberDecimalComma(values[i]!))) {
      decimalReadable += c;
      if (values[i]!.includes(',')) decimalCommas += c;
    }
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
    decimalComma: decimalCommas > 0 ? decimalReadable : 0,
  };
}

/** The profile of a numeric column written with decimal commas, its numbers read that way. */
export function decimalCommaProfile(column: RawColumn, p: ColumnProfile): ColumnProfile {
  const values = columnMapped(column, toNumberDecimalComma);
  let numeric = 0;
  for (const v of values) if (v === v) numeric++;
  return {
    ...p,
    numeric,
    numbers: summarize(values),
    integersOnly: false,
    rowId: false,
    nonNumericExamples: [],
    readsDecimalComma: true,
  };
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
    decimalComma: 0,
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
  let sampledDecimal = 0;
  let sampledCommas = 0;
  for (let i = 0; i < strings.length; i += step) {
    const s = strings[i];
    if (s == null) continue;
    sampled++;
    if (!Number.isNaN(toNumberDecimalComma(s))) {
      sampledDecimal++;
      if (s.includes(',')) sampledCommas++;
    }
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
    decimalComma: sampledCommas > 0 ? Math.round(sampledDecimal * scale) : 0,
  };
}
