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
}

/**
 * A dataset's preprocessing, told apart by `kind` (the field saved projects and metadata.json
 * already carry). Text carries its fitted tokenizer (src/data/text).
 */
export type DatasetTransform = TabularTransform | ImageTransform | TextTransform;
