/**
 * The rule metric of a GAN: the Fréchet distance of its generator's images to held-out real ones
 * (src/training/gan/scores.ts), lower being better. Its sensible target is half of what uniform
 * noise scores against the same images, the bound the scores report beside the generator's.
 */
import type { MetricValues } from './types';

/** What the scores report, as far as the rule needs it. */
export interface GanScoreValues {
  readonly score: { readonly frechet: number };
  readonly bounds: { readonly noise: { readonly frechet: number } };
}

/**
 * Half of uniform noise's Fréchet distance on the Fashion-MNIST backbone with the Evaluate page's
 * 500 test images against 500 noise images: noise measured 208–212 over three seeds.
 */
export const FRECHET_TARGET = 105;

/** The target "half of noise's distance" for a measured noise bound. */
export function frechetTarget(noiseFrechet: number): number {
  if (!Number.isFinite(noiseFrechet) || noiseFrechet <= 0)
    throw new Error(
      `The noise bound of the Fréchet distance is ${noiseFrechet}, so half of it is no target: score the generator again`,
    );
  return noiseFrechet / 2;
}

/** The rule metrics of a GAN's scores. */
export function ganMetricValues(report: GanScoreValues): MetricValues {
  return { frechet: report.score.frechet };
}
