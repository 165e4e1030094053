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

/**
 * minMaxDownsample kept up to date as points arrive, so a redraw costs O(new points + target)
 * however long the run is. Buckets hold a fixed number of input points; when they run out, each
 * pair is merged (keeping the lower low and the higher high) and the bucket width doubles.
 */
export class LiveDownsampler {
  private width = 1;
  private used = 0;
  /** Input points in the last bucket. */
  private fill = 0;
  private readonly loX: Float64Array;
  private readonly loY: Float64Array;
  private readonly hiX: Float64Array;
  private readonly hiY: Float64Array;
  private readonly hasPoint: Uint8Array;
  /** Even, so that a halving always lands within the wider buckets' capacity. */
  private readonly target: number;

  constructor(target = 1000) {
    if (!(target >= 4)) throw new RangeError(`LiveDownsampler: target must be at least 4 points; got ${target}`);
    this.target = 2 * Math.floor(target / 2);
    this.loX = new Float64Array(this.target);
    this.loY = new Float64Array(this.target);
    this.hiX = new Float64Array(this.target);
    this.hiY = new Float64Array(this.target);
    this.hasPoint = new Uint8Array(this.target);
  }

  /** One-point buckets show every point, so up to `target` of them; wider ones show two each. */
  private get capacity(): number {
    return this.width === 1 ? this.target : Math.floor(this.target / 2);
  }

  clear(): void {
    this.width = 1;
    this.used = 0;
    this.fill = 0;
  }

  push(x: number, y: number): void {
    if (this.used === 0 || this.fill === this.width) {
      // Output stays between half the target and the target: halve until a bucket is free.
      while (this.used >= this.capacity && this.fill === this.width) this.halve();
      if (this.used === 0 || this.fill === this.width) {
        this.hasPoint[this.used] = 0;
        this.used += 1;
        this.fill = 0;
      }
    }
    this.fill += 1;
    if (!Number.isFinite(y)) return;
    const b = this.used - 1;
    if (!this.hasPoint[b]) {
      this.hasPoint[b] = 1;
      this.loX[b] = this.hiX[b] = x;
      this.loY[b] = this.hiY[b] = y;
      return;
    }
    if (y < this.loY[b]!) {
      this.loX[b] = x;
      this.loY[b] = y;
    }
    if (y > this.hiY[b]!) {
      this.hiX[b] = x;
      this.hiY[b] = y;
    }
  }

  private halve(): void {
    const merged = Math.ceil(this.used / 2);
    for (let i = 0; i < merged; i++) {
      const a = 2 * i;
      const b = a + 1;
      let has = this.hasPoint[a]!;
      let loX = this.loX[a]!;
      let loY = this.loY[a]!;
      let hiX = this.hiX[a]!;
      let hiY = this.hiY[a]!;
      if (b < this.used && this.hasPoint[b]) {
        if (!has || this.loY[b]! < loY) [loX, loY] = [this.loX[b]!, this.loY[b]!];
        if (!has || this.hiY[b]! > hiY) [hiX, hiY] = [this.hiX[b]!, this.hiY[b]!];
        has = 1;
      }
      this.hasPoint[i] = has;
      this.loX[i] = loX;
      this.loY[i] = loY;
      this.hiX[i] = hiX;
      this.hiY[i] = hiY;
    }
    // An odd count leaves the last merged bucket half full.
    this.fill = this.used % 2 === 1 ? this.width : 2 * this.width;
    this.used = merged;
    this.width *= 2;
  }

  /** The kept points in x order (each bucket's low and high, once if they are the same point). */
  points(): Point[] {
    const out: Point[] = [];
    for (let b = 0; b < this.used; b++) {
      if (!this.hasPoint[b]) continue;
      const loFirst = this.loX[b]! <= this.hiX[b]!;
      out.push(loFirst ? { x: this.loX[b]!, y: this.loY[b]! } : { x: this.hiX[b]!, y: this.hiY[b]! });
      if (this.loX[b] !== this.hiX[b]) out.push(loFirst ? { x: this.hiX[b]!, y: this.hiY[b]! } : { x: this.loX[b]!, y: this.loY[b]! });
    }
    return out;
  }
}

/** `smooth` one value at a time: the same bias-corrected moving average, for live series. */
export class LiveSmoother {
  private last = 0;
  private count = 0;

  constructor(private readonly weight = 0.9) {}

  clear(): void {
    this.last = 0;
    this.count = 0;
  }

  next(y: number): number {
    if (!Number.isFinite(y)) return Number.NaN;
    this.last = this.last * this.weight + (1 - this.weight) * y;
    this.count += 1;
    return this.last / (1 - this.weight ** this.count);
  }
}
