/** Column statistics for the Data page's cards: computed once per parse, in the worker. */
import type { ParsedCsv, RawColumn, TabularSchema } from '../data/tabular';
import type { NumberFormat } from '../data/csv/cells';
import { cellText, columnValues } from '../data/csv/table';
import type { ColumnStats, Histogram } from './data-protocol';

const BINS = 12;
const TOP = 8;

function histogram(column: RawColumn, format: NumberFormat = 'plain'): Histogram | null {
  const values = columnValues(column, format);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  // Mostly text: a histogram of the few cells that happen to be numbers would mislead.
  if (n === 0 || n < (column.length - column.missing) * 0.5) return null;
  const bins = new Array<number>(BINS).fill(0);
  const width = (max - min) / BINS;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    const bin = width === 0 ? 0 : Math.min(BINS - 1, Math.floor((v - min) / width));
    bins[bin]!++;
  }
  return { min, max, mean: sum / n, bins };
}

function topValues(column: RawColumn, limit = TOP): ColumnStats['top'] {
  if (column.kind === 'dictionary') {
    return column.values
      .map((value, i) => ({ value, count: column.counts[i]! }))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
  }
  if (column.kind === 'strings') {
    const counts = new Map<string, number>();
    for (const s of column.strings) if (s != null) counts.set(s, (counts.get(s) ?? 0) + 1);
    return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count).slice(0, limit);
  }
  return null;
}

export function columnStats(parsed: ParsedCsv): ColumnStats[] {
  return parsed.columns.map((c) => ({ name: c.name, histogram: histogram(c), top: topValues(c) }));
}

/** The first `limit` rows as cell texts, for the preview table. */
export function previewRows(parsed: ParsedCsv, limit: number): string[][] {
  const n = Math.min(limit, parsed.rowCount);
  const rows: string[][] = [];
  for (let r = 0; r < n; r++) rows.push(parsed.columns.map((c) => cellText(c, r) ?? ''));
  return rows;
}

/** Rows per class of `label` (its distinct values), largest first; null for too many or none. */
export function classBalance(parsed: ParsedCsv, label: string | null): { name: string; count: number }[] | null {
  const column = parsed.columns.find((c) => c.name === label);
  if (!column) return null;
  const top = topValues(column, 50);
  if (column.kind === 'numbers') {
    const counts = new Map<string, number>();
    for (const v of column.numbers) if (!Number.isNaN(v)) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    if (counts.size > 50) return null;
    return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
  }
  return top && top.length > 0 ? top.map((t) => ({ name: t.value, count: t.count })) : null;
}

/** Histograms of the numeric columns read in another number format than plain ("1,234.5"), by column name. */
export function formatHistograms(parsed: ParsedCsv, schema: TabularSchema): Record<string, Histogram> {
  const out: Record<string, Histogram> = {};
  for (const c of schema.columns) {
    if (c.type !== 'numeric' || c.numberFormat === 'plain') continue;
    const h = histogram(parsed.columns[c.index]!, c.numberFormat);
    if (h) out[c.name] = h;
  }
  return out;
}
