/**
 * The one seeded random source of the app: data splits, shuffles, augmentation, built-in datasets,
 * training (initialisers, dropout, batch order), hyperparameter sampling and the kernel tests all
 * draw from here, so the same seed gives the same result in the browser, in the worker and in the
 * CLI. It lives in src/data because data, training, the CLI and (as a pure-value exception in
 * eslint.config.js) the pipeline may all import it; it imports nothing.
 */

/** A stream of numbers in [0, 1). */
export type Rng = () => number;

/** An Rng whose whole state is one uint32 that can be read and put back (training checkpoints). */
export interface SeededRng extends Rng {
  state: number;
}

/** mulberry32: a tiny, fast 32-bit PRNG with a full 2^32 period; good enough for shuffling. */
export function mulberry32(seed: number): SeededRng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // An accessor rather than a field: the closure's `state` is what `next` advances.
  return Object.defineProperty(next, 'state', {
    get: () => state,
    set: (value: number) => {
      state = value >>> 0;
    },
    enumerable: true,
  }) as SeededRng;
}

/** An integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates, in place; returns `items` for chaining. */
export function shuffleInPlace<T extends { [index: number]: unknown; length: number }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j]!;
    items[j] = tmp!;
  }
  return items;
}

/** 0…n-1 in order. */
export function sequentialIndices(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** 0…n-1 in an order drawn from `rng` (Fisher–Yates). */
export function shuffledIndices(n: number, rng: Rng): Uint32Array {
  return shuffleInPlace(sequentialIndices(n), rng);
}

/** What each independent stream of a training run is for; each gets its own state from the seed. */
export type RngStream = 'init' | 'shuffle' | 'noise' | 'augment';
const STREAM_SALT: Record<RngStream, number> = {
  init: 0x9e3779b9,
  shuffle: 0x85ebca6b,
  noise: 0xc2b2ae35,
  augment: 0x27d4eb2f,
};

/** Mixes the seed with the stream's salt (murmur3's finaliser) so nearby seeds give unrelated streams. */
export function rngFor(seed: number, stream: RngStream): SeededRng {
  let h = (seed ^ STREAM_SALT[stream]) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

/** A fresh seed for runs that did not ask for one (reported back so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * Runs `fn` with `Math.random` drawing from `rng`. tfjs draws every unseeded random tensor (weight
 * initialisers, dropout masks, Gaussian noise) from `seedrandom.alea(String(Math.random()))`, in
 * JavaScript on every backend, so the swap makes those draws repeatable without touching the
 * layers' configs. `fn` must be synchronous: nothing else can run while the swap is in place, and
 * the original is put back even when `fn` throws.
 */
export function withSeededRandom<T>(rng: Rng, fn: () => T): T {
  const original = Math.random;
  Math.random = rng;
  try {
    const out = fn();
    if (out instanceof Promise) throw new Error('withSeededRandom needs a synchronous function');
    return out;
  } finally {
    Math.random = original;
  }
}
