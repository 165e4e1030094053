/**
 * The contract between data ingestion and training: a dataset that is ready for tensors.
 * Everything here is plain data (typed arrays, numbers, strings) so it crosses postMessage
 * (with its ArrayBuffers transferred) and is saved with a project without conversion.
 */

import type { ImageTransform } from './images/transform';
import type { TabularTransform } from './preprocess';
import type { TextTransform } from './text/transform';

/**
 * `next-token` is language modelling: each sample is a window of token ids and its labels are the
 * same window shifted by one (the next token at every position), so `y` holds `inputShape[0]`
 * labels per sample and the classes are the tokenizer's vocabulary.
 */
export type Task = 'binary' | 'multiclass' | 'regression' | 'next-token';

/** One split, rows flattened row-major: `x.length === n × product(inputShape)`. */
export interface Split {
  readonly n: number;
  readonly x: Float32Array;
  /**
   * Class index (0…k-1) for classification, the target value for regression; length n. For
   * `next-token`, n × sequence length token ids, row-major.
   */
  readonly y: Float32Array;
}

export interface PreparedDataset {
  readonly id: string;
  readonly name: string;
  readonly kind: 'tabular' | 'image' | 'text';
  readonly task: Task;
  /** Shape of one sample, without the batch: `[4]`, `[28, 28, 1]`. */
  readonly inputShape: readonly number[];
  /** Class names in index order; null for regression. */
  readonly classNames: readonly string[] | null;
  readonly train: Split;
  readonly validation: Split;
  readonly test: Split;
  /**
   * What turns a raw record into a model input (learned on the training split): exports and
   * try-it apply exactly this. Null for datasets made in code (test fixtures), which have no raw form.
   */
  readonly transform: DatasetTransform | null;
  /**
   * Set when the data feeds several model Inputs (mixed inputs: a text column beside numeric
   * columns; recommendation: a user-id and an item-id column). Each row of `x` is then the parts
   * laid end to end in this order, `inputShape` is `[total row length]`, and each part feeds the
   * Input layer of the same name. Absent: one Input of `inputShape`.
   */
  readonly inputs?: readonly InputPart[];
}

/** One model Input's slice of each row of `x` (see `PreparedDataset.inputs`). */
export interface InputPart {
  /** The Input layer it feeds, matched by name; binding names the Inputs so. */
  readonly name: string;
  /** Shape of one sample of this part, without the batch. */
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  /**
   * What it holds: `text` token ids of one text column; `features` the encoded numeric, boolean
   * and categorical columns; `id` one column's values as indices (0 = unseen), for an Embedding.
   */
  readonly role: 'text' | 'features' | 'id';
  /** The CSV columns it reads, in file order. */
  readonly columns: readonly string[];
  /** For `text` and `id`: how many distinct ids an Embedding over this part needs (its input_dim). */
  readonly vocabulary?: number;
}

/**
 * A dataset's preprocessing, told apart by `kind` (the field saved projects and metadata.json
 * already carry). Text carries its fitted tokenizer (src/data/text).
 */
export type DatasetTransform = TabularTransform | ImageTransform | TextTransform;
