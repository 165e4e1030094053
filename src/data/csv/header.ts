/**
 * Is the first record a header? Decided from the first rows, column by column: a header cell is
 * text sitting on top of a column of numbers or dates, or a number far outside the numbers below
 * it (the years heading fertility.csv's columns of rates: 1960 above 1.5 – 7.9). When every column
 * is text, it is a header unless one of its cells reappears below it (column names are rarely also
 * values), which is the usual case.
 */
import type { MissingTest } from './cells';
import { toDays, toNumber } from './cells';

type Kind = 'missing' | 'number' | 'date' | 'text';

function kindOf(cell: string, isMissing: MissingTest): Kind {
  if (isMissing(cell)) return 'missing';
  if (!Number.isNaN(toNumber(cell))) return 'number';
  if (!Number.isNaN(toDays(cell))) return 'date';
  return 'text';
}

/** `rows` are the first records of the file (the candidate header first), at least one. */
export function detectHeader(rows: readonly (readonly string[])[], isMissing: MissingTest): boolean {
  const first = rows[0];
  if (!first) return false;
  const body = rows.slice(1, 201);
  if (body.length === 0) return true;
  let typedColumns = 0;
  let numberColumns = 0;
  let numbersApart = 0;
  for (let c = 0; c < first.length; c++) {
    const counts: Record<Kind, number> = { missing: 0, number: 0, date: 0, text: 0 };
    for (const row of body) {
      const cell = row[c];
      if (cell !== undefined) counts[kindOf(cell, isMissing)]++;
    }
    const present = counts.number + counts.date + counts.text;
    if (present === 0) continue;
    const bodyKind: Kind | null =
      counts.number >= 0.9 * present ? 'number' : counts.date >= 0.9 * present ? 'date' : null;
    if (bodyKind === null) continue;
    typedColumns++;
    const head = kindOf(first[c] ?? '', isMissing);
    if (head === 'text') return true;
    if (bodyKind === 'number' && head === 'number') {
      numberColumns++;
      if (farOutside(toNumber(first[c]!), body, c)) numbersApart++;
    }
  }
  // Numbers as names: nearly every number column is headed by a value its column never comes near.
  if (numbersApart >= 2 && numbersApart >= 0.8 * numberColumns) return true;
  if (typedColumns > 0) return false;
  // All text: a header unless one of its cells is also a value further down.
  for (let c = 0; c < first.length; c++) {
    const name = first[c]!;
    if (isMissing(name)) continue;
    if (body.some((row) => row[c] === name)) return false;
  }
  return true;
}

/**
 * Whether `value` lies further from the column's numbers than their whole range (a row of data
 * seldom does; an increasing column's first value lies just below the rest, not that far).
 */
function farOutside(value: number, body: readonly (readonly string[])[], c: number): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const row of body) {
    const v = toNumber(row[c] ?? '');
    if (v !== v) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  if (!(range > 0)) return false;
  return value < min - range || value > max + range;
}

/** The note for a first row of numbers read as column names: it may be data. */
export function numericHeaderNote(names: readonly string[]): string | null {
  const numeric = names.filter((n) => !Number.isNaN(toNumber(n)));
  if (numeric.length < 2) return null;
  const shown = numeric.slice(0, 3).join(', ');
  return `the first row was read as column names (${shown}${numeric.length > 3 ? ', …' : ''}): its numbers are far from the values below them. If that row is data, set the header to no`;
}

export interface ColumnNames {
  readonly names: string[];
  /** What was changed, for a note: "column 3 had no name; called it column_3". */
  readonly renamed: string[];
}

/** Trimmed header names; blanks become `column_N`, repeats get `_2`, `_3`. */
export function columnNames(header: readonly string[] | null, count: number): ColumnNames {
  const names: string[] = [];
  const renamed: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const raw = header?.[i]?.trim() ?? '';
    let name = raw === '' ? `column_${i + 1}` : raw;
    if (header && raw === '') renamed.push(`column ${i + 1} has no name; called it ${name}`);
    if (used.has(name)) {
      let k = 2;
      while (used.has(`${name}_${k}`)) k++;
      renamed.push(`column ${i + 1} repeats the name '${name}'; called it ${name}_${k}`);
      name = `${name}_${k}`;
    }
    used.add(name);
    names.push(name);
  }
  return { names, renamed };
}
