import * as tf from '@tensorflow/tfjs';
import type { InputPart } from '../data/types';

/** One model Input's slice of a flat row (see PreparedDataset.inputs). */
export interface FeedSlice {
  /** The Input layer it feeds. */
  readonly name: string;
  /** Where the slice starts in the row, and how many values it holds. */
  readonly offset: number;
  readonly size: number;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');

/**
 * The slices of a row in the model's Input order (`model.inputNames`), matched by name to the
 * dataset's parts. The dtype of each slice is the Input's own (`inputDtypes`, in the same order), so
 * an int32 id part may feed a float32 Input. A sentence saying what to rename when the names differ.
 */
export function planFeed(
  inputNames: readonly string[],
  inputDtypes: readonly ('float32' | 'int32')[],
  parts: readonly InputPart[],
): FeedSlice[] | string {
  const partNames = parts.map((p) => p.name);
  const missing = partNames.filter((n) => !inputNames.includes(n));
  const extra = inputNames.filter((n) => !partNames.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const what = [
      missing.length > 0 ? `no Input named ${quoted(missing)}` : '',
      extra.length > 0 ? `no data for the Input${extra.length === 1 ? '' : 's'} ${quoted(extra)}` : '',
    ]
      .filter((s) => s !== '')
      .join(' and ');
    return `The data feeds the Inputs ${quoted(partNames)}, but the model has ${what}; name one Input layer after each of ${quoted(partNames)} (binding the dataset does this).`;
  }
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const part of parts) {
    offsets.set(part.name, offset);
    offset += product(part.shape);
  }
  return inputNames.map((name, i) => {
    const part = parts.find((p) => p.name === name)!;
    return { name, offset: offsets.get(name)!, size: product(part.shape), shape: part.shape, dtype: inputDtypes[i]! };
  });
}

/**
 * `n` flat rows as the model's inputs: one tensor of `[n, ...inputShape]` when `slices` is null (a
 * single Input), else one tensor per slice, in the model's Input order. The rows are copied.
 */
export function rowsToInputs(
  rows: Float32Array,
  n: number,
  inputShape: readonly number[],
  inputDtype: 'float32' | 'int32',
  slices: readonly FeedSlice[] | null,
): tf.Tensor | tf.Tensor[] {
  const rowSize = product(inputShape);
  if (rows.length !== n * rowSize) {
    throw new Error(
      `The batch holds ${rows.length} values for ${n} rows; rows of shape [${inputShape.join(', ')}] need ${n * rowSize}.`,
    );
  }
  if (!slices) return toTensor(rows.slice(), [n, ...inputShape], inputDtype);
  return slices.map((s) => {
    const values = new Float32Array(n * s.size);
    for (let r = 0; r < n; r++) {
      const from = r * rowSize + s.offset;
      values.set(rows.subarray(from, from + s.size), r * s.size);
    }
    return toTensor(values, [n, ...s.shape], s.dtype);
  });
}

function toTensor(values: Float32Array, shape: number[], dtype: 'float32' | 'int32'): tf.Tensor {
  return dtype === 'int32' ? tf.tensor(Int32Array.from(values), shape, 'int32') : tf.tensor(values, shape, 'float32');
}

/** The dtype each of the model's Inputs takes, in `model.inputNames` order. */
export function inputDtypesOf(model: tf.LayersModel): ('float32' | 'int32')[] {
  return model.inputs.map((t) => (t.dtype === 'int32' ? 'int32' : 'float32'));
}

/** The slices for `model` when the data has parts; null for a single-Input dataset. Throws on a name mismatch. */
export function feedFor(model: tf.LayersModel, parts: readonly InputPart[] | undefined): FeedSlice[] | null {
  if (!parts) return null;
  const plan = planFeed(model.inputNames, inputDtypesOf(model), parts);
  if (typeof plan === 'string') throw new Error(plan);
  return plan;
}
