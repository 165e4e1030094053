/**
 * The live run's batch curves as chart-ready points, kept up to date incrementally from the
 * store's `liveSeries` columns: each refresh reads only the rows added since the last one.
 */
import type { BatchColumns } from '../../store/training-slice';
import { LiveDownsampler, LiveSmoother, type Point } from './downsample';

export const LIVE_TARGET_POINTS = 1000;

export interface LiveCurves {
  readonly batches: number;
  readonly loss: Point[];
  readonly lossSmooth: Point[];
  readonly metric: Point[];
  readonly metricSmooth: Point[];
  readonly lr: Point[];
}

export class LiveCurveBuilder {
  private read = 0;
  private readonly loss = new LiveDownsampler(LIVE_TARGET_POINTS);
  private readonly lossSmooth = new LiveDownsampler(LIVE_TARGET_POINTS);
  private readonly metric = new LiveDownsampler(LIVE_TARGET_POINTS);
  private readonly metricSmooth = new LiveDownsampler(LIVE_TARGET_POINTS);
  private readonly lr = new LiveDownsampler(LIVE_TARGET_POINTS);
  private readonly smoothLoss = new LiveSmoother();
  private readonly smoothMetric = new LiveSmoother();

  /** Forget everything read so far: the columns were cleared for a new run. */
  reset(): void {
    this.read = 0;
    for (const d of [this.loss, this.lossSmooth, this.metric, this.metricSmooth, this.lr]) d.clear();
    this.smoothLoss.clear();
    this.smoothMetric.clear();
  }

  update(columns: BatchColumns): LiveCurves {
    // Shorter than what was read: cleared and refilled less far than before.
    if (columns.length < this.read) this.reset();
    const { step, loss, metric, lr } = columns;
    for (let i = this.read; i < columns.length; i++) {
      const x = step[i]!;
      this.loss.push(x, loss[i]!);
      this.lossSmooth.push(x, this.smoothLoss.next(loss[i]!));
      this.metric.push(x, metric[i]!);
      this.metricSmooth.push(x, this.smoothMetric.next(metric[i]!));
      this.lr.push(x, lr[i]!);
    }
    this.read = columns.length;
    return {
      batches: columns.length,
      loss: this.loss.points(),
      lossSmooth: this.lossSmooth.points(),
      metric: this.metric.points(),
      metricSmooth: this.metricSmooth.points(),
      lr: this.lr.points(),
    };
  }
}

/** The one builder behind the Train page's live charts (a module singleton, like liveSeries). */
export const liveCurves = new LiveCurveBuilder();
