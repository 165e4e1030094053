import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from './config';
import { withFusedAdam } from './kernels/fused-adam';

/** A named array of numbers: one weight or one optimizer slot, as plain data. */
export interface NamedArray {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** Everything an optimizer carries between steps (moments, accumulators, step count). */
export interface OptimizerState {
  readonly iterations: number;
  /** In the optimizer's own order; matched to variables by position when restored. */
  readonly slots: readonly NamedArray[];
  /**
   * Running scalars tfjs keeps outside getWeights (Adam's and Adamax's β powers, Adamax's step).
   * Restored as saved: recomputing β^t in float32 drifts from the running product in the last bit.
   */
  readonly scalars: Readonly<Record<string, number>>;
}

/** Fields holding running scalar variables, per optimizer. */
const SCALAR_FIELDS: Partial<Record<OptimizerConfig['name'], readonly string[]>> = {
  adam: ['accBeta1', 'accBeta2'],
  adamax: ['accBeta1', 'iteration'],
};

async function readScalars(optimizer: tf.Optimizer, name: OptimizerConfig['name']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const field of SCALAR_FIELDS[name] ?? []) {
    const v = (optimizer as unknown as Record<string, tf.Variable | undefined>)[field];
    if (v) out[field] = (await v.data())[0]!;
  }
  return out;
}

function writeScalars(
  optimizer: tf.Optimizer,
  name: OptimizerConfig['name'],
  scalars: Readonly<Record<string, number>>,
): void {
  for (const field of SCALAR_FIELDS[name] ?? []) {
    const v = (optimizer as unknown as Record<string, tf.Variable | undefined>)[field];
    const value = scalars[field];
    if (v && value !== undefined) tf.tidy(() => v.assign(tf.scalar(value)));
  }
}

export function makeOptimizer(config: OptimizerConfig): tf.Optimizer {
  switch (config.name) {
    case 'sgd':
      return tf.train.sgd(config.learningRate);
    case 'momentum':
      return tf.train.momentum(config.learningRate, config.momentum, config.nesterov);
    case 'adagrad':
      return tf.train.adagrad(config.learningRate, config.initialAccumulatorValue);
    case 'adadelta':
      return tf.train.adadelta(config.learningRate, config.rho, config.epsilon);
    case 'adam':
      // One fused kernel call per weight where the backend has it (wasm); tfjs's own update elsewhere.
      return withFusedAdam(tf.train.adam(config.learningRate, config.beta1, config.beta2, config.epsilon));
    case 'adamax':
      return tf.train.adamax(config.learningRate, config.beta1, config.beta2, config.epsilon, config.decay);
    case 'rmsprop':
      return tf.train.rmsprop(config.learningRate, config.rho, config.momentum, config.epsilon, config.centered);
  }
}

/**
 * Every tfjs optimizer reads `learningRate` on each step; SGD and Momentum cache it in a
 * scalar that only `setLearningRate` refreshes.
 */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

interface SlotVariable {
  originalName: string;
  variable: tf.Variable;
}

/** tfjs's Adamax has no getWeights/setWeights, so its fields are read and written directly. */
interface AdamaxInternals {
  iterations_: number;
  accumulatedFirstMoment: SlotVariable[];
  accumulatedWeightedInfNorm: SlotVariable[];
}

async function toArrays(list: readonly { name: string; tensor: tf.Tensor }[]): Promise<NamedArray[]> {
  return Promise.all(
    list.map(async ({ name, tensor }) => ({
      name,
      shape: [...tensor.shape],
      values: Float32Array.from(await tensor.data()),
    })),
  );
}

export async function readOptimizerState(
  optimizer: tf.Optimizer,
  name: OptimizerConfig['name'],
): Promise<OptimizerState> {
  if (name === 'adamax') {
    const a = optimizer as unknown as AdamaxInternals;
    const slots = [...a.accumulatedFirstMoment, ...a.accumulatedWeightedInfNorm].map((s) => ({
      name: s.originalName,
      tensor: s.variable as tf.Tensor,
    }));
    return {
      iterations: a.iterations_ ?? 0,
      slots: await toArrays(slots),
      scalars: await readScalars(optimizer, name),
    };
  }
  const weights = await optimizer.getWeights();
  // The first entry is a fresh scalar holding the step count; the rest are the live slot variables.
  const [iter, ...slots] = weights;
  const iterations = iter ? (await iter.tensor.data())[0]! : 0;
  iter?.tensor.dispose();
  return { iterations, slots: await toArrays(slots), scalars: await readScalars(optimizer, name) };
}

/**
 * A new optimizer carrying `state`. Built fresh rather than overwriting a live one, because
 * tfjs's setWeights replaces slot variables without freeing the old ones.
 */
export async function optimizerFromState(config: OptimizerConfig, state: OptimizerState): Promise<tf.Optimizer> {
  const optimizer = makeOptimizer(config);
  if (config.name === 'adamax') {
    const a = optimizer as unknown as AdamaxInternals;
    const half = state.slots.length / 2;
    const variables = state.slots.map((s) => ({
      originalName: s.name,
      variable: tf.tidy(() => tf.variable(tf.tensor(s.values, [...s.shape]), false)),
    }));
    a.accumulatedFirstMoment = variables.slice(0, half);
    a.accumulatedWeightedInfNorm = variables.slice(half);
    a.iterations_ = state.iterations;
    writeScalars(optimizer, config.name, state.scalars);
    return optimizer;
  }
  const named = [
    { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') },
    ...state.slots.map((s) => ({ name: s.name, tensor: tf.tensor(s.values, [...s.shape]) })),
  ];
  try {
    // Optimizers with no slots (plain SGD) only need the step count.
    await optimizer.setWeights(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
  writeScalars(optimizer, config.name, state.scalars);
  return optimizer;
}
