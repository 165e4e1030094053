/** Ordering and short display text for column values (class names, schema summaries). */
import type { ColumnProfile } from './columns-profile';
import type { ColumnType } from './columns';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/**
 * "Natural" order: numbers by value ("2" before "10", "-1" before "0.5"), other text with digit
 * runs compared as numbers ("class 2" before "class 10"), then by exact code units so the order
 * never depends on the machine.
 */
export function naturalCompare(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  const xNum = a.trim() !== '' && Number.isFinite(x);
  const yNum = b.trim() !== '' && Number.isFinite(y);
  if (xNum && yNum && x !== y) return x - y;
  if (xNum !== yNum) return xNum ? -1 : 1;
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** 3 significant digits, no exponent for everyday magnitudes: 38.2, 0.00412, 91,494. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return v.toExponential(2);
  if (abs >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(3)));
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const p = (100 * part) / whole;
  if (p > 0 && p < 0.1) return '<0.1%';
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

export function isoDay(days: number): string {
  return new Date(Math.round(days * 86_400_000)).toISOString().slice(0, 10);
}

/** One short line describing a column's values, for the schema table. */
export function summaryText(
  type: ColumnType,
  profile: ColumnProfile,
  dateRange: readonly [number, number] | null,
): string {
  const { present } = profile;
  if (present === 0) return 'no values';
  const top = (n: number) => profile.top.slice(0, n).map((t) => `${t.value} ${formatPercent(t.count, present)}`);
  switch (type) {
    case 'numeric': {
      const s = profile.numbers;
      if (!s) return 'no numbers';
      return `${formatNumber(s.min)} – ${formatNumber(s.max)}, mean ${formatNumber(s.mean)}, sd ${formatNumber(s.std)}`;
    }
    case 'boolean':
      return top(2).join(' / ');
    case 'categorical': {
      const distinct = profile.distinct === null ? 'many' : profile.distinct.toLocaleString('en-US');
      const shown = top(3);
      if (profile.distinct === 1) return `one value: ${shown.join('')}`;
      const more = (profile.distinct ?? Infinity) > shown.length ? ', …' : '';
      return `${distinct} values: ${shown.join(', ')}${more}`;
    }
    case 'date':
      return dateRange ? `${isoDay(dateRange[0])} – ${isoDay(dateRange[1])}` : 'no dates';
    case 'text': {
      const distinct = profile.distinct === null ? 'many' : profile.distinct.toLocaleString('en-US');
      return `${distinct} distinct, ${Math.round(profile.meanLength)} characters on average`;
    }
  }
}
