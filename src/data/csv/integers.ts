/**
 * What a number column's values look like as integers, computed once when the column is done:
 * how many distinct values (for booleans, class labels, identifiers) and, when there are few,
 * each value's count.
 */

export interface IntegerSummary {
  /** Distinct values, null when too spread out to count cheaply. */
  readonly distinct: number | null;
  /** Distinct values ascending, with `counts`, when there are at most `MAX_LISTED`. */
  readonly values: readonly number[] | null;
  readonly counts: readonly number[] | null;
  /** Whether the values strictly increase down the rows, as a row id does. */
  readonly increasing: boolean;
}

const MAX_SPAN = 1 << 22;
export const MAX_LISTED = 1000;

/** Null unless every present (non-NaN) value is an integer. */
export function summarizeIntegers(numbers: Float64Array): IntegerSummary | null {
  let min = Infinity;
  let max = -Infinity;
  let previous = -Infinity;
  let increasing = true;
  let present = 0;
  for (let i = 0; i < numbers.length; i++) {
    const v = numbers[i]!;
    if (v !== v) continue;
    if (!Number.isInteger(v)) return null;
    present++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v <= previous) increasing = false;
    previous = v;
  }
  if (present === 0) return null;
  if (max - min + 1 > MAX_SPAN)
    return { distinct: increasing ? present : null, values: null, counts: null, increasing };
  const tally = new Int32Array(max - min + 1);
  for (let i = 0; i < numbers.length; i++) {
    const v = numbers[i]!;
    if (v === v) tally[v - min]!++;
  }
  let distinct = 0;
  for (let k = 0; k < tally.length; k++) if (tally[k]! > 0) distinct++;
  if (distinct > MAX_LISTED) return { distinct, values: null, counts: null, increasing };
  const values: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < tally.length; k++) {
    if (tally[k]! > 0) {
      values.push(k + min);
      counts.push(tally[k]!);
    }
  }
  return { distinct, values, counts, increasing };
}
