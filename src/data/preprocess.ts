/**
 * `TabularTransform`: everything that turns a raw CSV record into model inputs, learned from the
 * training split only and stored with the dataset (`PreparedDataset.transform`), so exports and
 * try-it prepare a new record exactly as training did. Plain JSON: no classes, no typed arrays.
 *
 * Per feature column, in file order, each writing `width` inputs from `offset`:
 * - numeric: missing → `fill`; then scaled (standardize: (v − mean) / std; minmax: (v − min) / (max − min));
 * - date: days since 1970-01-01 (UTC), then as numeric;
 * - boolean: 1 for true/yes/y/t/1, 0 for false/no/n/f/0; missing → `fill`;
 * - categorical: one-hot over `categories` (the most frequent in training, at most maxCategories,
 *   in natural order), plus an "other" input when some were left out; unseen values go to "other"
 *   (or all zeros without one); missing → `fill` (the most frequent category).
 */
import { DataError } from './errors';
import type { ColumnType } from './columns';
import type { TokenizerState } from './text/tokenizer-state';
import type { TruncateSide } from './text/tokenize.js';

export type MissingPolicy = 'drop' | 'mean' | 'median' | 'mode';
export type Scaling = 'standardize' | 'minmax' | 'none';

export type NumericScale =
  | { readonly kind: 'standardize'; readonly mean: number; readonly std: number }
  | { readonly kind: 'minmax'; readonly min: number; readonly max: number }
  | { readonly kind: 'none' };

interface FeatureBase {
  /** The CSV column. */
  readonly name: string;
  /** Its position in the file (0-based): how an array record is read. */
  readonly source: number;
  /** First model input it writes, and how many. */
  readonly offset: number;
  readonly width: number;
  /** How missing values were handled in training ('drop' rows are filled at inference). */
  readonly missing: MissingPolicy;
}

export interface NumericFeature extends FeatureBase {
  readonly type: 'numeric' | 'date';
  readonly fill: number;
  readonly scale: NumericScale;
  /** Set when the column writes numbers with a decimal comma ("1.234,5"); read them the same way. */
  readonly decimalComma?: true;
  /** Set when the column writes numbers with thousands separators ("1,234.5"). */
  readonly thousands?: true;
}

export interface BooleanFeature extends FeatureBase {
  readonly type: 'boolean';
  /** The spelling in the data, e.g. ['no', 'yes']; any boolean token is accepted at inference. */
  readonly names: readonly [string, string];
  readonly fill: 0 | 1;
}

export interface CategoricalFeature extends FeatureBase {
  readonly type: 'categorical';
  readonly categories: readonly string[];
  /** Whether the last input is "other" (categories left out by the cap, and unseen ones). */
  readonly other: boolean;
  /** Category used for a missing value. */
  readonly fill: string;
  /** 'number': values are compared as numbers written canonically ("1.0" is "1"); 'text': as written. */
  readonly key: 'text' | 'number';
  /** Distinct values seen in training, before the cap. */
  readonly seen: number;
}

/**
 * A column with the `text` role: its text as `width` (= seqLen) token ids of the fitted tokenizer
 * (src/data/text), cut on `truncate`'s side and padded with [PAD] = 0; a missing cell is empty text.
 */
export interface TextFeature extends FeatureBase {
  readonly type: 'text';
  readonly tokenizer: TokenizerState;
  readonly truncate: TruncateSide;
}

/**
 * A column with the `id` role: one input, the value's index in `values` plus 1 (the training
 * split's distinct values in natural order); 0 for a missing value or one training never saw.
 */
export interface IdFeature extends FeatureBase {
  readonly type: 'id';
  readonly values: readonly string[];
  /** 'number': values are compared as numbers written canonically ("7.0" is "7"); 'text': as written. */
  readonly key: 'text' | 'number';
}

/** Features that feed a model Input of their own (see PreparedDataset.inputs). */
export type OwnInputFeature = TextFeature | IdFeature;

export type FeatureTransform = NumericFeature | BooleanFeature | CategoricalFeature | OwnInputFeature;

/** Whether a feature feeds an Input of its own rather than the shared `features` part. */
export function hasOwnInput(feature: FeatureTransform): feature is OwnInputFeature {
  return feature.type === 'text' || feature.type === 'id';
}

export type LabelTransform =
  | {
      readonly name: string;
      readonly source: number;
      readonly task: 'binary' | 'multiclass';
      /** Class names in index order (natural order). */
      readonly classNames: readonly string[];
      readonly key: 'text' | 'number' | 'boolean';
    }
  | {
      readonly name: string;
      readonly source: number;
      readonly task: 'regression';
      /** Training-split statistics of the target, for reference (y is not scaled). */
      readonly mean: number;
      readonly std: number;
    };

export interface TabularTransform {
  readonly kind: 'tabular';
  readonly version: 1;
  /** Number of model inputs: the sum of the features' widths. */
  readonly width: number;
  /** Every CSV column, in file order. */
  readonly columns: readonly string[];
  readonly features: readonly FeatureTransform[];
  /** One name per input: "age", "city=Paris", "city=(other)". */
  readonly featureNames: readonly string[];
  readonly label: LabelTransform;
  /** Cells read as missing (trimmed, any case). */
  readonly missingTokens: readonly string[];
}

export interface PreprocessOptions {
  /** Numeric and date columns (default 'mean'); categorical and boolean ones use 'mode' unless 'drop'. */
  readonly missing?: MissingPolicy;
  readonly scaling?: Scaling;
  /** Most one-hot inputs per categorical column before the rest share "other" (default 256). */
  readonly maxCategories?: number;
}

export const DEFAULT_SCALING: Scaling = 'standardize';
export const DEFAULT_MAX_CATEGORIES = 256;
/** A categorical column adding more inputs than this gets a warning. */
export const WIDE_ONE_HOT = 50;

/** The missing-value policy for a column of `type`, checked against what the type allows. */
export function missingPolicyFor(
  type: ColumnType,
  column: string,
  own: MissingPolicy | undefined,
  global: MissingPolicy | undefined,
): MissingPolicy {
  const numeric = type === 'numeric' || type === 'date';
  if (own !== undefined) {
    if (!numeric && (own === 'mean' || own === 'median')) {
      throw new DataError(
        'bad-option',
        `column ${column} is ${type}: fill its missing values with the mode (most frequent value) or drop those rows, not the ${own}`,
        { column },
      );
    }
    return own;
  }
  const chosen = global ?? 'mean';
  return numeric || chosen === 'drop' ? chosen : 'mode';
}

export function checkMaxCategories(value: number, column?: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new DataError(
      'bad-option',
      `maxCategories must be a whole number of at least 1${column ? ` (column ${column})` : ''}; got ${value}`,
      column ? { column } : {},
    );
  }
  return value;
}

/** The model input for a number under `scale`; the training pipeline and inference both use this. */
export function scaleNumber(scale: NumericScale, v: number): number {
  switch (scale.kind) {
    case 'standardize':
      return (v - scale.mean) / scale.std;
    case 'minmax':
      return (v - scale.min) / (scale.max - scale.min);
    case 'none':
      return v;
  }
}
