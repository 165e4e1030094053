/**
 * prepareTabular's middle: every feature fitted on the training rows (ordinary ones, then those
 * with an Input of their own), laid out in the row (tabular-inputs.ts), and the three splits
 * encoded — ordinary and id features in bulk (preprocess-encode.ts), text token ids per row.
 */
import type { DataProblem } from './errors';
import type { RawColumn } from './csv/table';
import type { FeatureSpec, FittedFeature } from './preprocess-fit';
import { fitFeature } from './preprocess-fit';
import type { SplitRows } from './preprocess-encode';
import { encodeSplits } from './preprocess-encode';
import type { FeatureTransform, MissingPolicy, OwnInputFeature } from './preprocess';
import type { FittedText, TextFeatureOptions } from './preprocess-own';
import { fitIdFeature, fitTextFeature, writeTextRows } from './preprocess-own';
import type { RowValues } from './preprocess-rows';
import type { InputLayout } from './tabular-inputs';
import { layoutInputs } from './tabular-inputs';

/** A column with the `text` or `id` role, as prepareTabular found it. */
export interface OwnInputSpec {
  readonly role: 'text' | 'id';
  readonly column: RawColumn;
  readonly missing: MissingPolicy;
  /** Numbers are keyed canonically ("7.0" is "7") for an id column typed numeric. */
  readonly numeric: boolean;
  readonly text?: TextFeatureOptions;
}

export interface FittedLayout {
  readonly layout: InputLayout;
  /** The ordinary features only, for the width warnings. */
  readonly ordinary: readonly FeatureTransform[];
  readonly rowsOf: ReadonlyMap<number, RowValues>;
  readonly texts: ReadonlyMap<number, FittedText>;
}

/** Fits every feature on `trainInOrder`; a column with no training value is left out with a warning in `problems`. */
export function fitLayout(
  specs: readonly FeatureSpec[],
  own: readonly OwnInputSpec[],
  trainInOrder: Int32Array,
  problems: DataProblem[],
): FittedLayout {
  const emptyInTraining = (name: string) =>
    problems.push({
      severity: 'warning',
      code: 'empty-column',
      column: name,
      message: `column ${name} has no values in the training split; it is left out`,
    });
  const fitted: FittedFeature[] = [];
  let ordinaryWidth = 0;
  for (const spec of specs) {
    const f = fitFeature(spec, trainInOrder, ordinaryWidth);
    if (!f) {
      emptyInTraining(spec.column.name);
      continue;
    }
    fitted.push(f);
    ordinaryWidth += f.feature.width;
  }
  const rowsOf = new Map<number, RowValues>(fitted.map((f) => [f.feature.source, f.rows]));
  const texts = new Map<number, FittedText>();
  const ownFeatures: OwnInputFeature[] = [];
  for (const o of own) {
    if (o.role === 'text') {
      const t = fitTextFeature(o.column, o.missing, trainInOrder, o.text);
      texts.set(o.column.index, t);
      ownFeatures.push(t.feature);
      continue;
    }
    const f = fitIdFeature(o.column, o.missing, trainInOrder, o.numeric);
    if (!f) emptyInTraining(o.column.name);
    else {
      rowsOf.set(o.column.index, f.rows);
      ownFeatures.push(f.feature as OwnInputFeature);
    }
  }
  const ordinary = fitted.map((f) => f.feature);
  return { layout: layoutInputs(ordinary, ownFeatures), ordinary, rowsOf, texts };
}

/** The inputs and targets of every split, in the splits' row order. */
export function encodeLayout(
  fitted: FittedLayout,
  plan: SplitRows,
  targets: Float64Array,
): ReturnType<typeof encodeSplits> {
  const { layout, rowsOf, texts } = fitted;
  // Text features are written apart: their token ids are per row, not per distinct value.
  const encoded = encodeSplits(
    layout.features.filter((f) => f.type !== 'text').map((feature) => ({ feature, rows: rowsOf.get(feature.source)! })),
    layout.width,
    plan,
    targets,
  );
  const xs = { train: encoded.train.x, validation: encoded.validation.x, test: encoded.test.x };
  for (const feature of layout.features) {
    if (feature.type === 'text')
      writeTextRows({ feature, ids: texts.get(feature.source)!.ids }, layout.width, plan, xs);
  }
  return encoded;
}
