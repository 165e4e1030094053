/**
 * Chart helpers over plain arrays. minMaxDownsample keeps each bucket's lowest and highest point
 * (in x order), so spikes such as a diverging loss survive thinning to ~1,000 points.
 */

export interface Point {
  x: number;
  y: number;
}

/** At most ~`target` points from the first `length` values of xs/ys; non-finite ys are dropped. */
export function minMaxDownsample(xs: ArrayLike<number>, ys: ArrayLike<number>, length: number, target = 1000): Point[] {
  const out: Point[] = [];
  if (length <= target) {
    for (let i = 0; i < length; i++) if (Number.isFinite(ys[i]!)) out.push({ x: xs[i]!, y: ys[i]! });
    return out;
  }
  const buckets = Math.max(1, Math.floor(target / 2));
  const size = length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(length, Math.floor((b + 1) * size));
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const y = ys[i]!;
      if (!Number.isFinite(y)) continue;
      if (lo < 0 || y < ys[lo]!) lo = i;
      if (hi < 0 || y > ys[hi]!) hi = i;
    }
    if (lo < 0) continue;
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    out.push({ x: xs[first]!, y: ys[first]! });
    if (second !== first) out.push({ x: xs[second]!, y: ys[second]! });
  }
  return out;
}

/** Exponential moving average with bias correction (as TensorBoard's smoothing slider). */
export function smooth(ys: ArrayLike<number>, length: number, weight = 0.9): Float64Array {
  const out = new Float64Array(length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const y = ys[i]!;
    if (!Number.isFinite(y)) {
      out[i] = Number.NaN;
      continue;
    }
    last = last * weight + (1 - weight) * y;
    count++;
    out[i] = last / (1 - weight ** count);
  }
  return out;
}
