import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RegressionReport } from '../../training/report-regression';
import { value } from './format';

/** Predicted against actual with the y = x line, and how the errors are spread. */
export function RegressionView({ report }: { report: RegressionReport }) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of report.scatter) {
    lo = Math.min(lo, p.actual, p.predicted);
    hi = Math.max(hi, p.actual, p.predicted);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  const bins = report.histogram.map((b) => ({ mid: (b.start + b.end) / 2, count: b.count, range: `${value(b.start)} … ${value(b.end)}` }));
  return (
    <div className="eval-grid">
      <figure className="eval-card" aria-label="Predicted against actual" data-points={report.scatter.length}>
        <figcaption>Predicted vs actual · points on the dashed line are exact</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <ScatterChart margin={{ top: 6, right: 12, bottom: 16, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" />
            <XAxis dataKey="actual" type="number" name="actual" domain={[lo, hi]} tick={{ fontSize: 11 }} tickFormatter={value} label={{ value: 'actual', position: 'insideBottom', offset: -8, fontSize: 11 }} />
            <YAxis dataKey="predicted" type="number" name="predicted" domain={[lo, hi]} tick={{ fontSize: 11 }} tickFormatter={value} width={52} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? value(v) : String(v))} />
            <ReferenceLine segment={[{ x: lo, y: lo }, { x: hi, y: hi }]} stroke="var(--text-muted)" strokeDasharray="4 4" />
            <Scatter data={report.scatter} fill="var(--accent)" fillOpacity={0.6} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </figure>
      <figure className="eval-card" aria-label="Residual histogram">
        <figcaption>Residuals (actual − predicted)</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={bins} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" />
            <XAxis dataKey="mid" tick={{ fontSize: 11 }} tickFormatter={(v: number) => value(v)} />
            <YAxis tick={{ fontSize: 11 }} width={40} allowDecimals={false} />
            <Tooltip labelFormatter={(_, payload) => String(payload[0]?.payload?.range ?? '')} />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
