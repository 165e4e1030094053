import type { Shape } from './graph';

/**
 * Sanity bounds on sizes. They are far above anything a browser can train, and exist so that
 * absurd numbers (a shape of 1e308 from a hand-edited file) become an error with a place instead
 * of Infinity or NaN flowing into counts, summaries and, worse, the compiler's allocations.
 */

/** Largest size of one Input dimension: 16,777,216, the longest exactly-countable float32 axis. */
export const MAX_INPUT_DIM = 2 ** 24;
/** Largest number of values in one sample of any layer's output (1 GiB of float32). */
export const MAX_SAMPLE_VALUES = 2 ** 28;
/** Largest parameter count of a layer or of the whole model (8 GiB of float32 weights). */
export const MAX_PARAMS = 2 ** 31;

/** A count as people read it: "16,777,216", or "1.0e+308" once digits stop meaning anything. */
export function bigCount(n: number): string {
  if (!Number.isFinite(n)) return 'an unbounded number of';
  return Math.abs(n) < 1e15 ? Math.round(n).toLocaleString('en-US') : n.toExponential(1);
}

/** "16,777,216 (2^24)": a limit with the power of two it is, so it reads as deliberate. */
export function limitText(limit: number): string {
  return `${bigCount(limit)} (2^${Math.log2(limit)})`;
}

/** The end of "Dense 'x' …" when a layer's output is too large to hold, or null. */
export function outputSizeProblem(shape: Shape): string | null {
  // Unknown dims (a free sequence length) count as 1: the bound is on what is known already.
  const values = shape.slice(1).reduce<number>((p, d) => p * (d ?? 1), 1);
  if (values <= MAX_SAMPLE_VALUES) return null;
  return `would produce ${bigCount(values)} values per sample, more than the ${limitText(MAX_SAMPLE_VALUES)} a browser can hold; make it smaller with pooling, strides, or fewer units or filters`;
}

/** The end of "Dense 'x' …" when a layer has too many parameters to train (or to count), or null. */
export function paramCountProblem(total: number): string | null {
  if (Number.isSafeInteger(total) && total <= MAX_PARAMS) return null;
  return `would have ${bigCount(total)} parameters, more than the ${limitText(MAX_PARAMS)} a model can have to train in a browser; use fewer units or filters, or make its input smaller (pooling, strides, a smaller Input shape)`;
}

/**
 * Largest single weights file. tfjs and Layerloom write 4 MB shards; Node cannot read a file of
 * 2 GiB or more in one piece, and a browser tab would not hold it, so anything near that is no
 * shard we can use.
 */
export const MAX_WEIGHT_FILE_BYTES = 1024 * 1024 * 1024;
/** Largest total of weights: MAX_PARAMS float32 values. */
export const MAX_WEIGHT_BYTES = MAX_PARAMS * 4;
