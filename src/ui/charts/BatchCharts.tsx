import { memo, useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../store/app-store';
import { liveSeries } from '../../store/training-slice';
import { minMaxDownsample, smooth, type Point } from './downsample';

const TARGET_POINTS = 1000;

interface Series {
  name: string;
  points: Point[];
  color: string;
  width?: number;
  opacity?: number;
}

/** One recharts line chart over several (x, y) series that need not share x values. */
export const SeriesChart = memo(function SeriesChart({ title, series, height = 200, logY = false }: { title: string; series: Series[]; height?: number; logY?: boolean }) {
  const count = series[0]?.points.length ?? 0;
  return (
    <figure className="train-chart" aria-label={title} data-points={count}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={52} scale={logY ? 'log' : 'auto'} domain={['auto', 'auto']} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {series.map((s) => (
            <Line
              key={s.name}
              data={s.points}
              dataKey="y"
              name={s.name}
              stroke={s.color}
              strokeWidth={s.width ?? 1.5}
              strokeOpacity={s.opacity ?? 1}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

/** Loss, metric and learning rate of every batch of the live run (raw + smoothed), downsampled. */
export function BatchCharts({ metric }: { metric: string }) {
  // Deferred: the redraw renders in a transition, which React slices so the main thread stays responsive.
  const version = useDeferredValue(useAppStore((s) => s.seriesVersion));
  const data = useMemo(() => {
    void version; // liveSeries is mutable: the version says when it changed
    const n = liveSeries.length;
    const { step, loss, metric: m, lr } = liveSeries;
    return {
      loss: minMaxDownsample(step, loss, n, TARGET_POINTS),
      lossSmooth: minMaxDownsample(step, smooth(loss, n), n, TARGET_POINTS),
      metric: minMaxDownsample(step, m, n, TARGET_POINTS),
      metricSmooth: minMaxDownsample(step, smooth(m, n), n, TARGET_POINTS),
      lr: minMaxDownsample(step, lr, n, TARGET_POINTS),
      batches: n,
    };
  }, [version]);
  return (
    <div className="train-charts" data-batches={data.batches}>
      <SeriesChart
        title={`Loss per batch (${data.batches} batches)`}
        series={[
          { name: 'loss', points: data.loss, color: 'var(--accent)', width: 1, opacity: 0.35 },
          { name: 'smoothed', points: data.lossSmooth, color: 'var(--accent)', width: 2 },
        ]}
      />
      <SeriesChart
        title={`${metric} per batch`}
        series={[
          { name: metric, points: data.metric, color: '#16a34a', width: 1, opacity: 0.35 },
          { name: 'smoothed', points: data.metricSmooth, color: '#16a34a', width: 2 },
        ]}
      />
      <SeriesChart title="Learning rate" height={120} series={[{ name: 'learning rate', points: data.lr, color: '#d97706' }]} />
    </div>
  );
}
