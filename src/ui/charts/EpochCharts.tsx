import type { TrainingRun } from '../../store/training-slice';
import { SeriesChart } from './BatchCharts';

const PALETTE = ['#4f46e5', '#16a34a', '#d97706', '#dc2626', '#0891b2', '#9333ea', '#be185d'];

function points(run: TrainingRun, pick: (e: TrainingRun['epochs'][number]) => number | null) {
  return run.epochs.flatMap((e) => {
    const y = pick(e);
    return y === null || !Number.isFinite(y) ? [] : [{ x: e.epoch, y }];
  });
}

/** Train and validation loss and metric per epoch of one run. */
export function EpochCharts({ run }: { run: TrainingRun }) {
  return (
    <div className="train-charts">
      <SeriesChart
        title="Loss per epoch"
        series={[
          { name: 'train loss', points: points(run, (e) => e.loss), color: '#4f46e5' },
          { name: 'validation loss', points: points(run, (e) => e.valLoss), color: '#dc2626' },
        ]}
      />
      <SeriesChart
        title={`${run.metric} per epoch`}
        series={[
          { name: `train ${run.metric}`, points: points(run, (e) => e.metric), color: '#16a34a' },
          { name: `validation ${run.metric}`, points: points(run, (e) => e.valMetric), color: '#d97706' },
        ]}
      />
    </div>
  );
}

/** Several runs' epoch curves on one chart (validation where there is one, else training). */
export function CompareChart({ runs }: { runs: readonly TrainingRun[] }) {
  const series = runs.flatMap((run, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const hasVal = run.epochs.some((e) => e.valLoss !== null);
    return [
      {
        name: `${run.name} ${hasVal ? 'val loss' : 'loss'}`,
        points: points(run, (e) => (hasVal ? e.valLoss : e.loss)),
        color,
      },
    ];
  });
  const metricSeries = runs.map((run, i) => {
    const hasVal = run.epochs.some((e) => e.valMetric !== null);
    return {
      name: `${run.name} ${hasVal ? 'val ' : ''}${run.metric}`,
      points: points(run, (e) => (hasVal ? e.valMetric : e.metric)),
      color: PALETTE[i % PALETTE.length]!,
    };
  });
  return (
    <div className="train-charts">
      <SeriesChart title="Compared runs: loss per epoch" series={series} />
      <SeriesChart title="Compared runs: metric per epoch" series={metricSeries} />
    </div>
  );
}
