import type { Monitor, ScheduleConfig } from './config';
import { improves, monitorValue } from './monitor';
import type { EpochLog } from './types';

/** The learning rate for the epoch with 0-based index `epochIndex`, for the schedules that only count epochs. */
export function scheduledLearningRate(schedule: ScheduleConfig, baseLr: number, epochIndex: number): number {
  switch (schedule.kind) {
    case 'step':
      return baseLr * schedule.factor ** Math.floor(epochIndex / schedule.everyEpochs);
    case 'exponential':
      return baseLr * schedule.decayRate ** epochIndex;
    case 'none':
    case 'plateau':
      return baseLr;
  }
}

export interface PlateauState {
  best: number | null;
  wait: number;
  cooldown: number;
}

/**
 * Reduce-on-plateau as Keras does it: after `patience` epochs without an improvement of more than
 * minDelta, multiply the rate by `factor` (not below minLr), then wait `cooldown` epochs before
 * counting again. Returns the rate for the next epoch.
 */
export function plateauStep(
  schedule: Extract<ScheduleConfig, { kind: 'plateau' }>,
  monitor: Monitor,
  state: PlateauState,
  log: EpochLog,
  lr: number,
): number {
  const value = monitorValue(log, monitor);
  if (value === null) return lr;
  if (state.cooldown > 0) state.cooldown -= 1;
  if (improves(monitor, value, state.best, schedule.minDelta)) {
    state.best = value;
    state.wait = 0;
    return lr;
  }
  if (state.cooldown > 0) return lr;
  state.wait += 1;
  if (state.wait < schedule.patience || lr <= schedule.minLr) return lr;
  state.wait = 0;
  state.cooldown = schedule.cooldown;
  return Math.max(lr * schedule.factor, schedule.minLr);
}
