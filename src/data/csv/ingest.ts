/**
 * Rows from the CSV parser → column builders. Decides the header from the first rows, counts
 * records (so every message can name a file row), sets aside blank lines and rows with the wrong
 * number of fields, and keeps the first rows as a preview.
 */
import type { DataProblem } from '../errors';
import { DataError, listRows, plural } from '../errors';
import type { MissingTest } from './cells';
import { ColumnBuilder } from './column-builder';
import { columnNames, detectHeader, numericHeaderNote } from './header';
import type { RawColumn } from './table';

type Row = readonly string[];

export interface IngestOptions {
  readonly header: boolean | 'auto';
  readonly skipBadRows: boolean;
  readonly previewRows: number;
  readonly isMissing: MissingTest;
  /** Expected data rows given the rows read so far, to size the column buffers once (a guess is fine). */
  readonly capacityHint: (rowsSoFar: number) => number;
}

export const EMPTY_FILE = 'the file is empty. Choose a CSV file with a header and data rows.';
const HEADER_SAMPLE = 201;
const MAX_BAD_ROWS_KEPT = 1000;

export class RowIngest {
  /** Records seen so far, blank lines and the header included. */
  records = 0;
  private pending: Row[] | null = [];
  private header: boolean | null = null;
  private expected = 0;
  private builders: ColumnBuilder[] = [];
  names: string[] = [];
  renamed: string[] = [];
  readonly preview: string[][] = [];
  readonly skippedRows: number[] = [];
  readonly badRows: { row: number; fields: number }[] = [];
  badRowCount = 0;
  blankLines = 0;
  private lastBlank = 0;
  dataRows = 0;

  constructor(private readonly options: IngestOptions) {}

  /** The parser's rows for the next stretch of the file. */
  add(rows: readonly Row[]): void {
    if (this.pending) {
      for (const row of rows) this.pending.push(row);
      if (this.pending.length >= HEADER_SAMPLE) this.start();
      return;
    }
    this.ingest(rows, this.records);
    this.records += rows.length;
  }

  private start(): void {
    const rows = this.pending!;
    this.pending = null;
    const firstRecord = rows.findIndex((r) => !isBlank(r));
    if (firstRecord < 0) {
      this.ingest(rows, 0);
      this.records = rows.length;
      return;
    }
    const opt = this.options.header;
    const candidates = rows.slice(firstRecord).filter((r) => !isBlank(r));
    this.header = opt === 'auto' ? detectHeader(candidates, this.options.isMissing) : opt;
    const first = rows[firstRecord]!;
    this.expected = first.length;
    if (first.length > MAX_CSV_COLUMNS) {
      // Each column costs a builder with its own buffers: 300,000 of them exhaust a tab's memory.
      throw new DataError(
        'too-large',
        `the first row has ${first.length.toLocaleString('en-US')} fields; Layerloom reads at most ${MAX_CSV_COLUMNS.toLocaleString('en-US')} columns. Check the delimiter, or keep only the columns you need.`,
        { row: firstRecord + 1 },
      );
    }
    const named = columnNames(this.header ? first : null, this.expected);
    this.names = named.names;
    this.renamed = named.renamed;
    const capacity = this.options.capacityHint(rows.length);
    this.builders = this.names.map((name, i) => new ColumnBuilder(name, i, capacity, this.options.isMissing));
    const bodyStart = this.header ? firstRecord + 1 : firstRecord;
    for (let i = 0; i < bodyStart; i++) if (isBlank(rows[i]!)) this.noteBlank(i + 1);
    this.ingest(rows.slice(bodyStart), bodyStart);
    this.records = rows.length;
  }

  /** `rows[i]` is file record `before + i + 1`. */
  private ingest(rows: readonly Row[], before: number): void {
    const expected = this.expected;
    let good: Row[] | null = null;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.length === expected && !(expected === 1 && isBlank(row))) {
        if (good) good.push(row);
        continue;
      }
      good ??= rows.slice(0, i);
      if (isBlank(row)) this.noteBlank(before + i + 1);
      else this.noteBad(before + i + 1, row.length);
    }
    const use = good ?? rows;
    if (this.preview.length < this.options.previewRows) {
      for (const row of use.slice(0, this.options.previewRows - this.preview.length)) this.preview.push([...row]);
    }
    // After a bad row without skipBadRows the file is refused: only keep counting bad rows.
    if (this.badRowCount > 0 && !this.options.skipBadRows) return;
    for (let c = 0; c < this.builders.length; c++) this.builders[c]!.add(use, c);
    this.dataRows += use.length;
  }

  private noteBlank(row: number): void {
    this.blankLines++;
    this.lastBlank = row;
    this.skippedRows.push(row);
  }

  private noteBad(row: number, fields: number): void {
    this.badRowCount++;
    this.skippedRows.push(row);
    if (this.badRows.length < MAX_BAD_ROWS_KEPT) this.badRows.push({ row, fields });
  }

  /** Call after the last rows; throws for a file with no data, or bad rows when they are not skipped. */
  finish(): { columns: RawColumn[]; header: boolean; problems: DataProblem[] } {
    if (this.pending) this.start();
    if (this.header === null) throw new DataError('empty-file', EMPTY_FILE);
    const problems: DataProblem[] = [];
    if (this.badRowCount > 0) {
      const first = this.badRows[0]!;
      const rows = this.badRows.map((b) => b.row);
      const what = `row ${first.row} has ${plural(first.fields, 'field')}, expected ${this.expected}`;
      if (!this.options.skipBadRows) {
        const more =
          this.badRowCount > 1
            ? ` (${plural(this.badRowCount - 1, 'more row')} like it: ${listRows(rows.slice(1), this.badRowCount - 1)})`
            : '';
        throw new DataError(
          'ragged-rows',
          `${what}${more}. Fix ${this.badRowCount > 1 ? 'those rows' : 'that row'} (a missing or extra delimiter, or an unquoted field containing one) or choose to skip bad rows.`,
          { row: first.row, rows, fix: { control: 'skip-bad-rows' } },
        );
      }
      problems.push({
        severity: 'warning',
        code: 'bad-rows-skipped',
        message: `skipped ${plural(this.badRowCount, 'row')} with the wrong number of fields (expected ${this.expected}): ${listRows(rows, this.badRowCount)}; ${what}`,
        row: first.row,
      });
    }
    const interiorBlanks = this.blankLines - (this.lastBlank === this.records ? 1 : 0);
    if (interiorBlanks > 0) {
      problems.push({
        severity: 'info',
        code: 'blank-lines',
        message: `skipped ${plural(interiorBlanks, 'blank line')}`,
      });
    }
    for (const note of this.renamed) problems.push({ severity: 'info', code: 'renamed-columns', message: note });
    const numericNames = this.header && this.options.header === 'auto' ? numericHeaderNote(this.names) : null;
    if (numericNames) {
      problems.push({
        severity: 'warning',
        code: 'numeric-header',
        message: numericNames,
        fix: { control: 'header', value: 'no' },
      });
    }
    if (this.dataRows === 0) {
      if (this.header) {
        throw new DataError(
          'header-only',
          `the file has a header (${headerPreview(this.names)}) but no data rows. Add rows below the header.`,
        );
      }
      throw new DataError('empty-file', 'the file has no data rows.');
    }
    return { columns: this.builders.map((b) => b.finish()), header: this.header, problems };
  }
}

function isBlank(row: Row): boolean {
  return row.length === 1 && row[0]!.trim() === '';
}

/** Most columns a table may have (a project's column settings allow as many). */
export const MAX_CSV_COLUMNS = 10_000;

/** The first few column names, each cut short: a header of 10,000 columns must not make a 100 KB message. */
function headerPreview(names: readonly string[], shown = 8): string {
  const cut = (n: string) => (n.length > 40 ? `${n.slice(0, 40)}…` : n);
  const head = names.slice(0, shown).map(cut).join(', ');
  return names.length > shown ? `${head}, … ${names.length - shown} more columns` : head;
}
