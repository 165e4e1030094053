import type { Shape } from '../graph';
import type { BoolParam, FloatParam } from '../params';
import { bool, ints } from '../params';
import { describeShape, knownDim, requireMinRank } from '../shape-utils';
import type { LayerSpec, WeightSpec } from '../spec';
import { ShapeError } from '../spec';
import { initializer, join, num, regularizer } from './common';

const epsilon: FloatParam = {
  kind: 'float',
  key: 'epsilon',
  label: 'Epsilon',
  default: 0.001,
  min: 1e-12,
  max: 1,
  help: 'Small number added to the variance so the division never blows up.',
};

const center: BoolParam = {
  kind: 'bool',
  key: 'center',
  label: 'Center (beta)',
  default: true,
  help: 'Learn an offset (beta) added after normalizing.',
};

const scale: BoolParam = {
  kind: 'bool',
  key: 'scale',
  label: 'Scale (gamma)',
  default: true,
  help: 'Learn a factor (gamma) multiplied in after normalizing. Can be off when the next layer is linear.',
};

const affineParams = [
  center,
  scale,
  initializer('beta_initializer', 'Beta initializer', 'Zeros'),
  initializer('gamma_initializer', 'Gamma initializer', 'Ones'),
  regularizer('beta_regularizer', 'Beta regularizer'),
  regularizer('gamma_regularizer', 'Gamma regularizer'),
];

/** Axis as Keras counts it (batch = 0, negatives from the end), resolved for one input. */
function resolveAxis(axis: number, x: Shape): number {
  const resolved = axis < 0 ? x.length + axis : axis;
  if (resolved === 0) throw new ShapeError(`cannot normalize over axis ${axis}: that is the batch dimension; use -1 (the features or channels)`, 0);
  if (resolved < 0 || resolved >= x.length) {
    throw new ShapeError(`has axis ${axis}, which is out of range for its ${x.length}-D input ${describeShape(x)}; use 1 to ${x.length - 1}, or -1 for the last`, 0);
  }
  return resolved;
}

/** Keras writes gamma before beta; tfjs lists them the same way. */
function affineWeights(shape: number[], p: Parameters<LayerSpec['weights']>[1]): WeightSpec[] {
  return [
    ...(bool(p, 'scale', true) ? [{ name: 'gamma', shape, trainable: true }] : []),
    ...(bool(p, 'center', true) ? [{ name: 'beta', shape, trainable: true }] : []),
  ];
}

/** Keras stores `axis` as an int, or (after build, in Keras 2 files) as a one-element list. */
function readBatchNormAxis(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'number') return raw[0];
  if (Array.isArray(raw) && raw.length > 1) {
    throw new Error(`BatchNormalization over several axes (${JSON.stringify(raw)}) cannot run in TensorFlow.js, which normalizes over one axis only`);
  }
  return undefined;
}

const BatchNormalization: LayerSpec = {
  type: 'BatchNormalization',
  category: 'Normalization & Regularization',
  description: 'Normalizes each feature/channel over the batch, then scales and shifts it; speeds up and steadies training.',
  inputs: { min: 1, max: 1 },
  params: [
    { kind: 'int', key: 'axis', label: 'Axis', default: -1, min: -8, max: 8, help: 'The features/channels axis, counting the batch as 0; -1 is the last (channels-last images, Dense outputs).' },
    { kind: 'float', key: 'momentum', label: 'Momentum', default: 0.99, min: 0, max: 1, help: 'How slowly the running mean and variance used at inference follow each batch. Lower it (e.g. 0.9) for short trainings.' },
    epsilon,
    ...affineParams,
    initializer('moving_mean_initializer', 'Moving mean initializer', 'Zeros'),
    initializer('moving_variance_initializer', 'Moving variance initializer', 'Ones'),
  ],
  summary: (p) => join([`axis ${num(p, 'axis', -1)}`, `momentum ${num(p, 'momentum', 0.99)}`]),
  inferShape(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    const axis = resolveAxis(num(p, 'axis', -1), x);
    knownDim(x[axis] ?? null, `size on axis ${num(p, 'axis', -1)}`);
    return x;
  },
  weights(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    const dim = knownDim(x[resolveAxis(num(p, 'axis', -1), x)] ?? null, `size on axis ${num(p, 'axis', -1)}`);
    return [
      ...affineWeights([dim], p),
      { name: 'moving_mean', shape: [dim], trainable: false },
      { name: 'moving_variance', shape: [dim], trainable: false },
    ];
  },
  keras: {
    className: 'BatchNormalization',
    fromConfig: (config, generic) => {
      // Renormalization adds weights and update rules tfjs does not have.
      if (config.renorm === true) throw new Error('BatchNormalization with renorm=True is not supported by TensorFlow.js');
      const axis = readBatchNormAxis(config.axis);
      return axis === undefined ? generic : { ...generic, axis };
    },
  },
};

const LayerNormalization: LayerSpec = {
  type: 'LayerNormalization',
  category: 'Normalization & Regularization',
  description: 'Normalizes each sample over its features (not over the batch), then scales and shifts; the norm of Transformers and RNNs.',
  inputs: { min: 1, max: 1 },
  params: [
    {
      kind: 'ints',
      key: 'axis',
      label: 'Axes',
      length: null,
      minLength: 1,
      default: [-1],
      min: -8,
      max: 8,
      help: 'Axes to normalize over, counting the batch as 0; -1 is the last (the features).',
    },
    epsilon,
    ...affineParams,
  ],
  summary: (p) => `axis ${ints(p, 'axis', [-1]).join(',')}`,
  inferShape(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    layerNormShape(x, ints(p, 'axis', [-1]));
    return x;
  },
  weights(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    return affineWeights(layerNormShape(x, ints(p, 'axis', [-1])), p);
  },
  keras: {
    className: 'LayerNormalization',
    // One axis is written as an int, as Keras does; several as a list.
    toConfig: (p, generic) => {
      const axes = ints(p, 'axis', [-1]);
      return { ...generic, axis: axes.length === 1 ? axes[0] : [...axes] };
    },
    fromConfig: (config, generic) => {
      if (config.rms_scaling === true) throw new Error('LayerNormalization with rms_scaling=True (Keras 3) is not supported by TensorFlow.js');
      return typeof config.axis === 'number' ? { ...generic, axis: [config.axis] } : generic;
    },
  },
};

/** Shape of gamma/beta: the input's sizes on the normalized axes, which must be known and distinct. */
function layerNormShape(x: Shape, axes: readonly number[]): number[] {
  const resolved = axes.map((a) => resolveAxis(a, x));
  if (new Set(resolved).size !== resolved.length) throw new ShapeError(`lists the same axis twice (${axes.join(', ')}); list each axis once`);
  return resolved.map((a, i) => knownDim(x[a] ?? null, `size on axis ${axes[i]}`));
}

export const normalizationSpecs: LayerSpec[] = [BatchNormalization, LayerNormalization];
