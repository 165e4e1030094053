/**
 * Model inputs → a readable record, for showing test rows (e.g. the worst predictions) as the
 * user knows them rather than as standardized numbers. The inverse of applyTransform where it
 * has one: scaling is undone, a one-hot block names its category, a date prints as a day.
 */
import type { FeatureTransform, NumericScale, TabularTransform } from './preprocess';
import { decodeIds } from './text/tokenize.js';

function unscale(scale: NumericScale, v: number): number {
  switch (scale.kind) {
    case 'standardize':
      return v * scale.std + scale.mean;
    case 'minmax':
      return v * (scale.max - scale.min) + scale.min;
    case 'none':
      return v;
  }
}

function short(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

function decodeFeature(feature: FeatureTransform, x: ArrayLike<number>, at: number): string {
  switch (feature.type) {
    case 'numeric':
      return short(unscale(feature.scale, x[at + feature.offset]!));
    case 'date': {
      const days = unscale(feature.scale, x[at + feature.offset]!);
      const date = new Date(Math.round(days) * 86_400_000);
      return Number.isNaN(date.getTime()) ? short(days) : date.toISOString().slice(0, 10);
    }
    case 'boolean':
      return feature.names[x[at + feature.offset]! >= 0.5 ? 1 : 0];
    case 'categorical': {
      let best = -1;
      for (let k = 0; k < feature.width; k++) if (x[at + feature.offset + k]! > 0.5) best = k;
      if (best < 0) return '(unseen)';
      return best < feature.categories.length ? feature.categories[best]! : '(other)';
    }
    case 'id': {
      const index = x[at + feature.offset]!;
      return index >= 1 ? (feature.values[index - 1] ?? '(unseen)') : '(unseen)';
    }
    case 'text': {
      const ids = Array.from({ length: feature.width }, (_, k) => x[at + feature.offset + k]!);
      return decodeIds(
        feature.tokenizer,
        ids.filter((id) => id !== feature.tokenizer.padId),
      );
    }
  }
}

/** Row `row` of a split's flattened inputs as column name → display text, in file order. */
export function decodeRecord(transform: TabularTransform, x: ArrayLike<number>, row: number): Record<string, string> {
  const at = row * transform.width;
  const out: Record<string, string> = {};
  for (const feature of transform.features) out[feature.name] = decodeFeature(feature, x, at);
  return out;
}
