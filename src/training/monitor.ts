import type { MetricName, Monitor } from './config';
import type { EpochLog } from './types';

/** Whether a smaller value of the monitored quantity is better. */
export function lowerIsBetter(monitor: Monitor): boolean {
  return !monitor.endsWith('accuracy');
}

export function monitorValue(log: EpochLog, monitor: Monitor): number | null {
  switch (monitor) {
    case 'loss':
      return log.loss;
    case 'val_loss':
      return log.valLoss;
    case 'accuracy':
    case 'mae':
      return log.metric;
    case 'val_accuracy':
    case 'val_mae':
      return log.valMetric;
  }
}

/** True when `value` beats `best` by more than `minDelta` in the monitor's direction. */
export function improves(monitor: Monitor, value: number, best: number | null, minDelta: number): boolean {
  if (best === null) return true;
  return lowerIsBetter(monitor) ? value < best - minDelta : value > best + minDelta;
}

/**
 * The monitor that will really be used, with a warning when the requested one cannot work:
 * a metric the task does not have, or a validation quantity with no validation rows.
 */
export function resolveMonitor(
  monitor: Monitor,
  metric: MetricName,
  hasValidation: boolean,
  what: string,
): { monitor: Monitor; warning: string | null } {
  let resolved = monitor;
  const notes: string[] = [];
  const base = monitor.replace(/^val_/, '');
  if (base !== 'loss' && base !== metric) {
    resolved = (monitor.startsWith('val_') ? `val_${metric}` : metric) as Monitor;
    notes.push(`this task is measured by ${metric}, not ${base}`);
  }
  if (resolved.startsWith('val_') && !hasValidation) {
    resolved = resolved.slice(4) as Monitor;
    notes.push('there are no validation rows (turn validation on, or give the dataset a validation split)');
  }
  if (resolved === monitor) return { monitor, warning: null };
  return { monitor: resolved, warning: `${what} watches '${resolved}' instead of '${monitor}': ${notes.join('; ')}.` };
}
