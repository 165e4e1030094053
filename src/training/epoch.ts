import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../data/random';
import type { PreparedDataset } from '../data/types';
import { batchInputs, batchLabels, type BatchSource } from './batches';
import type { ModelFit } from './compat';
import type { TrainConfig } from './config';
import { evaluate } from './evaluate';
import { encodeLabels } from './losses';
import { trainStep, type StepContext } from './step';
import type { EpochLog, TrainHooks, TrainingIssue } from './types';

const now = () => performance.now();
/**
 * A macrotask turn, so queued messages (pause, stop) are handled. setTimeout(0) is clamped to
 * 1–4 ms; setImmediate (Node) and a MessageChannel post (workers, browsers) are not.
 */
function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface EpochContext {
  readonly model: tf.LayersModel;
  readonly dataset: PreparedDataset;
  readonly config: TrainConfig;
  readonly fit: ModelFit;
  readonly step: StepContext;
  readonly hooks: TrainHooks;
  /** Draws the random augmentation of each training image, when augmentation is on. */
  readonly augmentRng: Rng;
  readonly yieldEveryMs: number;
  /** When the loop last gave the event loop a turn (shared across epochs). */
  lastYield: number;
}

export type EpochOutcome =
  | { readonly status: 'done'; readonly log: EpochLog }
  | { readonly status: 'stopped' }
  | { readonly status: 'failed'; readonly issue: TrainingIssue };

export function nonFiniteIssue(epoch: number, batch: number, loss: number, lr: number): TrainingIssue {
  return {
    kind: 'non-finite-loss',
    epoch,
    batch,
    loss,
    message:
      `The loss became ${loss} at epoch ${epoch}, batch ${batch}, so training stopped (the weights are those from before that batch). ` +
      `Lower the learning rate (it was ${lr}), scale the inputs (standardise each feature), and check the labels (class indices 0…k−1, no missing or infinite targets).`,
  };
}

/** Waits out a pause; true when the run should stop. Adds the time spent paused to `paused.ms`. */
async function holdForControl(hooks: TrainHooks, paused: { ms: number }): Promise<boolean> {
  const stopNow = () => hooks.control?.stopRequested === true || hooks.signal?.aborted === true;
  if (stopNow()) return true;
  const t0 = now();
  await hooks.control?.waitIfPaused();
  await hooks.waitIfPaused?.();
  paused.ms += now() - t0;
  return stopNow();
}

async function validationScores(ctx: EpochContext): Promise<{ valLoss: number | null; valMetric: number | null }> {
  const { config, dataset, fit } = ctx;
  if (!config.validate || dataset.validation.n === 0) return { valLoss: null, valMetric: null };
  const val = await evaluate(ctx.model, dataset.validation, dataset.task, {
    loss: fit.loss,
    batchSize: Math.max(256, config.batchSize),
    inputShape: dataset.inputShape,
    ...(dataset.inputs ? { inputs: dataset.inputs } : {}),
  });
  return {
    valLoss: val.loss,
    // Next-token runs watch per-token accuracy, as classifiers watch accuracy.
    valMetric: val.metrics.kind === 'regression' ? val.metrics.mae : val.metrics.accuracy,
  };
}

/**
 * One pass over the training rows in `order`, batch by batch, then the validation score. Pause,
 * stop and the non-finite guard act between batches; the epoch is only logged when it completes.
 */
export async function runEpoch(
  ctx: EpochContext,
  epoch: number,
  order: Uint32Array,
  lr: number,
): Promise<EpochOutcome> {
  const { config, dataset, fit, step, hooks } = ctx;
  const train = dataset.train;
  const batchesPerEpoch = Math.ceil(train.n / config.batchSize);
  const augmenting = config.augment !== null && dataset.kind === 'image' && dataset.inputShape.length === 3;
  const src: BatchSource = {
    split: train,
    inputShape: dataset.inputShape,
    inputDtype: fit.inputDtype,
    slices: fit.slices,
    ...(augmenting && config.augment ? { augment: { config: config.augment, rng: ctx.augmentRng } } : {}),
  };
  const start = now();
  const paused = { ms: 0 };
  const activeSeconds = () => Math.max(1e-9, (now() - start - paused.ms) / 1000);
  let lossSum = 0;
  let metricSum = 0;
  let seen = 0;
  for (let b = 0; b < batchesPerEpoch; b++) {
    if (await holdForControl(hooks, paused)) return { status: 'stopped' };
    if (now() - ctx.lastYield >= ctx.yieldEveryMs) {
      // Let the worker's message handler (pause, stop) run between batches.
      await nextTurn();
      ctx.lastYield = now();
    }
    const from = b * config.batchSize;
    const to = Math.min(train.n, from + config.batchSize);
    const xs = batchInputs(src, order, from, to);
    const ys = encodeLabels(fit.loss, batchLabels(train, order, from, to, fit.labelsPerSample), fit.outputUnits);
    let out;
    try {
      out = await trainStep(step, xs, ys);
    } finally {
      tf.dispose([xs, ys]);
    }
    if (!out.applied) return { status: 'failed', issue: nonFiniteIssue(epoch, b + 1, out.loss, lr) };
    lossSum += out.loss * (to - from);
    metricSum += out.metric * (to - from);
    seen += to - from;
    const samplesPerSec = seen / activeSeconds();
    await hooks.onBatch?.({
      epoch,
      batch: b + 1,
      batchesPerEpoch,
      loss: out.loss,
      metric: out.metric,
      lr,
      samplesPerSec,
    });
  }
  const samplesPerSec = seen / activeSeconds();
  const { valLoss, valMetric } = await validationScores(ctx);
  const log: EpochLog = {
    epoch,
    loss: lossSum / seen,
    metric: metricSum / seen,
    valLoss,
    valMetric,
    lr,
    seconds: activeSeconds(),
    samplesPerSec,
  };
  return { status: 'done', log };
}
