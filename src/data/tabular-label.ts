/**
 * The label column as training targets: class indices (classes in natural order) for
 * classification, numbers for regression. NaN marks a row without a usable label.
 */
import type { ColumnType } from './columns';
import { naturalCompare } from './columns-format';
import { DataError, plural } from './errors';
import type { LabelTransform } from './preprocess';
import type { NumberFormat } from './csv/cells';
import { toBoolean } from './csv/cells';
import type { RawColumn } from './csv/table';
import { columnValues } from './csv/table';
import { categoryCodes } from './preprocess-fit';
import type { Task } from './types';

export type LabelKey = 'text' | 'number' | 'boolean';

export interface LabelValues {
  /** Per row: class index or target value; NaN = no label. */
  readonly y: Float64Array;
  /** Class names in index order; null for regression. */
  readonly classNames: string[] | null;
  readonly key: LabelKey;
}

/** How class names are written: booleans by their lower-case token, numbers canonically ("1.0" → "1"). */
function keyFor(type: ColumnType, column: RawColumn): LabelKey {
  if (type === 'boolean') return 'boolean';
  if (type === 'numeric' || column.kind === 'numbers') return 'number';
  return 'text';
}

function canonical(key: LabelKey, text: string): string | null {
  if (key === 'text') return text;
  if (key === 'boolean') {
    const t = text.trim().toLowerCase();
    return Number.isNaN(toBoolean(t)) ? null : t;
  }
  const v = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(v) ? null : String(v);
}

/** Classification targets over every row; `usable` limits which rows decide the classes. */
export function classLabels(column: RawColumn, type: ColumnType, usable: (row: number) => boolean): LabelValues {
  const key = keyFor(type, column);
  const { codes, keys } = categoryCodes(column);
  const names = keys.map((k) => canonical(key, k));
  const used = new Set<string>();
  // A code already counted adds nothing: skip its rows without calling `usable`. Names still enter
  // `used` in the order of their first usable row.
  const counted = new Uint8Array(keys.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code >= 0 && counted[code] === 0 && names[code] !== null && usable(i)) {
      counted[code] = 1;
      used.add(names[code]!);
    }
  }
  const classNames = [...used].sort(naturalCompare);
  const indexOf = new Map(classNames.map((n, i) => [n, i]));
  const classOfCode = names.map((n) => (n === null ? NaN : (indexOf.get(n) ?? NaN)));
  const y = new Float64Array(codes.length);
  for (let i = 0; i < y.length; i++) {
    const code = codes[i]!;
    y[i] = code < 0 ? NaN : classOfCode[code]!;
  }
  return { y, classNames, key };
}

/** Regression targets; cells that are not numbers count as missing labels. */
export function regressionLabels(column: RawColumn, format: NumberFormat = 'plain'): LabelValues {
  const y = columnValues(column, format);
  return { y, classNames: null, key: 'number' };
}

/** Checks that the classes fit the task; throws a DataError the user can act on. */
export function checkClasses(label: string, task: Task, classNames: readonly string[], rows: number): void {
  if (classNames.length === 0) {
    throw new DataError(
      'label-unusable',
      `the label '${label}' has no values in the ${plural(rows, 'usable row')}; choose another label column`,
      { column: label },
    );
  }
  if (classNames.length === 1) {
    throw new DataError(
      'single-class',
      `the label '${label}' has only one class ('${classNames[0]}') in the ${plural(rows, 'usable row')}; a classifier needs at least two. Choose another label column, or add rows of other classes.`,
      { column: label },
    );
  }
  if (task === 'binary' && classNames.length !== 2) {
    throw new DataError(
      'bad-option',
      `the task is binary but the label '${label}' has ${classNames.length} classes (${classNames.slice(0, 5).join(', ')}${classNames.length > 5 ? ', …' : ''}); choose multiclass`,
      { column: label, fix: { control: 'task', value: 'multiclass' } },
    );
  }
}

/** Regression on a column that is mostly not numbers is a mistake to name, not rows to drop. */
export function checkNumericLabel(name: string, column: RawColumn, y: Float64Array): void {
  let numbers = 0;
  for (const v of y) if (v === v) numbers++;
  const present = column.length - column.missing;
  if (present > 0 && numbers < 0.5 * present) {
    throw new DataError(
      'label-unusable',
      `regression needs a numeric label, but only ${plural(numbers, 'value')} of ${present.toLocaleString('en-US')} in '${name}' are numbers; choose a classification task or another label`,
      { column: name, fix: { control: 'task', value: 'multiclass' } },
    );
  }
}

/** The label part of the transform; for regression, the training targets' mean and spread. */
export function labelTransform(
  name: string,
  source: number,
  task: Exclude<Task, 'next-token'>,
  labels: LabelValues,
  train: Int32Array,
): LabelTransform {
  if (task === 'regression') {
    let sum = 0;
    for (const r of train) sum += labels.y[r]!;
    const mean = sum / train.length;
    let squares = 0;
    for (const r of train) squares += (labels.y[r]! - mean) ** 2;
    return { name, source, task, mean, std: Math.sqrt(squares / train.length) };
  }
  return { name, source, task, classNames: labels.classNames ?? [], key: labels.key };
}
