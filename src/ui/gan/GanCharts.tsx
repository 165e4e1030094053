import { useMemo } from 'react';
import { useAppStore } from '../../store/app-store';
import type { GanStepPoint } from '../../store/gan-slice';
import { minMaxDownsample } from '../charts/downsample';
import { LineChart, type Series } from '../charts/LineChart';

const line = (steps: readonly GanStepPoint[], pick: (p: GanStepPoint) => number) =>
  minMaxDownsample(
    steps.map((p) => p.step),
    steps.map(pick),
    steps.length,
    600,
  );

/** Both losses, and D(x) against D(G(z)), per generator step. */
export function GanCharts() {
  const steps = useAppStore((s) => s.ganRun.steps);
  const { losses, scores } = useMemo(() => {
    const losses: Series[] = [
      { name: 'D loss', points: line(steps, (p) => p.dLoss), color: '#2563eb' },
      { name: 'G loss', points: line(steps, (p) => p.gLoss), color: '#db2777' },
    ];
    const scores: Series[] = [
      { name: 'D(x)', points: line(steps, (p) => p.realScore), color: '#16a34a' },
      { name: 'D(G(z))', points: line(steps, (p) => p.fakeScore), color: '#ea580c' },
    ];
    return { losses, scores };
  }, [steps]);
  if (steps.length === 0) return null;
  return (
    <div className="gan-charts">
      <LineChart title="Losses per generator step" series={losses} height={180} />
      <LineChart title="Discriminator on real, D(x), and on generated, D(G(z))" series={scores} height={180} />
    </div>
  );
}
