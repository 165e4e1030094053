/**
 * Latent vectors for the generator: standard normal draws from the project's seeded RNG, so the
 * same seed gives the same vectors (and the same sample grid) in the browser, worker and CLI.
 */
import type { Rng } from '../../data/random';

/** Box–Muller; `1 - rng()` keeps the logarithm's argument in (0, 1]. */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** `count` latent vectors of length `dim`, row-major. */
export function latentBatch(rng: Rng, count: number, dim: number): Float32Array {
  const out = new Float32Array(count * dim);
  for (let i = 0; i < out.length; i++) out[i] = normal(rng);
  return out;
}
