/**
 * Laying out a table's features when some columns feed a model Input of their own (`text` and
 * `id` roles): one part per such column and one `features` part for the ordinary columns, in file
 * order of each part's first column, each part a contiguous slice of the row (PreparedDataset.inputs).
 */
import type { FeatureTransform, OwnInputFeature } from './preprocess';
import type { InputPart } from './types';

/** A column name as a layer name: letters, digits and _, not starting with a digit. */
export function inputPartName(column: string): string {
  const name = column.replace(/[^A-Za-z0-9_]+/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

export interface InputLayout {
  /** Every feature with its final offset, in row order. */
  readonly features: readonly FeatureTransform[];
  readonly width: number;
  /** Null when there is no own-input feature: the dataset keeps one Input, as before. */
  readonly inputs: readonly InputPart[] | null;
}

/**
 * `ordinary`: the ordinary features with offsets from 0 (the `features` part, in file order);
 * `own`: the text and id features in file order. Offsets are set here.
 */
export function layoutInputs(ordinary: readonly FeatureTransform[], own: readonly OwnInputFeature[]): InputLayout {
  const ordinaryWidth = ordinary.reduce((w, f) => w + f.width, 0);
  if (own.length === 0) return { features: ordinary, width: ordinaryWidth, inputs: null };
  type Group = {
    first: number;
    features: readonly FeatureTransform[];
    width: number;
    part: Omit<InputPart, 'name' | 'shape'>;
  };
  const groups: Group[] = own.map((f) => ({
    first: f.source,
    features: [f],
    width: f.width,
    part: {
      dtype: 'int32',
      role: f.type,
      columns: [f.name],
      vocabulary: f.type === 'text' ? f.tokenizer.vocab.length : f.values.length + 1,
    },
  }));
  if (ordinary.length > 0) {
    groups.push({
      first: ordinary[0]!.source,
      features: ordinary,
      width: ordinaryWidth,
      part: { dtype: 'float32', role: 'features', columns: ordinary.map((f) => f.name) },
    });
  }
  groups.sort((a, b) => a.first - b.first);
  const used = new Set<string>();
  const features: FeatureTransform[] = [];
  const inputs: InputPart[] = [];
  let offset = 0;
  for (const g of groups) {
    // The part's own offset is where the group starts; ordinary features keep their spacing.
    for (const f of g.features) features.push({ ...f, offset: offset + (g.part.role === 'features' ? f.offset : 0) });
    const base = g.part.role === 'features' ? 'features' : inputPartName(g.part.columns[0]!);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    inputs.push({ name, shape: [g.width], ...g.part });
    offset += g.width;
  }
  return { features, width: offset, inputs };
}
