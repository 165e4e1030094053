/**
 * Seeded randomness for repeatable runs. tfjs draws every unseeded random tensor (weight
 * initialisers, dropout masks, Gaussian noise) from `seedrandom.alea(String(Math.random()))`, in
 * JavaScript on every backend, so swapping `Math.random` for a seeded stream during a
 * *synchronous* block makes those draws repeatable without touching the layers' own configs.
 */

/** A small PRNG (mulberry32) whose whole state is one uint32, so it fits in a checkpoint. */
export class Rng {
  private s: number;

  constructor(state: number) {
    this.s = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  get state(): number {
    return this.s;
  }

  set state(value: number) {
    this.s = value >>> 0;
  }
}

/** What each independent stream of a run is for; each gets its own state from the seed. */
export type RngStream = 'init' | 'shuffle' | 'noise' | 'augment';
const STREAM_SALT: Record<RngStream, number> = { init: 0x9e3779b9, shuffle: 0x85ebca6b, noise: 0xc2b2ae35, augment: 0x27d4eb2f };

/** Mixes the seed with the stream's salt (murmur3's finaliser) so nearby seeds give unrelated streams. */
export function rngFor(seed: number, stream: RngStream): Rng {
  let h = (seed ^ STREAM_SALT[stream]) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return new Rng((h ^ (h >>> 16)) >>> 0);
}

/** A fresh seed for runs that did not ask for one (reported back so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * Runs `fn` with `Math.random` drawing from `rng`. `fn` must be synchronous: nothing else can run
 * while the swap is in place, and the original is put back even when `fn` throws.
 */
export function withSeededRandom<T>(rng: Rng, fn: () => T): T {
  const original = Math.random;
  Math.random = () => rng.next();
  try {
    const out = fn();
    if (out instanceof Promise) throw new Error('withSeededRandom needs a synchronous function');
    return out;
  } finally {
    Math.random = original;
  }
}

/** 0…n-1 in an order drawn from `rng` (Fisher–Yates). */
export function shuffledIndices(n: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

export function sequentialIndices(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
