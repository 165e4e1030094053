/**
 * A .txt file is a text to model, or a table saved as .txt (tab-separated exports often are). The
 * first lines decide: a table repeats the same delimiter the same number of times on every line.
 */

/** Bytes read to decide: enough for the first lines of any table. */
export const SNIFF_BYTES = 16 * 1024;

const DELIMITERS = ['\t', ';', '|', ','];

/** True when the first lines (at least 3) each hold the same number, at least one, of one delimiter. */
export function looksLikeTable(head: string): boolean {
  // The last line may be cut off mid-way by the sniff.
  const lines = head
    .split(/\r?\n/)
    .slice(0, -1)
    .filter((l) => l.trim() !== '')
    .slice(0, 10);
  if (lines.length < 3) return false;
  return DELIMITERS.some((d) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    if (counts[0]! < 1 || !counts.every((c) => c === counts[0])) return false;
    // Prose with one comma a line is not a table: commas must split short cells.
    if (d !== ',') return true;
    return lines.every((l) => l.split(',').every((cell) => cell.length <= 60));
  });
}
