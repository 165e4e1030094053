import * as tf from '@tensorflow/tfjs';
import { withSeededRandom, type Rng } from '../data/random';
import type { LossName, MetricName } from './config';
import { batchMetric, type LossFn } from './losses';

export interface StepContext {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  readonly variables: tf.Variable[];
  readonly lossFn: LossFn;
  readonly loss: LossName;
  readonly metric: MetricName;
  /** Feeds dropout and noise layers, so a seeded run draws the same masks. */
  readonly noise: Rng;
}

export interface StepResult {
  readonly loss: number;
  readonly metric: number;
  /** False when the loss was not finite: the gradients were dropped and the weights left as they were. */
  readonly applied: boolean;
}

/**
 * One optimisation step on a batch. Gradients are computed first and applied only once the loss
 * is known to be finite, so a diverging batch cannot write NaN into the weights.
 */
export async function trainStep(ctx: StepContext, xs: tf.Tensor | tf.Tensor[], ys: tf.Tensor): Promise<StepResult> {
  let metric: tf.Scalar | null = null;
  const { value, grads } = withSeededRandom(ctx.noise, () =>
    tf.variableGrads(() => {
      const pred = ctx.model.apply(xs, { training: true }) as tf.Tensor;
      metric = tf.keep(batchMetric(ctx.metric, ctx.loss, ys, pred));
      const dataLoss = ctx.lossFn(ys, pred);
      const penalties = ctx.model.calculateLosses();
      return penalties.length > 0 ? (tf.addN([dataLoss, ...penalties]) as tf.Scalar) : dataLoss;
    }, ctx.variables),
  );
  const metricTensor = metric as unknown as tf.Scalar;
  try {
    const [l, m] = await Promise.all([value.data(), metricTensor.data()]);
    const loss = l[0]!;
    if (!Number.isFinite(loss)) return { loss, metric: m[0]!, applied: false };
    ctx.optimizer.applyGradients(grads);
    return { loss, metric: m[0]!, applied: true };
  } finally {
    tf.dispose([value, metricTensor, ...Object.values(grads)]);
  }
}
