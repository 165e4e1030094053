import type { LayerWeights } from '../../model/weights';
import { elementCount, packWeights, weightsOf } from '../../model/weights';
import { KerasProjectError, type ProjectPlan } from './project-plan';

/**
 * weights.bin and the manifest that describes it, laid out exactly as the app's TensorFlow.js
 * export (`exportLayersModel`) lays them out: layers in build order, each layer's weights in
 * the registry's order, entries named `<layer>/<weight>`, float32 little-endian, end to end.
 * So load_weights.py reads the app's model.json + weights.bin as well as the files made here.
 */

export interface ManifestEntry {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32';
  /** The graph's layer name, so readers need not split `name` (layer names may hold '/'). */
  readonly layer: string;
}

export function manifestEntries(plan: ProjectPlan): ManifestEntry[] {
  return plan.nodes.flatMap((p) =>
    p.weights.map((w) => ({
      name: `${p.node.name}/${w.name}`,
      shape: [...w.shape],
      dtype: 'float32' as const,
      layer: p.node.name,
    })),
  );
}

/** weights_manifest.json: the tfjs `weightsManifest` layout, plus each entry's layer. */
export function manifestJson(entries: readonly ManifestEntry[]): string {
  // One entry per line: the file stays short and readable for models with many layers.
  const lines = entries.map((e) => `        ${JSON.stringify(e)}`).join(',\n');
  return [
    '{',
    '  "format": "layerloom-weights-manifest",',
    '  "version": 1,',
    '  "weightsManifest": [',
    '    {',
    '      "paths": ["weights.bin"],',
    `      "weights": [${entries.length > 0 ? `\n${lines}\n      ` : ''}]`,
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** The weight values packed as weights.bin, checked against the shapes the model needs. */
export function packProjectWeights(plan: ProjectPlan, weights: LayerWeights): ArrayBuffer {
  const list: { name: string; shape: readonly number[]; values: Float32Array }[] = [];
  for (const p of plan.nodes) {
    const given = weightsOf(weights, p.node.name) ?? [];
    p.weights.forEach((w, i) => {
      // By name first; by position for weights saved before a spec renamed one (as the export does).
      const value = given.find((g) => g.name === w.name) ?? given[i];
      const what = `Weight '${w.name}' of ${p.node.type} ${JSON.stringify(p.node.name)}`;
      if (!value) throw new KerasProjectError(`${what} has no values; train or initialise the model before exporting`);
      const needed = elementCount(w.shape);
      if (value.values.length !== needed) {
        throw new KerasProjectError(
          `${what} has ${value.values.length} values but its shape [${w.shape.join(', ')}] needs ${needed}; train or re-initialise the model so its weights match the current layers`,
        );
      }
      list.push({ name: `${p.node.name}/${w.name}`, shape: w.shape, values: value.values });
    });
  }
  return packWeights(list).data;
}
