import { memo, useMemo } from 'react';
import { useAppStore } from '../../store/app-store';
import { liveSeries } from '../../store/training-slice';
import { LineChart } from './LineChart';
import { liveCurves } from './live-series';

/** Loss, metric and learning rate of every batch of the live run (raw + smoothed), downsampled. */
export const BatchCharts = memo(function BatchCharts({ metric }: { metric: string }) {
  const version = useAppStore((s) => s.seriesVersion);
  // liveSeries is mutable: the version says when it grew. The builder reads only the new rows.
  const curves = useMemo(() => {
    void version;
    return liveCurves.update(liveSeries);
  }, [version]);
  const loss = useMemo(
    () => [
      { name: 'loss', points: curves.loss, color: 'var(--accent)', width: 1, opacity: 0.35 },
      { name: 'smoothed', points: curves.lossSmooth, color: 'var(--accent)', width: 2 },
    ],
    [curves],
  );
  const metricSeries = useMemo(
    () => [
      { name: metric, points: curves.metric, color: '#16a34a', width: 1, opacity: 0.35 },
      { name: 'smoothed', points: curves.metricSmooth, color: '#16a34a', width: 2 },
    ],
    [curves, metric],
  );
  const lr = useMemo(() => [{ name: 'learning rate', points: curves.lr, color: '#d97706' }], [curves]);
  return (
    <div className="train-charts" data-batches={curves.batches}>
      <LineChart title={`Loss per batch (${curves.batches} batches)`} series={loss} />
      <LineChart title={`${metric} per batch`} series={metricSeries} />
      <LineChart title="Learning rate" height={120} series={lr} />
    </div>
  );
});
