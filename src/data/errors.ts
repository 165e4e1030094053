/**
 * Problems found while reading and preparing a dataset. A fatal one is thrown as a `DataError`;
 * the rest travel as `DataProblem` values in reports, so the UI can list them next to the column
 * or row they concern and the CLI can print them. Every message says what is wrong, where, and
 * what to do about it.
 */

export type DataErrorCode =
  | 'empty-file'
  | 'header-only'
  | 'ragged-rows'
  | 'unclosed-quote'
  | 'not-utf8'
  | 'too-large'
  | 'read-failed'
  | 'aborted'
  | 'bad-option'
  | 'unknown-column'
  | 'no-label'
  | 'single-class'
  | 'label-unusable'
  | 'no-features'
  | 'too-few-rows'
  | 'bad-type'
  | 'out-of-range'
  | 'ambiguous-number-format';

export type DataWarningCode =
  | 'bad-rows-skipped'
  | 'invalid-quotes'
  | 'single-column'
  | 'blank-lines'
  | 'renamed-columns'
  | 'numeric-header'
  | 'replacement-characters'
  | 'non-numeric-values'
  | 'constant-column'
  | 'id-column'
  | 'text-ignored'
  | 'empty-column'
  | 'missing-labels'
  | 'missing-values-dropped'
  | 'wide-one-hot'
  | 'categories-capped'
  | 'rare-class'
  | 'many-classes'
  | 'empty-split'
  | 'unseen-categories';

export type Severity = 'error' | 'warning' | 'info';

/** The reading and preparing settings a user can change, with the same names on the Data page and the CLI. */
export type DataControl = 'encoding' | 'delimiter' | 'header' | 'number-format' | 'task' | 'skip-bad-rows';

/** The setting a problem's advice refers to, and the value that fixes it: the app offers it as a button, the CLI as a flag. */
export interface DataFix {
  readonly control: DataControl;
  readonly value?: string;
  /** For a per-column setting (number format). */
  readonly column?: string;
}

export interface DataProblem {
  readonly severity: Severity;
  readonly code: DataErrorCode | DataWarningCode;
  readonly message: string;
  /** 1-based record number in the file, the header counted as row 1 (what a spreadsheet shows). */
  readonly row?: number;
  readonly column?: string;
  readonly fix?: DataFix;
}

export interface DataErrorDetails {
  readonly row?: number;
  readonly column?: string;
  /** Every row concerned, when there are several (ragged rows). */
  readonly rows?: readonly number[];
  readonly fix?: DataFix;
}

export class DataError extends Error {
  override readonly name = 'DataError';
  readonly code: DataErrorCode;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly rows: readonly number[] | undefined;
  readonly fix: DataFix | undefined;

  constructor(code: DataErrorCode, message: string, details: DataErrorDetails = {}) {
    super(message);
    this.code = code;
    this.row = details.row;
    this.column = details.column;
    this.rows = details.rows;
    this.fix = details.fix;
  }

  toProblem(): DataProblem {
    return {
      severity: 'error',
      code: this.code,
      message: this.message,
      ...(this.row !== undefined ? { row: this.row } : {}),
      ...(this.column !== undefined ? { column: this.column } : {}),
      ...(this.fix !== undefined ? { fix: this.fix } : {}),
    };
  }
}

export function isDataError(err: unknown): err is DataError {
  return err instanceof DataError;
}

/** "row 3, 7 and 12", "rows 3, 7, 12, … (40 in all)": row lists in messages stay short. */
export function listRows(rows: readonly number[], total = rows.length, shown = 10): string {
  const head = rows.slice(0, shown).map(String);
  if (total > head.length) return `rows ${head.join(', ')}, … (${total.toLocaleString('en-US')} in all)`;
  if (head.length === 1) return `row ${head[0]}`;
  return `rows ${head.slice(0, -1).join(', ')} and ${head.at(-1)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
