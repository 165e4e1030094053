import { memo, useMemo } from 'react';
import type { TrainingRun } from '../../store/training-slice';
import { LineChart } from './LineChart';

const PALETTE = ['#4f46e5', '#16a34a', '#d97706', '#dc2626', '#0891b2', '#9333ea', '#be185d'];

type Epoch = TrainingRun['epochs'][number];

function points(epochs: readonly Epoch[], pick: (e: Epoch) => number | null) {
  return epochs.flatMap((e) => {
    const y = pick(e);
    return y === null || !Number.isFinite(y) ? [] : [{ x: e.epoch, y }];
  });
}

/** Train and validation loss and metric per epoch of one run; redrawn only when an epoch is added. */
export const EpochCharts = memo(function EpochCharts({ epochs, metric }: { epochs: readonly Epoch[]; metric: string }) {
  const loss = useMemo(
    () => [
      { name: 'train loss', points: points(epochs, (e) => e.loss), color: '#4f46e5' },
      { name: 'validation loss', points: points(epochs, (e) => e.valLoss), color: '#dc2626' },
    ],
    [epochs],
  );
  const metricSeries = useMemo(
    () => [
      { name: `train ${metric}`, points: points(epochs, (e) => e.metric), color: '#16a34a' },
      { name: `validation ${metric}`, points: points(epochs, (e) => e.valMetric), color: '#d97706' },
    ],
    [epochs, metric],
  );
  return (
    <div className="train-charts">
      <LineChart title="Loss per epoch" series={loss} />
      <LineChart title={`${metric} per epoch`} series={metricSeries} />
    </div>
  );
});

/** The same runs with the same epochs: nothing on the comparison chart would change. */
function sameCurves(a: { runs: readonly TrainingRun[] }, b: { runs: readonly TrainingRun[] }): boolean {
  return a.runs.length === b.runs.length && a.runs.every((r, i) => r.epochs === b.runs[i]!.epochs && r.name === b.runs[i]!.name && r.metric === b.runs[i]!.metric);
}

/** Several runs' epoch curves on one chart (validation where there is one, else training). */
export const CompareChart = memo(function CompareChart({ runs }: { runs: readonly TrainingRun[] }) {
  const series = runs.flatMap((run, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const hasVal = run.epochs.some((e) => e.valLoss !== null);
    return [
      {
        name: `${run.name} ${hasVal ? 'val loss' : 'loss'}`,
        points: points(run.epochs, (e) => (hasVal ? e.valLoss : e.loss)),
        color,
      },
    ];
  });
  const metricSeries = runs.map((run, i) => {
    const hasVal = run.epochs.some((e) => e.valMetric !== null);
    return {
      name: `${run.name} ${hasVal ? 'val ' : ''}${run.metric}`,
      points: points(run.epochs, (e) => (hasVal ? e.valMetric : e.metric)),
      color: PALETTE[i % PALETTE.length]!,
    };
  });
  return (
    <div className="train-charts">
      <LineChart title="Compared runs: loss per epoch" series={series} />
      <LineChart title="Compared runs: metric per epoch" series={metricSeries} />
    </div>
  );
}, sameCurves);
