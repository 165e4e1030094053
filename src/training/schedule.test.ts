import { describe, expect, it } from 'vitest';
import { trainConfig } from './config';
import { EarlyStopping } from './early-stopping';
import { resolveMonitor } from './monitor';
import { plateauStep, scheduledLearningRate, type PlateauState } from './schedule';
import type { EpochLog } from './types';

const log = (epoch: number, valLoss: number, valMetric = 0): EpochLog => ({
  epoch,
  loss: 1,
  metric: 0,
  valLoss,
  valMetric,
  lr: 0,
  seconds: 0,
  samplesPerSec: 0,
});

describe('learning-rate schedules', () => {
  it('none keeps the base rate', () => {
    const s = trainConfig({ schedule: { kind: 'none' } }).schedule;
    expect([0, 1, 50].map((e) => scheduledLearningRate(s, 0.1, e))).toEqual([0.1, 0.1, 0.1]);
  });

  it('step decay multiplies by the factor every N epochs', () => {
    const s = trainConfig({ schedule: { kind: 'step', everyEpochs: 2, factor: 0.5 } }).schedule;
    expect([0, 1, 2, 3, 4, 5, 6].map((e) => scheduledLearningRate(s, 0.08, e))).toEqual([
      0.08, 0.08, 0.04, 0.04, 0.02, 0.02, 0.01,
    ]);
  });

  it('exponential decay multiplies by the rate every epoch', () => {
    const s = trainConfig({ schedule: { kind: 'exponential', decayRate: 0.9 } }).schedule;
    const values = [0, 1, 2, 3].map((e) => scheduledLearningRate(s, 1, e));
    [1, 0.9, 0.81, 0.729].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 12));
  });

  it('reduce-on-plateau cuts the rate after `patience` flat epochs, honours cooldown and never goes below minLr', () => {
    const s = trainConfig({
      schedule: { kind: 'plateau', factor: 0.5, patience: 2, minDelta: 0.01, cooldown: 2, minLr: 0.02 },
    }).schedule;
    if (s.kind !== 'plateau') throw new Error('unreachable');
    const state: PlateauState = { best: null, wait: 0, cooldown: 0 };
    const valLosses = [1.0, 0.9, 0.895, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97];
    let lr = 0.1;
    const rates = valLosses.map((v, i) => (lr = plateauStep(s, 'val_loss', state, log(i + 1, v), lr)));
    // 0.895 is within minDelta of 0.9: not an improvement. Cut after epochs 4 and 7 (two cooldown epochs each), then floored at 0.02.
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.02, 0.02]);
  });

  it('reduce-on-plateau on an accuracy monitor treats higher as better', () => {
    const s = trainConfig({
      schedule: { kind: 'plateau', monitor: 'val_accuracy', patience: 1, factor: 0.1, minDelta: 0 },
    }).schedule;
    if (s.kind !== 'plateau') throw new Error('unreachable');
    const state: PlateauState = { best: null, wait: 0, cooldown: 0 };
    let lr = 1;
    const rates = [0.5, 0.6, 0.7, 0.7].map(
      (acc, i) => (lr = plateauStep(s, 'val_accuracy', state, log(i + 1, 9, acc), lr)),
    );
    expect(rates.map((r) => Number(r.toPrecision(6)))).toEqual([1, 1, 1, 0.1]);
  });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without an improvement larger than minDelta', () => {
    const es = new EarlyStopping(
      trainConfig({ earlyStopping: { enabled: true, patience: 2, minDelta: 0.05 } }).earlyStopping,
      'val_loss',
    );
    const verdicts = [1, 0.8, 0.78, 0.79, 0.7, 0.69, 0.7].map((v, i) => es.update(log(i + 1, v)));
    expect(verdicts).toEqual(['improved', 'improved', 'waiting', 'stop', 'improved', 'waiting', 'stop']);
    expect(es.bestEpoch).toBe(5);
  });

  it('with patience 0 stops at the first epoch that does not improve', () => {
    const es = new EarlyStopping(
      trainConfig({ earlyStopping: { enabled: true, patience: 0, monitor: 'val_accuracy' } }).earlyStopping,
      'val_accuracy',
    );
    expect([0.5, 0.6, 0.6].map((a, i) => es.update(log(i + 1, 0, a)))).toEqual(['improved', 'improved', 'stop']);
  });
});

describe('resolveMonitor', () => {
  it('maps accuracy to mae for regression and val_* to the training value without validation rows, with a warning', () => {
    expect(resolveMonitor('val_loss', 'accuracy', true, 'Early stopping')).toEqual({
      monitor: 'val_loss',
      warning: null,
    });
    const r = resolveMonitor('val_accuracy', 'mae', false, 'Early stopping');
    expect(r.monitor).toBe('mae');
    expect(r.warning).toContain("watches 'mae' instead of 'val_accuracy'");
    expect(r.warning).toContain('no validation rows');
  });
});
