import { memo, useMemo, useState, type PointerEvent } from 'react';
import { axisFor, extentOf, formatTick, formatValue, linePath, nearestIndex, scale } from './chart-scale';
import type { Point } from './downsample';

export interface Series {
  name: string;
  points: Point[];
  color: string;
  width?: number;
  opacity?: number;
}

/**
 * The plot is drawn in this fixed box and stretched to the element (preserveAspectRatio none,
 * non-scaling strokes), so the chart never reads its own size: no layout work on a redraw.
 */
const BOX_W = 1000;
const BOX_H = 400;
const X_TICKS = 6;
const Y_TICKS = 4;

const pct = (v: number) => `${v.toFixed(3)}%`;

/**
 * A line chart over several (x, y) series that need not share x values: plain SVG paths with
 * HTML tick labels, a legend and a hover read-out. Built for charts that redraw while training;
 * recharts took 30–120 ms of main thread per chart and redraw on the 2-core test machines.
 */
export const LineChart = memo(function LineChart({ title, series, height = 200 }: { title: string; series: readonly Series[]; height?: number }) {
  const count = series[0]?.points.length ?? 0;
  const drawing = useMemo(() => {
    const all = series.map((s) => s.points);
    // x is a batch or epoch number: ticks on whole numbers only.
    const x = axisFor(extentOf(all, 'x'), X_TICKS, false, 1);
    const y = axisFor(extentOf(all, 'y'), Y_TICKS, true);
    return { x, y, paths: series.map((s) => linePath(s.points, x, y, BOX_W, BOX_H)) };
  }, [series]);
  const [hoverX, setHoverX] = useState<number | null>(null);
  const { x, y, paths } = drawing;
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width > 0) setHoverX(x.min + ((e.clientX - rect.left) / rect.width) * (x.max - x.min));
  };
  const hovered = hoverX === null || count === 0 ? null : hoverRows(series, hoverX);
  return (
    <figure className="train-chart" aria-label={title} data-points={count}>
      <figcaption>{title}</figcaption>
      <div className="line-chart" style={{ height }}>
        <div className="line-chart-y" aria-hidden="true">
          {y.ticks.map((t) => (
            <span key={t} style={{ top: pct(scale(t, y, 100, true)) }}>
              {formatTick(t, y.step)}
            </span>
          ))}
        </div>
        <div className="line-chart-plot" onPointerMove={onMove} onPointerLeave={() => setHoverX(null)}>
          <svg viewBox={`0 0 ${BOX_W} ${BOX_H}`} preserveAspectRatio="none" aria-hidden="true">
            {y.ticks.map((t) => (
              <line key={`y${t}`} className="line-chart-grid" x1={0} x2={BOX_W} y1={scale(t, y, BOX_H, true)} y2={scale(t, y, BOX_H, true)} />
            ))}
            {x.ticks.map((t) => (
              <line key={`x${t}`} className="line-chart-grid" x1={scale(t, x, BOX_W)} x2={scale(t, x, BOX_W)} y1={0} y2={BOX_H} />
            ))}
            {series.map((s, i) => (
              <path
                key={s.name}
                // recharts-line-curve: the class the charts had under recharts, which e2e/train.spec.ts looks for.
                className="line-chart-line"
                d={paths[i]}
                style={{ stroke: s.color, strokeWidth: s.width ?? 1.5, strokeOpacity: s.opacity ?? 1 }}
              />
            ))}
            {hovered && <line className="line-chart-guide" x1={scale(hovered.x, x, BOX_W)} x2={scale(hovered.x, x, BOX_W)} y1={0} y2={BOX_H} />}
          </svg>
          {hovered && (
            <div className={`line-chart-tip${scale(hovered.x, x, 1) > 0.6 ? ' left' : ''}`} style={{ left: pct(scale(hovered.x, x, 100)) }}>
              <strong>{Number.isInteger(hovered.x) ? hovered.x : formatValue(hovered.x)}</strong>
              {hovered.rows.map((r) => (
                <span key={r.name} style={{ color: r.color }}>
                  {r.name}: {formatValue(r.y)}
                </span>
              ))}
            </div>
          )}
        </div>
        <div className="line-chart-x" aria-hidden="true">
          {x.ticks.map((t) => (
            <span key={t} style={{ left: pct(scale(t, x, 100)) }}>
              {formatTick(t, x.step)}
            </span>
          ))}
        </div>
      </div>
      <ul className="line-chart-legend">
        {series.map((s) => (
          <li key={s.name}>
            <span className="line-chart-swatch" style={{ background: s.color, opacity: s.opacity ?? 1 }} />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
});

/** Each series' value nearest to x, at the x of the first series that has one. */
function hoverRows(series: readonly Series[], x: number): { x: number; rows: { name: string; color: string; y: number }[] } | null {
  let at: number | null = null;
  const rows: { name: string; color: string; y: number }[] = [];
  for (const s of series) {
    const i = nearestIndex(s.points, x);
    if (i < 0) continue;
    const p = s.points[i]!;
    at ??= p.x;
    rows.push({ name: s.name, color: s.color, y: p.y });
  }
  return at === null ? null : { x: at, rows };
}
