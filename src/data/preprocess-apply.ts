/**
 * Writing model inputs: in bulk for the training splits, and for one raw record at inference
 * (`applyTransform`). Both go through the same per-type arithmetic (`scaleNumber`, the cell
 * readers of csv/cells.ts), so a training row typed back in gives exactly its training features.
 */
import { missingTest, toBoolean, toDays, toNumber, toNumberDecimalComma } from './csv/cells';
import type { FittedFeature } from './preprocess-fit';
import { MISSING_SLOT, NO_SLOT } from './preprocess-fit';
import type {
  BooleanFeature,
  CategoricalFeature,
  FeatureTransform,
  NumericFeature,
  TabularTransform,
} from './preprocess';
import { scaleNumber } from './preprocess';

export interface SplitRows {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/**
 * The inputs (row-major, `rows × width`) and targets of every split, in the splits' row order. Rows are
 * visited in file order, so the column arrays are read front to back instead of at random, and
 * each row's inputs are written together to where the row sits in its (shuffled) split.
 */
export function encodeSplits(
  fitted: readonly FittedFeature[],
  width: number,
  splits: SplitRows,
  targets: Float64Array,
): Record<keyof SplitRows, { readonly x: Float32Array; readonly y: Float32Array }> {
  const names = ['train', 'validation', 'test'] as const;
  const rowCount = targets.length;
  const out = names.map((name) => new Float32Array(splits[name].length * width));
  const ys = names.map((name) => new Float32Array(splits[name].length));
  const splitOf = new Int8Array(rowCount).fill(-1);
  const positionOf = new Int32Array(rowCount);
  names.forEach((name, s) => {
    const rows = splits[name];
    for (let p = 0; p < rows.length; p++) {
      splitOf[rows[p]!] = s;
      positionOf[rows[p]!] = p;
    }
  });
  // Numbers (numeric, date, boolean): input = (v − shift) / divisor, the same arithmetic as scaleNumber.
  const numeric = fitted.filter((f) => f.rows.kind === 'numbers' && f.feature.type !== 'categorical');
  const numValues = numeric.map((f) => (f.rows as { values: Float64Array }).values);
  const numOffset = Int32Array.from(numeric, (f) => f.feature.offset);
  const numFill = Float64Array.from(numeric, (f) => (f.feature as NumericFeature | BooleanFeature).fill);
  const numShift = Float64Array.from(numeric, (f) => shiftAndDivisor(f.feature)[0]);
  const numDivisor = Float64Array.from(numeric, (f) => shiftAndDivisor(f.feature)[1]);
  const categorical = fitted.filter((f) => f.rows.kind === 'slots' && f.feature.type === 'categorical');
  const catSlots = categorical.map((f) => (f.rows as { slots: Int32Array }).slots);
  const catOffset = Int32Array.from(categorical, (f) => f.feature.offset);
  const catFill = Int32Array.from(categorical, (f) => {
    const c = f.feature as CategoricalFeature;
    return c.categories.indexOf(c.fill);
  });
  for (let r = 0; r < rowCount; r++) {
    const s = splitOf[r]!;
    if (s < 0) continue;
    const x = out[s]!;
    const position = positionOf[r]!;
    ys[s]![position] = targets[r]!;
    const base = position * width;
    for (let f = 0; f < numValues.length; f++) {
      const raw = numValues[f]![r]!;
      x[base + numOffset[f]!] = ((raw === raw ? raw : numFill[f]!) - numShift[f]!) / numDivisor[f]!;
    }
    for (let f = 0; f < catSlots.length; f++) {
      let slot = catSlots[f]![r]!;
      if (slot === MISSING_SLOT) slot = catFill[f]!;
      if (slot !== NO_SLOT) x[base + catOffset[f]! + slot] = 1;
    }
  }
  return { train: { x: out[0]!, y: ys[0]! }, validation: { x: out[1]!, y: ys[1]! }, test: { x: out[2]!, y: ys[2]! } };
}

/** `scaleNumber(scale, v)` is `(v − shift) / divisor` with these. */
function shiftAndDivisor(feature: FeatureTransform): [number, number] {
  if (feature.type === 'boolean' || feature.type === 'categorical') return [0, 1];
  const s = feature.scale;
  if (s.kind === 'standardize') return [s.mean, s.std];
  if (s.kind === 'minmax') return [s.min, s.max - s.min];
  return [0, 1];
}

export type RawValue = string | number | boolean | null | undefined;
/** A record by column name, or an array in file column order. */
export type RawRecord = Readonly<Record<string, RawValue>> | readonly RawValue[];

/**
 * One raw record → its model inputs. Values may be strings as in the CSV, numbers or booleans;
 * null, undefined, a missing column or a missing token ("NA", "") reads as missing and gets the
 * value learned in training (also for columns whose missing rows were dropped in training).
 */
export function applyTransform(
  transform: TabularTransform,
  record: RawRecord,
  out: Float32Array = new Float32Array(transform.width),
): Float32Array {
  if (out.length < transform.width)
    throw new RangeError(`applyTransform: the output has ${out.length} slots; ${transform.width} are needed`);
  out.fill(0, 0, transform.width);
  const isMissing = missingTest(transform.missingTokens);
  for (const feature of transform.features) {
    const raw = Array.isArray(record)
      ? (record as readonly RawValue[])[feature.source]
      : (record as Readonly<Record<string, RawValue>>)[feature.name];
    const cell = raw == null ? null : typeof raw === 'string' ? raw : String(raw);
    const missing = cell === null || isMissing(cell);
    writeFeature(feature, missing ? null : cell, out);
  }
  return out;
}

function writeFeature(feature: FeatureTransform, cell: string | null, out: Float32Array): void {
  const at = feature.offset;
  switch (feature.type) {
    case 'numeric':
    case 'date': {
      const read = feature.type === 'date' ? toDays : feature.decimalComma ? toNumberDecimalComma : toNumber;
      const v = cell === null ? NaN : read(cell);
      out[at] = scaleNumber(feature.scale, v === v ? v : feature.fill);
      return;
    }
    case 'boolean': {
      const v = cell === null ? NaN : toBoolean(cell);
      out[at] = v === v ? v : feature.fill;
      return;
    }
    case 'categorical': {
      const slot = categorySlot(feature, cell === null ? feature.fill : cell);
      if (slot >= 0) out[at + slot] = 1;
      return;
    }
  }
}

/** The one-hot input of a category value, or -1 (unseen and no "other" input). */
export function categorySlot(feature: CategoricalFeature, cell: string): number {
  const key = feature.key === 'number' ? numberKey(cell) : cell;
  const i = feature.categories.indexOf(key);
  if (i >= 0) return i;
  return feature.other ? feature.categories.length : -1;
}

function numberKey(cell: string): string {
  const v = toNumber(cell);
  return Number.isNaN(v) ? cell : String(v);
}
