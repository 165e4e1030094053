/**
 * Column types, roles and the task, inferred from a parsed CSV, each overridable by the user.
 *
 * Types (judged on the present, non-missing cells):
 * - boolean: exactly two values from one pair — true/false, yes/no, y/n, t/f, 1/0 (any case);
 * - numeric: at least 95% read as numbers;
 * - date: at least 95% read as ISO-like dates (2024-03-05, 2024-03-05T14:30Z);
 * - text: many distinct values (more than half the rows) that are long (15+ characters on
 *   average), or a different value in every row (identifiers, names); ignored by default;
 * - categorical: everything else.
 * Increasing, all-different integers are a row id (ignored) when the column is named like one
 * (id, PassengerId, index) or numbers the rows from 0 or 1; a year column is not.
 * The label is the column named label/target/class/y/outcome if there is one, else the last usable
 * column. Task: binary for two values; multiclass for 3+ classes of text, or 3–10 distinct
 * integers spread over at most twice their count, with 5 rows or more each (class codes);
 * regression for other numbers (20 years of grunfeld's panel are a quantity, not 20 classes).
 */
import type { Task } from './types';
import type { DataProblem } from './errors';
import { DataError, plural } from './errors';
import type { ColumnProfile, NumericSummary } from './columns-profile';
import { formatProfile, profileColumn } from './columns-profile';
import { summaryText } from './columns-format';
import type { NumberFormat } from './csv/cells';
import { NUMBER_FORMAT_EXAMPLES, toDays } from './csv/cells';
import type { ParsedCsv, RawColumn } from './csv/table';
import { columnMapped, fileRow } from './csv/table';
import { ownInputRole, settleRoleProblems } from './columns-roles';

export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'date' | 'text';
/**
 * `text`: the column's words become token ids for an Input of its own; `id`: each value becomes one
 * integer index (0 = unseen) for an Embedding Input of its own. Inference never picks these two.
 */
export type ColumnRole = 'feature' | 'label' | 'ignore' | 'text' | 'id';
export const COLUMN_ROLES: readonly ColumnRole[] = ['feature', 'label', 'ignore', 'text', 'id'];
export const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'boolean', 'date', 'text'];

export interface ColumnSchema {
  readonly name: string;
  /** Position in the file (0-based). */
  readonly index: number;
  readonly type: ColumnType;
  readonly inferredType: ColumnType;
  readonly role: ColumnRole;
  readonly present: number;
  readonly missing: number;
  /** Distinct present values; null when there were too many to count. */
  readonly distinct: number | null;
  /** A short line about the values: range and mean, top categories, date range… */
  readonly summary: string;
  /** Minimum, maximum, mean and spread of a numeric column's values, as read in its number format. */
  readonly stats: NumericSummary | null;
  /** How the column writes numbers ("1,234.5", "1.234,5"): read so in training and at inference. */
  readonly numberFormat: NumberFormat;
  /** The format the values suggest; null when they fit two formats that disagree (the user must choose). */
  readonly inferredNumberFormat: NumberFormat | null;
  /** Why the column was typed or set aside as it was, when that is worth saying. */
  readonly notes: readonly string[];
}

export interface TabularSchema {
  readonly rowCount: number;
  readonly columns: readonly ColumnSchema[];
  readonly label: string | null;
  readonly task: Task | null;
  readonly inferredTask: Task | null;
  /** Classes of the label (classification), else null. */
  readonly classCount: number | null;
  readonly problems: readonly DataProblem[];
}

export interface ColumnOverride {
  readonly type?: ColumnType;
  readonly role?: ColumnRole;
  readonly numberFormat?: NumberFormat;
}

export interface SchemaOptions {
  /** The label column; null for none; left out, it is chosen as described above. */
  readonly label?: string | null;
  readonly task?: Task;
  readonly columns?: Readonly<Record<string, ColumnOverride>>;
  /** Every numeric column's number format, unless `columns` gives one (left out: inferred per column). */
  readonly numberFormat?: NumberFormat;
}

const LABEL_NAMES = /^(label|labels|target|class|y|outcome)$/i;
/** Names of row-id columns: id, PassengerId, customer_id, index, row, "Unnamed: 0" (pandas). */
const ID_NAME = /(^|[^a-z])(id|idx|index|key|row|rownum)$|[a-z]Id$|^unnamed: ?0$/i;
const NUMERIC_SHARE = 0.95;
/** More distinct whole numbers than this are a quantity (a year, a count), not class codes. */
export const MAX_INTEGER_CLASSES = 10;
/** Class codes come with rows to spare: fewer rows per value than this is a quantity too (longley's years). */
const MIN_ROWS_PER_CLASS = 5;
const MANY_CLASSES = 50;

export function inferType(p: ColumnProfile): ColumnType {
  if (p.present === 0) return 'text';
  if (p.distinct === 2 && p.booleanPair) return 'boolean';
  // Infinite cells are numbers a float cannot hold: they keep a number column numeric.
  if (Math.max(p.numeric, p.autoFormat.readable) + p.nonFinite >= NUMERIC_SHARE * p.present) return 'numeric';
  if (p.dates >= NUMERIC_SHARE * p.present) return 'date';
  const distinct = p.distinct ?? p.present;
  if (distinct > 50 && distinct > 0.5 * p.present && p.meanLength >= 15) return 'text';
  if (distinct === p.present && p.present >= 20) return 'text';
  return 'categorical';
}

/** The task a label column implies, with its class count for classification. */
export function inferTask(type: ColumnType, p: ColumnProfile): { task: Task | null; classes: number | null } {
  const distinct = p.distinct;
  switch (type) {
    case 'boolean':
      return { task: 'binary', classes: 2 };
    case 'categorical':
      return { task: distinct === 2 ? 'binary' : 'multiclass', classes: distinct };
    case 'numeric': {
      if (distinct === 2) return { task: 'binary', classes: 2 };
      // Class codes are few, whole and dense (0–9, 3–8 with a gap); counts and sizes spread out.
      const span = p.numbers ? p.numbers.max - p.numbers.min + 1 : Infinity;
      if (
        p.integersOnly &&
        distinct !== null &&
        distinct > 2 &&
        distinct <= MAX_INTEGER_CLASSES &&
        span <= 2 * distinct &&
        p.present >= MIN_ROWS_PER_CLASS * distinct
      ) {
        return { task: 'multiclass', classes: distinct };
      }
      return { task: 'regression', classes: null };
    }
    default:
      return { task: null, classes: null };
  }
}

export function inferSchema(parsed: ParsedCsv, options: SchemaOptions = {}): TabularSchema {
  const overrides = options.columns ?? {};
  for (const name of Object.keys(overrides)) requireColumn(parsed, name);
  if (options.label != null) requireColumn(parsed, options.label);
  const problems: DataProblem[] = [];
  const profiles = parsed.columns.map((column) => {
    const p = profileColumn(column);
    const type = overrides[column.name]?.type ?? inferType(p);
    const format = overrides[column.name]?.numberFormat ?? options.numberFormat ?? p.autoFormat.format;
    return type === 'numeric' && format !== 'plain' ? formatProfile(column, p, format) : p;
  });
  const drafts = parsed.columns.map((column, i) =>
    draftColumn(parsed, column, profiles[i]!, overrides[column.name], problems, options.numberFormat !== undefined),
  );

  const label =
    options.label !== undefined
      ? options.label
      : (Object.entries(overrides).find(([, o]) => o.role === 'label')?.[0] ??
        // A column named as the label is the label even when empty or constant: the error says so,
        // rather than another column silently taking its place.
        drafts.find((d) => LABEL_NAMES.test(d.name) && !setAside(overrides[d.name]?.role))?.name ??
        [...drafts]
          .reverse()
          .find(
            (d) =>
              d.role !== 'ignore' && !ownInputRole(overrides[d.name]?.role) && d.type !== 'text' && d.type !== 'date',
          )?.name ??
        null);
  const columns = drafts.map((d): ColumnSchema => {
    const forced = overrides[d.name]?.role;
    if (d.name === label) return { ...d, role: 'label' };
    // A column given an Input of its own is no longer "ignored", whatever inference noted.
    if (ownInputRole(forced)) return { ...d, role: forced, notes: d.notes.filter((n) => !n.includes('ignored')) };
    if (forced) return { ...d, role: forced === 'label' ? 'feature' : forced };
    return d;
  });

  problems.splice(0, problems.length, ...settleRoleProblems(problems, columns, profiles, overrides, label));
  columns.forEach((c, i) => {
    if (c.type !== 'numeric' || c.role === 'ignore' || c.role === 'id' || c.inferredNumberFormat !== null) return;
    if (overrides[c.name]?.numberFormat || options.numberFormat) return;
    problems.push(ambiguousFormat(parsed, c.name, profiles[i]!));
  });

  let task: Task | null = null;
  let inferredTask: Task | null = null;
  let classCount: number | null = null;
  if (label !== null) {
    const at = columns.findIndex((c) => c.name === label);
    const guess = inferTask(columns[at]!.type, profiles[at]!);
    inferredTask = guess.task;
    task = options.task ?? guess.task;
    classCount = task === 'regression' ? null : guess.classes;
    if (profiles[at]!.present === 0) {
      problems.push({
        severity: 'error',
        code: 'label-unusable',
        column: label,
        message: `the label '${label}' has no values: every cell of it is empty or missing; choose another label column`,
      });
    } else if (guess.task === null && !options.task) {
      problems.push({
        severity: 'error',
        code: 'label-unusable',
        column: label,
        message: `the label '${label}' is a ${columns[at]!.type} column; choose a column of classes or numbers as the label`,
      });
    } else if (classCount !== null && classCount > MANY_CLASSES && task !== 'regression') {
      problems.push({
        severity: 'warning',
        code: 'many-classes',
        column: label,
        message: `the label '${label}' has ${plural(classCount, 'class', 'classes')}; check that it is the right column, or set the task to regression if it is a quantity`,
        fix: { control: 'task', value: 'regression' },
      });
    }
  }
  if (!columns.some((c) => c.role === 'feature' || ownInputRole(c.role))) {
    problems.push({
      severity: 'error',
      code: 'no-features',
      message: 'no column is left as an input feature; set at least one column to feature',
    });
  }
  return { rowCount: parsed.rowCount, columns, label, task, inferredTask, classCount, problems };
}

function requireColumn(parsed: ParsedCsv, name: string): void {
  if (!parsed.columns.some((c) => c.name === name)) {
    throw new DataError(
      'unknown-column',
      `there is no column '${name}'; the columns are ${parsed.columns.map((c) => c.name).join(', ')}`,
      { column: name },
    );
  }
}

function draftColumn(
  parsed: ParsedCsv,
  column: RawColumn,
  p: ColumnProfile,
  override: ColumnOverride | undefined,
  problems: DataProblem[],
  formatForAll: boolean,
): ColumnSchema {
  const inferredType = inferType(p);
  const type = override?.type ?? inferredType;
  const notes: string[] = [];
  let role: ColumnRole = 'feature';
  const name = column.name;
  if (p.present === 0) {
    role = 'ignore';
    notes.push('has no values; ignored');
    problems.push({
      severity: 'warning',
      code: 'empty-column',
      column: name,
      message: `column ${name} has no values; it is ignored`,
    });
  } else if (p.distinct === 1) {
    role = 'ignore';
    notes.push(`has the same value (${p.top[0]?.value ?? ''}) in every row; ignored`);
    problems.push({
      severity: 'info',
      code: 'constant-column',
      column: name,
      message: `column ${name} has one value in every row; it is ignored (it cannot help a model)`,
    });
  } else if (type === 'text') {
    role = 'ignore';
    notes.push(
      p.distinct === p.present
        ? 'a different value in every row (an identifier or free text); ignored — set its type to categorical to use its most frequent values'
        : 'free text; ignored — set its type to categorical to use its most frequent values',
    );
    problems.push({
      severity: 'info',
      code: 'text-ignored',
      column: name,
      message: `column ${name} looks like text or an identifier; it is ignored`,
    });
  } else if (type === 'numeric' && p.rowId && (ID_NAME.test(name) || rowNumbers(p))) {
    role = 'ignore';
    notes.push('counts up by row (a row number or id); ignored');
    problems.push({
      severity: 'info',
      code: 'id-column',
      column: name,
      message: `column ${name} looks like a row number or id (increasing, all different); it is ignored`,
    });
  }
  const undecided = p.autoFormat.ambiguous && !override?.numberFormat && !formatForAll;
  if (type === 'numeric' && undecided) notes.push('its numbers fit both 1,234.5 and 1.234,5: choose its number format');
  else if (type === 'numeric' && p.numberFormat === 'thousands')
    notes.push('numbers written with thousands separators (1,234.5 is 1234.5)');
  else if (type === 'numeric' && p.numberFormat === 'decimal-comma')
    notes.push('numbers written with a decimal comma (1.234,5 is 1234.5)');
  const nonNumeric = p.present - p.numeric;
  if (type === 'numeric' && nonNumeric > 0) {
    const first = p.nonNumericExamples[0];
    const where = first ? ` (the first: '${first.value}' on row ${fileRow(parsed, first.index)})` : '';
    const what = p.nonFinite > 0 ? 'not a finite number' : 'not a number';
    notes.push(`${plural(nonNumeric, 'value')} that are ${what.replace('a ', '')}s read as missing`);
    problems.push({
      severity: 'warning',
      code: 'non-numeric-values',
      column: name,
      message: `column ${name}: ${plural(nonNumeric, 'value')} ${nonNumeric === 1 ? 'is' : 'are'} ${what}${where}; ${nonNumeric === 1 ? 'it is' : 'they are'} treated as missing`,
      ...(first ? { row: fileRow(parsed, first.index) } : {}),
    });
  }
  let dateRange: [number, number] | null = null;
  if (type === 'date') {
    const days = columnMapped(column, toDays);
    let lo = Infinity;
    let hi = -Infinity;
    for (const d of days) if (d === d) [lo, hi] = [Math.min(lo, d), Math.max(hi, d)];
    dateRange = lo <= hi ? [lo, hi] : null;
  }
  return {
    name,
    index: column.index,
    type,
    inferredType,
    role,
    present: p.present,
    missing: p.missing,
    distinct: p.distinct,
    numberFormat: type === 'numeric' ? p.numberFormat : 'plain',
    inferredNumberFormat: p.autoFormat.ambiguous ? null : p.autoFormat.format,
    summary: summaryText(type, p, dateRange),
    stats: type === 'numeric' ? p.numbers : null,
    notes,
  };
}

/** A column whose commas fit both "1,234.5" and "1.234,5" with different numbers: the user chooses. */
function ambiguousFormat(parsed: ParsedCsv, name: string, p: ColumnProfile): DataProblem {
  const example = p.ambiguousExample;
  const cell = example?.value.trim() ?? '1,234';
  const at = example ? ` on row ${fileRow(parsed, example.index)}` : '';
  const asThousands = cell.replace(/,/g, '');
  const asDecimal = cell.replace(/\./g, '').replace(',', '.');
  return {
    severity: 'error',
    code: 'ambiguous-number-format',
    column: name,
    ...(example ? { row: fileRow(parsed, example.index) } : {}),
    message:
      `column ${name}: '${cell}'${at} could be ${asThousands} (written ${NUMBER_FORMAT_EXAMPLES.thousands}) or ${asDecimal} ` +
      `(written ${NUMBER_FORMAT_EXAMPLES['decimal-comma']}), and no value in the column settles which; choose the column's number format`,
    fix: { control: 'number-format', column: name },
  };
}

function setAside(role: ColumnRole | undefined): boolean {
  return role === 'ignore' || ownInputRole(role);
}

/** 0, 1, 2, … or 1, 2, 3, …: the values number the rows. */
function rowNumbers(p: ColumnProfile): boolean {
  const s = p.numbers;
  return s !== null && (s.min === 0 || s.min === 1) && s.max - s.min + 1 === p.numeric;
}
