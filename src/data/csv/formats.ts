/**
 * Names of the ways a CSV writes its numbers and separates its fields. Imports nothing: the Data
 * page lists them in its menus.
 */

/**
 * How a column writes its numbers; one format holds for a whole column, never a mix:
 * - plain: "1234.5" (what JavaScript and Python read);
 * - thousands: "1,234.5" (commas group thousands, a dot is the decimal point);
 * - decimal-comma: "1.234,5" (dots group thousands, a comma is the decimal point).
 */
export type NumberFormat = 'plain' | 'thousands' | 'decimal-comma';
export const NUMBER_FORMATS: readonly NumberFormat[] = ['plain', 'thousands', 'decimal-comma'];
/** How each format is shown to the user (and accepted on the command line). */
export const NUMBER_FORMAT_EXAMPLES: Readonly<Record<NumberFormat, string>> = {
  plain: '1234.5',
  thousands: '1,234.5',
  'decimal-comma': '1.234,5',
};

/** The `delimiter` value meaning "runs of spaces or tabs" (tables aligned with spaces). */
export const WHITESPACE = 'whitespace';
