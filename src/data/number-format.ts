/**
 * Which number format a column is written in, decided from all its values at once (never cell by
 * cell, so "1,500" and "12,345.50" in one column are both read with comma thousands):
 * - no cell has a comma: plain;
 * - else the format among "1,234.5" and "1.234,5" that reads more of the cells; a cell such as
 *   "12,345.50", "1,5" or "1,234,567" settles it;
 * - when both read every cell but disagree on some ("1,234": 1234 or 1.234?), the column is
 *   ambiguous and the user chooses.
 * Cells writing infinity or numbers too large for a float ("inf", "1e309") count as numbers for
 * the type, and read as missing.
 */
import type { NumberFormat } from './csv/cells';
import { isNonFinite, toNumber, toNumberDecimalComma, toNumberThousands } from './csv/cells';

export class FormatTally {
  /** Present cells with a comma. */
  commaCells = 0;
  /** Present cells each format reads (plain cells are read alike by all but decimal-comma). */
  plain = 0;
  thousands = 0;
  decimalComma = 0;
  /** Some cell read by both comma formats gives two different numbers. */
  differ = false;
  /** Cells writing infinity or an overflowing number. */
  nonFinite = 0;
  /** The first cell (by data row) that differs, for the message. */
  example: { readonly index: number; readonly value: string } | null = null;

  /** One distinct text seen `count` times, first at data row `index`. */
  add(text: string, count: number, index: number): void {
    const plain = toNumber(text);
    if (plain === plain) {
      this.plain += count;
      this.thousands += count;
      // "1.500" is 1500 in a decimal-comma column; whether the column is one, its commas say.
      if (toNumberDecimalComma(text) === toNumberDecimalComma(text)) this.decimalComma += count;
      return;
    }
    if (isNonFinite(text)) {
      this.nonFinite += count;
      return;
    }
    if (text.indexOf(',') < 0) return;
    this.commaCells += count;
    const t = toNumberThousands(text);
    const d = toNumberDecimalComma(text);
    if (t === t) this.thousands += count;
    if (d === d) this.decimalComma += count;
    if (t === t && d === d && t !== d) this.noteDiffer(text, index);
  }

  /** Plain numbers known only as values (a number column): `integers` when all are whole. */
  addPlainValues(count: number, integers: boolean): void {
    this.plain += count;
    this.thousands += count;
    if (integers) this.decimalComma += count;
  }

  private noteDiffer(text: string, index: number): void {
    this.differ = true;
    if (this.example === null || index < this.example.index) this.example = { index, value: text };
  }
}

export interface FormatChoice {
  readonly format: NumberFormat;
  /** Cells the format reads as numbers. */
  readonly readable: number;
  /** Both comma formats read the column, with different numbers: the user must choose. */
  readonly ambiguous: boolean;
}

export function chooseNumberFormat(tally: FormatTally): FormatChoice {
  if (tally.commaCells === 0) return { format: 'plain', readable: tally.plain, ambiguous: false };
  if (tally.thousands > tally.decimalComma) return { format: 'thousands', readable: tally.thousands, ambiguous: false };
  if (tally.decimalComma > tally.thousands)
    return { format: 'decimal-comma', readable: tally.decimalComma, ambiguous: false };
  if (tally.differ) return { format: 'thousands', readable: tally.thousands, ambiguous: true };
  return { format: 'plain', readable: tally.plain, ambiguous: false };
}

/** The cells `format` reads, from the tally. */
export function readableIn(tally: FormatTally, format: NumberFormat): number {
  return format === 'thousands' ? tally.thousands : format === 'decimal-comma' ? tally.decimalComma : tally.plain;
}
