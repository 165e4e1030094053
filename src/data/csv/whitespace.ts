/**
 * Tables aligned with spaces (statsmodels' spector.csv: `  OBS   GPA  TUCE`), where any run of
 * spaces or tabs separates two fields. papaparse splits on one character, so each complete line
 * is rewritten with a tab between its fields before it is parsed; quotes are not special here.
 */
import { DataError, plural } from '../errors';

export { WHITESPACE } from './formats';

const RUN = /[ \t]+/;

function collapse(lines: string): string {
  return lines
    .split('\n')
    .map((line) => line.replace(/\r$/, '').trim().split(RUN).join('\t'))
    .join('\n');
}

export class WhitespaceFields {
  private rest = '';

  constructor(private readonly maxLine: number) {}

  /** The complete lines of `text` (with what was left over before), rewritten; keeps the partial last line. */
  push(text: string): string {
    const all = this.rest + text;
    const end = all.lastIndexOf('\n');
    if (end < 0) {
      if (all.length > this.maxLine) {
        throw new DataError(
          'unclosed-quote',
          `a line is longer than ${plural(this.maxLine, 'character')}; is this a table? Check its line endings.`,
        );
      }
      this.rest = all;
      return '';
    }
    this.rest = all.slice(end + 1);
    return collapse(all.slice(0, end + 1));
  }

  flush(): string {
    const last = this.rest;
    this.rest = '';
    return last === '' ? '' : collapse(last);
  }
}

/** Whether whole lines of `sample` read as a whitespace-aligned table of two or more columns. */
export function looksWhitespaceAligned(lines: readonly string[]): boolean {
  const rows = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (rows.length < 2) return false;
  const fields = rows[0]!.split(RUN).length;
  if (fields < 2) return false;
  const same = rows.filter((r) => r.split(RUN).length === fields).length;
  if (same < 0.9 * rows.length) return false;
  // Aligned columns (runs of spaces or tabs), or single spaces between numbers ("1 2.5 3").
  const aligned = rows.filter((r) => /[ \t]{2,}|\t/.test(r)).length >= rows.length / 2;
  const numbers = rows.slice(1).flatMap((r) => r.split(RUN));
  const numeric = numbers.filter((c) => c !== '' && !Number.isNaN(Number(c))).length >= 0.8 * numbers.length;
  return aligned || numeric;
}
