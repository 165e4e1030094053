import type * as tf from '@tensorflow/tfjs';
import { compile } from '../compiler/compile';
import { rngFor, withSeededRandom } from '../data/random';
import type { PreparedDataset } from '../data/types';
import type { Graph } from '../model/graph';
import { defaultLoss, metricFor, TrainConfigError, type TrainConfigInput } from './config';
import { Trainer } from './trainer';
import type { RunOptions, TrainHooks, TrainResult } from './types';

/**
 * One run from scratch: builds a Trainer, runs `config.epochs` epochs and frees the optimizer.
 * Use `Trainer` directly to keep the optimizer for "train N more epochs". Never throws for bad
 * settings or a model that does not fit the data: the result says what went wrong.
 */
export async function train(
  model: tf.LayersModel,
  dataset: PreparedDataset,
  config: TrainConfigInput = {},
  hooks: TrainHooks = {},
  options: RunOptions = {},
): Promise<TrainResult> {
  let trainer: Trainer;
  try {
    trainer = new Trainer(model, dataset, config);
  } catch (err) {
    if (!(err instanceof TrainConfigError)) throw err;
    const units = (model.outputs[0]?.shape[1] as number | null | undefined) ?? 1;
    return {
      status: 'failed',
      issue: { kind: 'config', message: err.message, issues: err.issues },
      epochsRun: 0,
      epoch: 0,
      history: [],
      seed: 0,
      loss: defaultLoss(dataset.task, units),
      metric: metricFor(dataset.task),
      restoredEpoch: null,
      warnings: [],
    };
  }
  try {
    return await trainer.run(hooks, options);
  } finally {
    trainer.dispose();
  }
}

/**
 * Builds the model with its initial weights drawn from `seed`: the same graph and seed give the
 * same starting weights on every backend (tfjs draws initial values in JavaScript).
 */
export function compileSeeded(graph: Graph, seed: number, modelName?: string): tf.LayersModel {
  return withSeededRandom(rngFor(seed, 'init'), () => compile(graph, modelName));
}

/** Runs a synchronous model builder (e.g. `tf.sequential(...)`) with initial weights drawn from `seed`. */
export function buildSeeded<T>(seed: number, build: () => T): T {
  return withSeededRandom(rngFor(seed, 'init'), build);
}
