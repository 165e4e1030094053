import type { Graph } from './graph';
import { MAX_LAYER_NAME_CHARS } from './project-schema';
import { cutText, quoteText } from './quote';
import { setWeightsOf, weightsOf, type LayerWeights } from './weights';

/**
 * A file may name a layer with thousands of characters, but a project keeps at most
 * MAX_LAYER_NAME_CHARS: kept as is, such a name would make every autosave of the project fail.
 * Import shortens it instead. The names are otherwise kept as the file has them (the analysis
 * flags the ones that are not valid Keras names), so only the length is changed here.
 */

/** `name` cut to `limit` characters, made unique among `taken` by a `_2`, `_3` ending that still fits. */
export function shortenName(name: string, taken: ReadonlySet<string>, limit = MAX_LAYER_NAME_CHARS): string {
  const whole = cutText(name, limit);
  if (!taken.has(whole)) return whole;
  for (let k = 2; ; k++) {
    const suffix = `_${k}`;
    const candidate = `${cutText(name, limit - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export interface FittedNames {
  readonly graph: Graph;
  readonly weights?: LayerWeights;
}

/**
 * Renames every layer whose name is longer than a project keeps, with a warning naming it, and
 * moves its weights to the new name (weights are keyed by layer name). Runs after the weights
 * were matched, since the manifest's weight paths carry the file's own names.
 */
export function fitLayerNames(graph: Graph, weights: LayerWeights | undefined, warnings: string[], limit = MAX_LAYER_NAME_CHARS): FittedNames {
  const tooLong = graph.nodes.filter((n) => n.name.length > limit);
  if (tooLong.length === 0) return { graph, ...(weights ? { weights } : {}) };
  const taken = new Set(graph.nodes.filter((n) => n.name.length <= limit).map((n) => n.name));
  // The file's names are unique (the topology reader renames repeats), so they can key the renaming.
  const renamed = new Map<string, string>();
  for (const node of tooLong) {
    const name = shortenName(node.name, taken, limit);
    taken.add(name);
    renamed.set(node.name, name);
    warnings.push(
      `Layer '${quoteText(node.name)}' has a name of ${node.name.length.toLocaleString('en-US')} characters, more than the ${limit} a project keeps; it was renamed '${quoteText(name)}'.`,
    );
  }
  const nodes = graph.nodes.map((n) => {
    const name = renamed.get(n.name);
    return name === undefined ? n : { ...n, name };
  });
  if (!weights) return { graph: { ...graph, nodes } };
  const moved: LayerWeights = {};
  for (const layer of Object.keys(weights)) {
    const list = weightsOf(weights, layer);
    if (list) setWeightsOf(moved, renamed.get(layer) ?? layer, list);
  }
  return { graph: { ...graph, nodes }, weights: moved };
}
