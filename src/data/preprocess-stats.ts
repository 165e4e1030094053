/**
 * The statistics preprocessing learns from the training split. NaN means missing and is skipped
 * everywhere; each function returns NaN when there is nothing to measure.
 */

/** `values[rows[i]]` for every i whose value is present (not NaN). */
export function gather(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]!]!;
    if (v === v) out[n++] = v;
  }
  return out.subarray(0, n);
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    sum += v;
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** Population standard deviation (divides by n, as scikit-learn's StandardScaler does). */
export function std(values: ArrayLike<number>, center = mean(values)): number {
  let squares = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    squares += (v - center) * (v - center);
    n++;
  }
  return n === 0 ? NaN : Math.sqrt(squares / n);
}

export function minMax(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: NaN, max: NaN };
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: ArrayLike<number>): number {
  const sorted = presentCopy(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The most frequent value; among equally frequent ones, the smallest. */
export function mode(values: ArrayLike<number>): number {
  const sorted = presentCopy(values).sort();
  let best = NaN;
  let bestCount = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = sorted[i]!;
    }
    i = j;
  }
  return best;
}

function presentCopy(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out[n++] = v;
  }
  return out.slice(0, n);
}
