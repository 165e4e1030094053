import { describe, expect, it } from 'vitest';
import { BatchColumns } from '../../store/training-slice';
import { minMaxDownsample, smooth } from './downsample';
import { LIVE_TARGET_POINTS, LiveCurveBuilder } from './live-series';

function batches(from: number, to: number) {
  const n = to - from;
  const idx = Float64Array.from({ length: n }, (_, i) => from + i);
  return {
    epoch: idx.map(() => 1),
    batch: idx.map((i) => i + 1),
    loss: idx.map((i) => 1 / (i + 1)),
    metric: idx.map((i) => i / (i + 10)),
    lr: idx.map(() => 0.001),
  };
}

describe('LiveCurveBuilder', () => {
  it('builds, row by row, the curves the whole-series functions would', () => {
    const columns = new BatchColumns();
    const builder = new LiveCurveBuilder();
    columns.append(batches(0, 300), 5000);
    builder.update(columns);
    columns.append(batches(300, 700), 5000);
    const curves = builder.update(columns);
    const n = columns.length;
    expect(curves.batches).toBe(700);
    expect(curves.loss).toEqual(minMaxDownsample(columns.step, columns.loss, n, LIVE_TARGET_POINTS));
    const smoothLoss = minMaxDownsample(columns.step, smooth(columns.loss, n), n, LIVE_TARGET_POINTS);
    curves.lossSmooth.forEach((p, i) => expect(p.y).toBeCloseTo(smoothLoss[i]!.y, 12));
    expect(curves.lr).toHaveLength(700);
  });

  it('starts over after reset, and when the columns were cleared behind its back', () => {
    const columns = new BatchColumns();
    const builder = new LiveCurveBuilder();
    columns.append(batches(0, 50), 100);
    builder.update(columns);
    columns.clear();
    columns.append(batches(0, 20), 100);
    expect(builder.update(columns).loss).toHaveLength(20);
    builder.reset();
    expect(builder.update(columns).loss).toHaveLength(20);
  });
});
