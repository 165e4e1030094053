/**
 * Which of `,` `;` tab `|` separates the fields, judged on the start of the file. papaparse's own
 * guess counts a trailing blank line against a delimiter, which tips small files to the wrong
 * answer; here blank lines are left out and the delimiter that gives the most rows with the
 * header's field count (at least two fields) wins, then the one giving more fields.
 */
import Papa from 'papaparse';
import { looksWhitespaceAligned, WHITESPACE } from './whitespace';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter, `WHITESPACE` for a table aligned with spaces, or null when every candidate gives
 * one field per row (a single column).
 */
export function detectDelimiter(sample: string): string | null {
  const endsWithLine = /[\r\n]$/.test(sample);
  let best: { delimiter: string; share: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    let rows = Papa.parse<string[]>(sample, { delimiter, preview: 200 }).data;
    // A sample cut mid-row has a partial last row.
    if (!endsWithLine && rows.length > 1) rows = rows.slice(0, -1);
    rows = rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
    const fields = rows[0]?.length ?? 0;
    if (fields < 2) continue;
    const share = rows.filter((r) => r.length === fields).length / rows.length;
    if (!best || share > best.share || (share === best.share && fields > best.fields))
      best = { delimiter, share, fields };
  }
  if (best) return best.delimiter;
  const lines = sample.split(/\r?\n/);
  if (!endsWithLine && lines.length > 1) lines.pop();
  return looksWhitespaceAligned(lines.slice(0, 200)) ? WHITESPACE : null;
}
