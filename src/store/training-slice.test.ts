import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { BatchColumns } from './training-slice';

const series = (epoch: number, batches: number[], loss: number[]) => ({
  epoch: Float64Array.from(batches, () => epoch),
  batch: Float64Array.from(batches),
  loss: Float64Array.from(loss),
  metric: Float64Array.from(loss, (l) => 1 - l),
  lr: Float64Array.from(loss, () => 0.001),
});

describe('BatchColumns', () => {
  it('appends batches as global steps and grows past its first capacity', () => {
    const cols = new BatchColumns();
    const n = 3000;
    cols.append(series(1, Array.from({ length: n }, (_, i) => i + 1), Array.from({ length: n }, (_, i) => i / n)), n);
    cols.append(series(2, [1, 2], [0.5, 0.25]), n);
    expect(cols.length).toBe(n + 2);
    expect(cols.step[n - 1]).toBe(n);
    expect(cols.step[n]).toBe(n + 1);
    expect(cols.step[n + 1]).toBe(n + 2);
    expect(cols.loss[n + 1]).toBe(0.25);
    expect(cols.metric[n + 1]).toBe(0.75);
    expect(cols.epoch[n]).toBe(2);
    cols.clear();
    expect(cols.length).toBe(0);
  });
});

describe('training slice', () => {
  it('updates one run and caps the log', () => {
    const store = createAppStore();
    const run = { id: 'a', name: 'Run 1', config: {}, backendLabel: 'cpu', status: 'running' as const, epochs: [], test: null, seconds: 0, metric: 'accuracy' as const };
    store.getState().addRun(run);
    store.getState().addRun({ ...run, id: 'b', name: 'Run 2' });
    store.getState().updateRun('b', (r) => ({ ...r, status: 'completed' }));
    expect(store.getState().runs.map((r) => r.status)).toEqual(['running', 'completed']);
    for (let i = 0; i < 600; i++) store.getState().logTraining({ level: 'info', text: `line ${i}` });
    expect(store.getState().trainingLog).toHaveLength(500);
    expect(store.getState().trainingLog.at(-1)?.text).toBe('line 599');
    store.getState().setTrainSettings({ epochs: 3 });
    expect(store.getState().trainSettings.epochs).toBe(3);
    expect(store.getState().trainSettings.optimizer).toBe('adam');
  });
});
