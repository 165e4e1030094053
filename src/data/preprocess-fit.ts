/**
 * Learning one feature's transform from the training rows, and reading every row of its column
 * into the form the encoder writes from (numbers, or one-hot slots).
 */
import type { ColumnType } from './columns';
import { naturalCompare } from './columns-format';
import { DataError } from './errors';
import type { NumberFormat } from './csv/cells';
import { numberReader, toBoolean, toDays } from './csv/cells';
import type { RawColumn } from './csv/table';
import type {
  CategoricalFeature,
  FeatureTransform,
  MissingPolicy,
  NumericFeature,
  NumericScale,
  Scaling,
} from './preprocess';
import { median, minMax, mode } from './preprocess-stats';
import type { RowValues } from './preprocess-rows';
import { NO_SLOT, numberRows, presentAt, presentStats } from './preprocess-rows';

export interface FeatureSpec {
  readonly column: RawColumn;
  readonly type: Exclude<ColumnType, 'text'>;
  readonly missing: MissingPolicy;
  readonly scaling: Scaling;
  readonly maxCategories: number;
  /** How the numbers are written (plain when left out). */
  readonly numberFormat?: NumberFormat;
}

export interface FittedFeature {
  readonly feature: FeatureTransform;
  readonly rows: RowValues;
}

/** Null when the training rows have no value at all in this column. */
export function fitFeature(spec: FeatureSpec, train: Int32Array, offset: number): FittedFeature | null {
  switch (spec.type) {
    case 'numeric':
    case 'date':
      return fitNumeric(spec, train, offset);
    case 'boolean':
      return fitBoolean(spec, train, offset);
    case 'categorical':
      return fitCategorical(spec, train, offset);
  }
}

function fitNumeric(spec: FeatureSpec, train: Int32Array, offset: number): FittedFeature | null {
  const format = spec.type === 'numeric' ? (spec.numberFormat ?? 'plain') : 'plain';
  const read = spec.type === 'date' ? toDays : format !== 'plain' ? numberReader(format) : null;
  const rows = numberRows(spec.column, read);
  const stats = presentStats(rows, train);
  if (stats.count === 0) return null;
  const center = stats.mean;
  const needsValues = spec.missing === 'median' || spec.missing === 'mode' || spec.scaling === 'minmax';
  const seen = needsValues ? presentAt(rows, train) : null;
  const fill = spec.missing === 'median' ? median(seen!) : spec.missing === 'mode' ? mode(seen!) : center;
  let scale: NumericScale;
  if (spec.scaling === 'standardize') scale = { kind: 'standardize', mean: center, std: stats.std || 1 };
  else if (spec.scaling === 'minmax') {
    const { min, max } = minMax(seen!);
    // A constant column: (v − min) / 1 keeps it at 0 instead of dividing by zero.
    scale = { kind: 'minmax', min, max: max > min ? max : min + 1 };
  } else scale = { kind: 'none' };
  const feature: NumericFeature = {
    type: spec.type as 'numeric' | 'date',
    name: spec.column.name,
    source: spec.column.index,
    offset,
    width: 1,
    missing: spec.missing,
    fill,
    scale,
    ...(format === 'decimal-comma' ? { decimalComma: true as const } : {}),
    ...(format === 'thousands' ? { thousands: true as const } : {}),
  };
  return { feature, rows };
}

function fitBoolean(spec: FeatureSpec, train: Int32Array, offset: number): FittedFeature | null {
  const { column } = spec;
  const rows = numberRows(column, toBoolean);
  const bad = firstUnreadable(column, rows);
  if (bad >= 0) {
    throw new DataError(
      'bad-type',
      `column ${column.name} cannot be boolean: it has values other than true/false, yes/no, y/n, t/f or 1/0 (such as '${textAt(column, bad)}'); make it categorical`,
      { column: column.name },
    );
  }
  const stats = presentStats(rows, train);
  if (stats.count === 0) return null;
  const names = booleanNames(column);
  return {
    feature: {
      type: 'boolean',
      name: column.name,
      source: column.index,
      offset,
      width: 1,
      missing: spec.missing,
      names,
      fill: stats.mean > 0.5 ? 1 : 0,
    },
    rows,
  };
}

/** The first row whose cell is present but did not read as a number, or -1. */
function firstUnreadable(column: RawColumn, rows: RowValues): number {
  if (rows.kind === 'coded') {
    const bad = Uint8Array.from(rows.byCode, (v) => (v === v ? 0 : 1));
    if (!bad.includes(1)) return -1;
    for (let i = 0; i < rows.codes.length; i++) if (rows.codes[i]! >= 0 && bad[rows.codes[i]!]) return i;
    return -1;
  }
  const values = (rows as { values: Float64Array }).values;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i] && !isMissingAt(column, i)) return i;
  return -1;
}

function booleanNames(column: RawColumn): [string, string] {
  if (column.kind !== 'dictionary') return ['0', '1'];
  const lower = column.values.map((v) => v.trim().toLowerCase());
  const f = lower.find((v) => toBoolean(v) === 0);
  const t = lower.find((v) => toBoolean(v) === 1);
  return [f ?? 'false', t ?? 'true'];
}

function isMissingAt(column: RawColumn, i: number): boolean {
  if (column.kind === 'dictionary') return column.codes[i]! < 0;
  if (column.kind === 'strings') return column.strings[i] == null;
  return Number.isNaN(column.numbers[i]);
}

function textAt(column: RawColumn, i: number): string {
  if (column.kind === 'dictionary') return column.values[column.codes[i]!] ?? '';
  if (column.kind === 'strings') return column.strings[i] ?? '';
  return String(column.numbers[i]);
}

/** Per row: an index into `keys` (-1 missing), and the distinct keys. */
export function categoryCodes(column: RawColumn): { codes: Int32Array; keys: string[] } {
  if (column.kind === 'dictionary') return { codes: column.codes, keys: [...column.values] };
  const keys: string[] = [];
  const codes = new Int32Array(column.length);
  if (column.kind === 'strings') {
    const index = new Map<string, number>();
    for (let i = 0; i < codes.length; i++) {
      const s = column.strings[i];
      if (s == null) codes[i] = -1;
      else {
        let k = index.get(s);
        if (k === undefined) index.set(s, (k = keys.push(s) - 1));
        codes[i] = k;
      }
    }
  } else {
    const index = new Map<number, number>();
    for (let i = 0; i < codes.length; i++) {
      const v = column.numbers[i]!;
      if (v !== v) codes[i] = -1;
      else {
        let k = index.get(v);
        if (k === undefined) index.set(v, (k = keys.push(String(v)) - 1));
        codes[i] = k;
      }
    }
  }
  return { codes, keys };
}

function fitCategorical(spec: FeatureSpec, train: Int32Array, offset: number): FittedFeature | null {
  const { column } = spec;
  const { codes, keys } = categoryCodes(column);
  const counts = new Int32Array(keys.length);
  for (let i = 0; i < train.length; i++) {
    const code = codes[train[i]!]!;
    if (code >= 0) counts[code]!++;
  }
  const present = keys.map((_, k) => k).filter((k) => counts[k]! > 0);
  if (present.length === 0) return null;
  const byFrequency = present.sort((a, b) => counts[b]! - counts[a]! || naturalCompare(keys[a]!, keys[b]!));
  const kept = byFrequency.slice(0, spec.maxCategories);
  const categories = kept.map((k) => keys[k]!).sort(naturalCompare);
  const other = present.length > kept.length;
  const slotOfKey = new Map(categories.map((c, i) => [c, i]));
  const slotOfCode = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++)
    slotOfCode[k] = slotOfKey.get(keys[k]!) ?? (other ? categories.length : NO_SLOT);
  const feature: CategoricalFeature = {
    type: 'categorical',
    name: column.name,
    source: column.index,
    offset,
    width: categories.length + (other ? 1 : 0),
    missing: spec.missing,
    categories,
    other,
    fill: keys[byFrequency[0]!]!,
    key: column.kind === 'numbers' ? 'number' : 'text',
    seen: present.length,
  };
  return { feature, rows: { kind: 'slots', codes, slotOfCode } };
}
