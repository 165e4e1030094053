/**
 * How one raw CSV cell is read: missing or not, as a number, a boolean or a date. The parser,
 * type inference, training-time preprocessing and `applyTransform` all go through these, so a
 * record typed in at inference is read exactly as the training file was.
 */

/** Cells that mean "no value" (compared trimmed and case-insensitively). */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', '#N/A', '<NA>', 'null', 'NaN', '?'];

export type MissingTest = (cell: string) => boolean;

export function missingTest(tokens: readonly string[] = DEFAULT_MISSING_TOKENS): MissingTest {
  const set = new Set(tokens.map((t) => t.trim().toLowerCase()));
  const longest = Math.max(0, ...[...set].map((t) => t.length));
  return (cell) => {
    if (cell.length === 0) return true;
    // Long cells cannot be tokens unless padded with spaces; skip the trim for them.
    if (cell.length > longest && cell.charCodeAt(0) > 32 && cell.charCodeAt(cell.length - 1) > 32) return false;
    return set.has(cell.trim().toLowerCase());
  };
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The cell as a finite number, or NaN. Accepts what JavaScript's `Number` accepts (surrounding
 * spaces, exponents) except blank cells and ±Infinity.
 *
 * Plain decimals of up to 15 digits ("-123.45") take a fast path: the digits as an exact integer
 * divided by an exact power of ten is one correctly rounded division, so it gives the same double
 * as `Number(cell)` — about twice as fast, which matters once per cell of every numeric column.
 * The whole and fractional digits are gathered in two loops, each a short chain of small-integer
 * multiply-adds, and joined once at the end.
 */
export function toNumber(cell: string): number {
  const n = cell.length;
  if (n === 0 || n > 17) return slowNumber(cell);
  const negative = cell.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  const start = i;
  let whole = 0;
  let d = 0;
  for (; i < n; i++) {
    d = cell.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const wholeDigits = i - start;
  if (i === n) {
    if (wholeDigits === 0 || wholeDigits > 15) return slowNumber(cell);
    return negative ? -whole : whole;
  }
  // Anything but one decimal point followed by digits only ("1e5", " 4", "1.2.3", "5.") is read by Number.
  if (d !== -2) return slowNumber(cell);
  const fractionStart = ++i;
  let fraction = 0;
  for (; i < n; i++) {
    d = cell.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return slowNumber(cell);
    fraction = fraction * 10 + d;
  }
  const fractionDigits = n - fractionStart;
  if (fractionDigits === 0 || wholeDigits + fractionDigits > 15) return slowNumber(cell);
  const scale = POW10[fractionDigits]!;
  const value = (whole * scale + fraction) / scale;
  return negative ? -value : value;
}

function slowNumber(cell: string): number {
  const v = +cell;
  if (v !== v || v === Infinity || v === -Infinity) return NaN;
  // `+''` and `+'  '` are 0: a blank cell is not the number zero.
  if (v === 0 && cell.trim() === '') return NaN;
  return v;
}

// "1.234,5", "-0,25", "12": a decimal comma, dots only as thousands separators.
// A leading group never starts with 0: "0.125" is not 125.
const DECIMAL_COMMA = /^\s*-?([1-9]\d{0,2}(\.\d{3})+|\d+)(,\d+)?\s*$/;

/** A number written with a decimal comma (as in much of Europe), or NaN. */
export function toNumberDecimalComma(cell: string): number {
  if (!DECIMAL_COMMA.test(cell)) return NaN;
  return toNumber(cell.trim().replace(/\./g, '').replace(',', '.'));
}

// "12,345.50", "-1,500", "1,234,567": commas only between groups of three digits.
const THOUSANDS = /^\s*[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?\s*$/;

/** A number with comma thousands separators ("12,345.5"), or a plain one; NaN otherwise. */
export function toNumberThousands(cell: string): number {
  if (cell.indexOf(',') < 0) return toNumber(cell);
  if (!THOUSANDS.test(cell)) return NaN;
  return toNumber(cell.trim().replace(/,/g, ''));
}

import type { NumberFormat } from './formats';

export type { NumberFormat } from './formats';
export { NUMBER_FORMAT_EXAMPLES, NUMBER_FORMATS } from './formats';

export function numberReader(format: NumberFormat): (cell: string) => number {
  return format === 'thousands' ? toNumberThousands : format === 'decimal-comma' ? toNumberDecimalComma : toNumber;
}

// Numbers a float cannot hold: inf, -Infinity, +INF, 1e309, -1.5E+400.
const NON_FINITE = /^\s*[-+]?(?:(inf|infinity)|\d+(?:\.\d*)?e\+?\d{3,})\s*$/i;

/**
 * Whether the cell writes infinity or a number too large for a float. Such cells belong to a
 * numeric column (they must not make it text) but carry no usable value: they read as missing.
 */
export function isNonFinite(cell: string): boolean {
  if (cell.length > 40) return false;
  const m = NON_FINITE.exec(cell);
  return m !== null && (m[1] !== undefined || !Number.isFinite(Number(cell.trim())));
}

const TRUE_TOKENS = ['true', 'yes', 'y', 't', '1'];
const FALSE_TOKENS = ['false', 'no', 'n', 'f', '0'];

/** 1 for true/yes/y/t/1, 0 for false/no/n/f/0 (any case), NaN otherwise. */
export function toBoolean(cell: string): number {
  const t = cell.trim().toLowerCase();
  if (TRUE_TOKENS.includes(t)) return 1;
  if (FALSE_TOKENS.includes(t)) return 0;
  return NaN;
}

/**
 * Which boolean pair a column's distinct values (trimmed, any case) belong to: {false, true},
 * {no, yes}, {n, y}, {f, t} or {0, 1}, as `[falseName, trueName]`; null when they are not all from
 * one pair ("yes" with "false" is not boolean).
 */
export function booleanPair(values: readonly string[]): readonly [string, string] | null {
  let pair = -1;
  for (const raw of values) {
    const v = raw.trim().toLowerCase();
    const i = Math.max(TRUE_TOKENS.indexOf(v), FALSE_TOKENS.indexOf(v));
    if (i < 0 || (pair >= 0 && i !== pair)) return null;
    pair = i;
  }
  return pair < 0 ? null : [FALSE_TOKENS[pair]!, TRUE_TOKENS[pair]!];
}

const DAY_MS = 86_400_000;
// ISO-like dates: 2024-03-05, 2024/3/5, 2024-03-05T14:30, 2024-03-05 14:30:00.123+02:00, …Z.
const DATE =
  /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$/i;

/**
 * An ISO-like date or date-time as days since 1970-01-01 (fractional for times), or NaN. Times
 * without a zone are read as UTC, so the result never depends on the machine's time zone.
 */
export function toDays(cell: string): number {
  const m = DATE.exec(cell);
  if (!m) return NaN;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = m[4] ? +m[4] : 0;
  const minute = m[5] ? +m[5] : 0;
  const second = m[6] ? +m[6] : 0;
  const ms = m[7] ? Math.round(+`0.${m[7]}` * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2023-02-30 over to March 2: such a date does not exist.
  if (new Date(time).getUTCDate() !== day) return NaN;
  return (time - zoneOffsetMs(m[8])) / DAY_MS;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = digits.length > 2 ? +digits.slice(2) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}
