import type { WeightSpec } from './spec';
import type { ManifestEntry } from './weights';
import { quotePath, quoteText } from './quote';

/**
 * Pairs a manifest's weights with the weights each layer spec declares. Writers disagree on
 * names: `dense/kernel`, `sequential/dense/kernel` (Keras 3 model prefix),
 * `sequential_7/conv2d_13/kernel` (nested model), `lstm_1/lstm_cell_1/kernel` (RNN cell),
 * `bidirectional/forward_lstm/lstm_cell_1/kernel`, and manifests are often alphabetical.
 * So a weight is first given to the layer named in its path, then paired within the layer
 * by leaf name and path words, and only then by spec order and shape.
 */

export interface LayerNeeds {
  readonly name: string;
  readonly type: string;
  readonly specs: readonly WeightSpec[];
}

export interface WeightPlan {
  /** Per layer, the manifest entry for each spec, in spec order (complete layers only). */
  readonly byLayer: ReadonlyMap<string, readonly ManifestEntry[]>;
  /** Sentences naming each weight that is missing or does not fit. */
  readonly problems: readonly string[];
  /** Manifest entries no layer claimed (optimizer slots are left out of this). */
  readonly unused: readonly ManifestEntry[];
}

function segments(name: string): string[] {
  return name.replace(/:\d+$/, '').split('/').filter((s) => s !== '');
}

/** Path words without the `_1`, `_12` suffixes Keras adds to make names unique. */
function words(path: readonly string[]): Set<string> {
  return new Set(path.flatMap((s) => s.toLowerCase().split('_')).filter((w) => w !== '' && !/^\d+$/.test(w)));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/** The layer a weight belongs to: the first path segment that names a layer, skipping model names. */
function ownerOf(path: readonly string[], layers: ReadonlySet<string>, containers: ReadonlySet<string>): number {
  const candidates = path.slice(0, -1).map((s, i) => (layers.has(s) ? i : -1)).filter((i) => i >= 0);
  return candidates.find((i) => !containers.has(path[i] as string)) ?? candidates[0] ?? -1;
}

interface Candidate {
  readonly entry: ManifestEntry;
  /** The path below the owning layer, e.g. `['lstm_cell_1', 'kernel']`. */
  readonly rel: readonly string[];
}

function nameFits(spec: WeightSpec, c: Candidate): boolean {
  const specPath = segments(spec.name);
  if (specPath.at(-1) !== c.rel.at(-1)) return false;
  const have = words(c.rel);
  return [...words(specPath)].every((w) => have.has(w));
}

export function planWeights(needs: readonly LayerNeeds[], entries: readonly ManifestEntry[], containers: ReadonlySet<string>): WeightPlan {
  const layerNames = new Set(needs.map((n) => n.name));
  const owned = new Map<string, Candidate[]>();
  const orphans: Candidate[] = [];
  for (const entry of entries) {
    if (entry.group === 'optimizer') continue;
    const path = segments(entry.name);
    const at = ownerOf(path, layerNames, containers);
    if (at < 0) orphans.push({ entry, rel: path });
    else {
      const owner = path[at] as string;
      owned.set(owner, [...(owned.get(owner) ?? []), { entry, rel: path.slice(at + 1) }]);
    }
  }

  const used = new Set<ManifestEntry>();
  const byLayer = new Map<string, ManifestEntry[]>();
  const problems: string[] = [];
  const pick = (pool: readonly Candidate[], test: (c: Candidate) => boolean) => pool.find((c) => !used.has(c.entry) && test(c));

  for (const layer of needs) {
    if (layer.specs.length === 0) continue;
    const pool = owned.get(layer.name) ?? [];
    const chosen: ManifestEntry[] = [];
    for (const spec of layer.specs) {
      const fits = (c: Candidate) => sameShape(c.entry.shape, spec.shape);
      // Name and shape agree; else shape alone in spec order (the writer named it its own way);
      // else a weight written under an outer name (Teachable Machine heads), by leaf and shape.
      const hit =
        pick(pool, (c) => nameFits(spec, c) && fits(c)) ??
        pick(pool, (c) => fits(c) && !layer.specs.some((s) => nameFits(s, c))) ??
        pick(orphans, (c) => c.rel.at(-1) === segments(spec.name).at(-1) && fits(c));
      if (hit) {
        used.add(hit.entry);
        chosen.push(hit.entry);
        continue;
      }
      const named = pick(pool, (c) => nameFits(spec, c));
      const what = `Weight '${spec.name}' of ${layer.type} '${quoteText(layer.name)}'`;
      problems.push(
        named
          ? `${what} has shape ${fmt(named.entry.shape)} in the file ('${quotePath(named.entry.name)}') but the layer needs ${fmt(spec.shape)}`
          : `${what} (shape ${fmt(spec.shape)}) is missing from the weights manifest`,
      );
    }
    if (chosen.length === layer.specs.length) byLayer.set(layer.name, chosen);
  }

  const unused = entries.filter((e) => e.group !== 'optimizer' && !used.has(e));
  return { byLayer, problems, unused };
}
