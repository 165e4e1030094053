import type { LayerSpec } from '../../model/spec';
import { matchesQuery } from './LayerPalette';

/**
 * How well a layer answers a typed query, best first: its exact name, a name that starts with
 * the query, a name that contains it, then a match only in its description or family.
 */
function rank(spec: LayerSpec, q: string): number {
  const type = spec.type.toLowerCase();
  if (type === q) return 0;
  if (type.startsWith(q)) return 1;
  if (type.includes(q)) return 2;
  return 3;
}

/** The layers matching `query`, exact names first ("relu" lists ReLU before Activation); ties keep registry order. */
export function rankLayers(specs: readonly LayerSpec[], query: string): LayerSpec[] {
  const q = query.trim().toLowerCase();
  return specs
    .map((spec, i) => ({ spec, i, r: rank(spec, q) }))
    .filter(({ spec }) => matchesQuery(spec, q))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ spec }) => spec);
}
