/**
 * Collects one CSV column while the file streams by, without keeping a string per cell.
 *
 * A column starts dictionary-encoded: each distinct cell text gets a code, and a row costs one map
 * lookup. Once enough rows show it is a number column it switches to a Float64Array (a row costs
 * one number parse). A dictionary that passes `DICTIONARY_LIMIT` distinct texts that are not
 * numbers becomes a plain array of strings (free text, identifiers, timestamps). Each switch
 * keeps every cell, so the result is the same whichever way the column was collected.
 */
import type { MissingTest } from './cells';
import { toNumber } from './cells';
import { summarizeIntegers } from './integers';
import type { RawColumn } from './table';

export const DICTIONARY_LIMIT = 65_536;
/** Rows seen before a dictionary column may turn into a number column. */
const PROBE_ROWS = 256;
/** Share of numeric cells (among present ones) that makes a number column. */
const NUMERIC_SHARE = 0.95;
const MAX_EXAMPLES = 5;

const DICT = 0;
const NUMBERS = 1;
const STRINGS = 2;

type Rows = readonly (readonly string[])[];

export class ColumnBuilder {
  private mode = DICT;
  private length = 0;
  private probed = false;
  private map: Map<string, number> | null = new Map();
  /** Dictionary mode: the last text seen at each `recentSlot`, and its code. */
  private recentKey: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
  private recentCode = new Int32Array(RECENT_SLOTS);
  private values: string[] = [];
  private valueNumbers: number[] = [];
  private firstIndex: number[] = [];
  private codes: Int32Array | null;
  private numbers: Float64Array | null = null;
  private strings: (string | null)[] | null = null;
  private missing = 0;
  /** Number mode: every cell that was neither missing nor a number (few, or the column becomes strings). */
  private nonNumeric: { index: number; value: string }[] = [];

  constructor(
    readonly name: string,
    readonly index: number,
    capacity: number,
    private readonly isMissing: MissingTest,
  ) {
    this.codes = new Int32Array(Math.max(16, capacity));
  }

  /** Appends cell `c` of every row. */
  add(rows: Rows, c: number): void {
    this.reserve(this.length + rows.length);
    let i = 0;
    while (i < rows.length) {
      if (this.mode === DICT) i = this.addCodes(rows, c, i);
      else if (this.mode === NUMBERS) i = this.addNumbers(rows, c, i);
      else i = this.addStrings(rows, c, i);
    }
    if (!this.probed && this.mode === DICT && this.length >= PROBE_ROWS) {
      this.probed = true;
      if (this.numericShare() >= NUMERIC_SHARE) this.toNumbers();
    }
  }

  /** Returns where it stopped: the end, or the row whose new value made the column switch mode. */
  private addCodes(rows: Rows, c: number, from: number): number {
    const map = this.map!;
    const codes = this.codes!;
    const recentKey = this.recentKey;
    const recentCode = this.recentCode;
    let len = this.length;
    for (let i = from; i < rows.length; i++) {
      const cell = rows[i]![c]!;
      // A Map lookup hashes every character of a brand-new string; a few characters pick a slot
      // where the same text was last seen, and one comparison confirms it (the Map decides otherwise).
      const slot = recentSlot(cell);
      let code: number | undefined;
      if (recentKey[slot] === cell) code = recentCode[slot]!;
      else {
        code = map.get(cell);
        if (code === undefined) {
          this.length = len;
          code = this.insert(cell, len);
          if (this.mode !== DICT) return i;
        }
        recentKey[slot] = cell;
        recentCode[slot] = code;
      }
      codes[len++] = code;
    }
    this.length = len;
    return rows.length;
  }

  private insert(cell: string, at: number): number {
    if (this.isMissing(cell)) {
      this.map!.set(cell, -1);
      return -1;
    }
    if (this.values.length >= DICTIONARY_LIMIT) {
      if (this.numericShare() >= NUMERIC_SHARE) this.toNumbers();
      else this.toStrings();
      return -1;
    }
    const code = this.values.length;
    this.values.push(cell);
    this.valueNumbers.push(toNumber(cell));
    this.firstIndex.push(at);
    this.map!.set(cell, code);
    return code;
  }

  private addNumbers(rows: Rows, c: number, from: number): number {
    const numbers = this.numbers!;
    let len = this.length;
    for (let i = from; i < rows.length; i++) {
      const cell = rows[i]![c]!;
      const v = toNumber(cell);
      if (v === v) numbers[len++] = v;
      else {
        numbers[len] = NaN;
        if (this.isMissing(cell)) this.missing++;
        else if (
          this.nonNumeric.push({ index: len, value: cell }) > 20 &&
          this.nonNumeric.length > (len + 1) * (1 - NUMERIC_SHARE)
        ) {
          // Not a number column after all: keep its texts instead.
          this.length = len + 1;
          this.toStrings();
          return i + 1;
        }
        len++;
      }
    }
    this.length = len;
    return rows.length;
  }

  private addStrings(rows: Rows, c: number, from: number): number {
    const strings = this.strings!;
    for (let i = from; i < rows.length; i++) {
      const cell = rows[i]![c]!;
      if (this.isMissing(cell)) {
        strings.push(null);
        this.missing++;
      } else strings.push(cell);
    }
    this.length = strings.length;
    return rows.length;
  }

  private numericShare(): number {
    const codes = this.codes!;
    let present = 0;
    let numeric = 0;
    for (let i = 0; i < this.length; i++) {
      const code = codes[i]!;
      if (code < 0) continue;
      present++;
      if (!Number.isNaN(this.valueNumbers[code])) numeric++;
    }
    return present === 0 ? 0 : numeric / present;
  }

  private toNumbers(): void {
    const codes = this.codes!;
    const numbers = new Float64Array(codes.length);
    this.missing = 0;
    for (let i = 0; i < this.length; i++) {
      const code = codes[i]!;
      if (code < 0) {
        numbers[i] = NaN;
        this.missing++;
        continue;
      }
      const v = this.valueNumbers[code]!;
      numbers[i] = v;
      if (Number.isNaN(v)) this.nonNumeric.push({ index: i, value: this.values[code]! });
    }
    this.numbers = numbers;
    this.mode = NUMBERS;
    this.dropDictionary();
  }

  private toStrings(): void {
    const strings = new Array<string | null>(this.length);
    if (this.mode === DICT) {
      const codes = this.codes!;
      for (let i = 0; i < this.length; i++) {
        const code = codes[i]!;
        strings[i] = code < 0 ? null : this.values[code]!;
      }
    } else {
      const numbers = this.numbers!;
      for (let i = 0; i < this.length; i++) strings[i] = Number.isNaN(numbers[i]) ? null : String(numbers[i]);
      for (const { index, value } of this.nonNumeric) strings[index] = value;
      this.numbers = null;
      this.nonNumeric = [];
    }
    this.missing = 0;
    for (const s of strings) if (s === null) this.missing++;
    this.strings = strings;
    this.mode = STRINGS;
    this.dropDictionary();
  }

  private dropDictionary(): void {
    this.codes = null;
    this.map = null;
    this.recentKey = [];
    this.values = [];
    this.valueNumbers = [];
    this.firstIndex = [];
  }

  private reserve(needed: number): void {
    const current = this.codes ?? this.numbers;
    if (!current || current.length >= needed) return;
    const size = Math.max(needed, Math.ceil(current.length * 1.5));
    if (this.codes) this.codes = grow(this.codes, new Int32Array(size));
    if (this.numbers) this.numbers = grow(this.numbers, new Float64Array(size));
  }

  finish(): RawColumn {
    const base = { name: this.name, index: this.index, length: this.length };
    if (this.mode === DICT) {
      const codes = trim(this.codes!, this.length);
      const counts = new Array<number>(this.values.length).fill(0);
      let missing = 0;
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!;
        if (code < 0) missing++;
        else counts[code]!++;
      }
      return { ...base, kind: 'dictionary', missing, values: this.values, counts, firstIndex: this.firstIndex, codes };
    }
    if (this.mode === NUMBERS) {
      const numbers = trim(this.numbers!, this.length);
      return {
        ...base,
        kind: 'numbers',
        missing: this.missing,
        numbers,
        nonNumeric: this.nonNumeric.length,
        nonNumericExamples: this.nonNumeric.slice(0, MAX_EXAMPLES),
        // At most 5 % of the rows (else the column became text): kept whole, so a column whose
        // few odd cells are "1,500" or "Inf" can still be read in another number format.
        nonNumericCells: this.nonNumeric,
        integers: summarizeIntegers(numbers),
      };
    }
    return { ...base, kind: 'strings', missing: this.missing, strings: this.strings! };
  }
}

const RECENT_BITS = 10;
const RECENT_SLOTS = 1 << RECENT_BITS;

/** A slot from the length and four characters of the text (not all of them: that is the point). */
function recentSlot(cell: string): number {
  const n = cell.length;
  if (n === 0) return 0;
  const mixed =
    (n << 24) ^
    (cell.charCodeAt(0) << 16) ^
    (cell.charCodeAt(n >> 1) << 8) ^
    (cell.charCodeAt((n * 3) >> 2) << 4) ^
    cell.charCodeAt(n - 1);
  return Math.imul(mixed, 0x9e3779b1) >>> (32 - RECENT_BITS);
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The first `length` items, copied when that frees much of an over-allocated buffer. */
function trim<T extends Int32Array | Float64Array>(array: T, length: number): T {
  if (array.length === length) return array;
  return (length < array.length * 0.9 ? array.slice(0, length) : array.subarray(0, length)) as T;
}
