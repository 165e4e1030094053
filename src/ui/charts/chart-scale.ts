/**
 * Axis and path arithmetic for LineChart: pure functions, so a redraw is a few string joins and
 * the chart never measures the DOM.
 */
import type { Point } from './downsample';

export interface Extent {
  readonly min: number;
  readonly max: number;
}

/** Smallest and largest finite x or y over all series; null when there is no point at all. */
export function extentOf(series: readonly (readonly Point[])[], axis: 'x' | 'y'): Extent | null {
  let min = Infinity;
  let max = -Infinity;
  for (const points of series)
    for (const p of points) {
      const v = p[axis];
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  return min <= max ? { min, max } : null;
}

/** A round step (1, 2 or 5 × 10ⁿ) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

export interface Axis extends Extent {
  readonly ticks: readonly number[];
  readonly step: number;
}

/**
 * Ticks for an extent. `snap` widens the extent out to whole steps (y axes, so a line never
 * touches the frame); without it the extent is kept (x axes start at the first batch).
 * `minStep` 1 keeps ticks on whole numbers (batches, epochs).
 */
export function axisFor(extent: Extent | null, count: number, snap: boolean, minStep = 0): Axis {
  let { min, max } = extent ?? { min: 0, max: 1 };
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) [min, max] = [0, 1];
  // A span of a few ulps (a smoothed value next to its raw one) counts as flat: a step that small
  // would need more than 2^53 steps to cross the axis, and the tick loop would never end.
  if (max - min <= Math.max(Math.abs(min), Math.abs(max)) * 1e-9) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const step = Math.max(minStep, niceStep(max - min, count));
  if (snap) {
    min = Math.floor(min / step) * step;
    max = Math.ceil(max / step) * step;
  }
  const ticks: number[] = [];
  // Multiples of the step, rounded past its decimals so that 3 × 0.1 is 0.3.
  const decimals = Math.min(20, Math.max(0, -Math.floor(Math.log10(step))) + 2);
  const last = Math.floor(max / step + 1e-9);
  const first = Math.ceil(min / step - 1e-9);
  // niceStep gives about `count` ticks; the cap guards against any extent it was not made for.
  for (let i = first; i <= last && ticks.length <= count * 4 + 4; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return { min, max, ticks, step };
}

/** A tick label with as many decimals as the step needs (a step of 0.05 shows 0.15, not 0.15000000000000002). */
export function formatTick(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  if (Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-4)) return value.toExponential(1);
  return value.toFixed(Math.min(decimals, 10));
}

/** Hover and tooltip values: four significant digits, as the old recharts tooltip showed. */
export function formatValue(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(4) : '–';
}

/** Maps a value in [min, max] onto [0, size]; `flip` puts min at the bottom (SVG y grows downwards). */
export function scale(value: number, axis: Extent, size: number, flip = false): number {
  const t = (value - axis.min) / (axis.max - axis.min);
  return (flip ? 1 - t : t) * size;
}

/** An SVG path through the points, in a width × height box; one decimal is plenty at screen size. */
export function linePath(points: readonly Point[], x: Extent, y: Extent, width: number, height: number): string {
  const parts: string[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    parts.push(`${i === 0 ? 'M' : 'L'}${scale(p.x, x, width).toFixed(1)},${scale(p.y, y, height, true).toFixed(1)}`);
  }
  // A single point would draw nothing: a zero-length segment with round caps shows it as a dot.
  if (points.length === 1) parts.push(parts[0]!.replace('M', 'L'));
  return parts.join('');
}

/** Index of the point whose x is nearest to `x` in points sorted by x; -1 when there are none. */
export function nearestIndex(points: readonly Point[], x: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.x < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(points[lo - 1]!.x - x) <= Math.abs(points[lo]!.x - x)) return lo - 1;
  return lo;
}
