/**
 * Writing model inputs for one raw record at inference (`applyTransform`). The bulk encoder for
 * the training splits (preprocess-encode.ts) uses the same per-type arithmetic (`scaleNumber`,
 * the cell readers of csv/cells.ts), so a training row typed back in gives exactly its training features.
 */
import { missingTest, numberReader, toBoolean, toDays, toNumber } from './csv/cells';
import type { CategoricalFeature, FeatureTransform, IdFeature, TabularTransform } from './preprocess';
import { scaleNumber } from './preprocess';
import { encodeText, toSequence } from './text/tokenize.js';

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
      const read =
        feature.type === 'date'
          ? toDays
          : numberReader(feature.decimalComma ? 'decimal-comma' : feature.thousands ? 'thousands' : 'plain');
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
    case 'id':
      out[at] = cell === null ? 0 : idIndex(feature, cell);
      return;
    case 'text': {
      const ids = encodeText(feature.tokenizer, cell ?? '');
      out.set(toSequence(ids, feature.width, feature.truncate, feature.tokenizer.padId), at);
      return;
    }
  }
}

/** An id value's model input: its index among the training values plus 1, or 0 when training never saw it. */
export function idIndex(feature: IdFeature, cell: string): number {
  const key = feature.key === 'number' ? numberKey(cell) : cell;
  return feature.values.indexOf(key) + 1;
}

/** The one-hot input of a category value, or -1 (unseen and no "other" input). */
export function categorySlot(feature: CategoricalFeature, cell: string): number {
  const key = feature.key === 'number' ? numberKey(cell) : cell;
  const i = feature.categories.indexOf(key);
  if (i >= 0) return i;
  return feature.other ? feature.categories.length : -1;
}

/** A number's canonical spelling ("7.0" → "7"); text that is not a number stays as it is. */
export function numberKey(cell: string): string {
  const v = toNumber(cell);
  return Number.isNaN(v) ? cell : String(v);
}
