import type { EarlyStoppingConfig, Monitor } from './config';
import { improves, monitorValue } from './monitor';
import type { EpochLog } from './types';

export type EarlyStoppingVerdict = 'improved' | 'waiting' | 'stop';

/**
 * Keras's EarlyStopping: stop once `monitor` has gone `patience` epochs without improving by more
 * than minDelta. The caller snapshots the weights on 'improved' and, on 'stop', restores them when
 * restoreBestWeights is set (only then, as in Keras: a run that ends normally keeps its last weights).
 * State lives for one run, as a Keras callback lives for one fit().
 */
export class EarlyStopping {
  private best: number | null = null;
  private wait = 0;
  bestEpoch: number | null = null;

  constructor(
    readonly config: EarlyStoppingConfig,
    readonly monitor: Monitor,
  ) {}

  update(log: EpochLog): EarlyStoppingVerdict {
    const value = monitorValue(log, this.monitor);
    if (value === null || Number.isNaN(value)) return 'waiting';
    if (improves(this.monitor, value, this.best, this.config.minDelta)) {
      this.best = value;
      this.bestEpoch = log.epoch;
      this.wait = 0;
      return 'improved';
    }
    this.wait += 1;
    return this.wait >= this.config.patience ? 'stop' : 'waiting';
  }
}
