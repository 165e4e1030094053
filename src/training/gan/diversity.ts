/**
 * The mode-collapse warning. A collapsed generator draws (nearly) the same few images whatever
 * the latent vector, so its samples lie much closer to each other than real images do. The
 * measure is the mean pairwise Euclidean distance between the fixed-batch samples divided by the
 * same mean over as many real images; a ratio below COLLAPSE_RATIO raises the warning.
 */

/** Below this share of the real images' spread, the samples count as collapsed. */
export const COLLAPSE_RATIO = 0.4;

export interface DiversityReport {
  /** Mean pairwise distance between the generated samples. */
  readonly samples: number;
  /** Mean pairwise distance between the real images it is compared with. */
  readonly real: number;
  /** samples / real: about 1 for varied samples, near 0 for collapsed ones. */
  readonly ratio: number;
  readonly collapsed: boolean;
  /** The sentence to show when collapsed; null otherwise. */
  readonly warning: string | null;
}

/** Mean Euclidean distance over all pairs of the `n` rows of `x` (row-major, each `x.length / n` long). */
export function meanPairwiseDistance(x: Float32Array, n: number): number {
  if (n < 2) return 0;
  const dim = x.length / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d2 = 0;
      for (let k = 0; k < dim; k++) {
        const d = x[i * dim + k]! - x[j * dim + k]!;
        d2 += d * d;
      }
      sum += Math.sqrt(d2);
    }
  }
  return sum / ((n * (n - 1)) / 2);
}

export function diversityReport(samples: Float32Array, n: number, real: Float32Array, nReal: number): DiversityReport {
  const s = meanPairwiseDistance(samples, n);
  const r = meanPairwiseDistance(real, nReal);
  const ratio = r > 0 ? s / r : 1;
  const collapsed = ratio < COLLAPSE_RATIO;
  const percent = Math.round(ratio * 100);
  return {
    samples: s,
    real: r,
    ratio,
    collapsed,
    warning: collapsed
      ? `The samples differ from each other only ${percent}% as much as real images do: the generator may be collapsing to a few modes. ` +
        'Try a lower generator learning rate, more discriminator steps (k) or restarting from an earlier checkpoint'
      : null,
  };
}
