import type { FeatureTransform, NumericScale, TabularTransform } from '../../data/preprocess';

/** What a mean-filled cell says about itself in the example tables. */
export const FILLED_TITLE = 'missing in the file; filled with the training mean';

/** `(v − shift) / divisor`: the arithmetic src/data/preprocess-encode.ts scales numbers with. */
function shiftAndDivisor(scale: NumericScale): [number, number] {
  if (scale.kind === 'standardize') return [scale.mean, scale.std];
  if (scale.kind === 'minmax') return [scale.min, scale.max - scale.min];
  return [0, 1];
}

/** The model input a missing cell of `feature` became, as stored (float32). */
function filledInput(feature: Extract<FeatureTransform, { type: 'numeric' | 'date' }>): number {
  const [shift, divisor] = shiftAndDivisor(feature.scale);
  return Math.fround((feature.fill - shift) / divisor);
}

/**
 * The columns of row `row` whose value is the training mean a missing cell was filled with. The
 * prepared inputs keep no missing mask, but a measured value lands on the mean's float32 input
 * only by a coincidence rare enough to ignore. Median and mode fills are real values many rows
 * share, so those columns are never marked: a marker there would mostly be wrong.
 */
export function filledColumns(transform: TabularTransform, x: ArrayLike<number>, row: number): Set<string> {
  const out = new Set<string>();
  const at = row * transform.width;
  for (const f of transform.features) {
    if ((f.type !== 'numeric' && f.type !== 'date') || f.missing !== 'mean') continue;
    if (x[at + f.offset] === filledInput(f)) out.add(f.name);
  }
  return out;
}
