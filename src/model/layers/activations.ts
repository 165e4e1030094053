import type { Params, Shape } from '../graph';
import type { FloatParam } from '../params';
import { ints } from '../params';
import { describeShape, requireMinRank } from '../shape-utils';
import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import { activation, initializer, join, num, regularizer, str } from './common';

/**
 * Stand-alone activation layers. TensorFlow.js 4.22 implements only part of some Keras options
 * (ReLU's slope and threshold, ELU's alpha, Softmax off the last axis); those values are kept
 * so an imported Keras model round-trips, and inferShape names them, since the tfjs layer
 * would either refuse to build or silently compute something else.
 */

/** A whole-tensor activation: any input with a batch, output the same shape. */
const sameShape = (inputs: readonly Shape[]): Shape => requireMinRank(inputs[0], 2, 'batch and features');

const fmt = (n: number) => String(Number(n.toPrecision(6)));

/** Keras 3 and tfjs spell a few activations differently from the Keras 2 names we keep. */
const ACTIVATION_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['silu', 'swish'],
  ['hardSigmoid', 'hard_sigmoid'],
]);

/** A non-negative float; a null default makes it optional (empty in the form). */
const float = (key: string, label: string, def: number | null, help: string): FloatParam => ({
  kind: 'float',
  key,
  label,
  default: def,
  min: 0,
  help,
  ...(def === null ? { nullable: true } : {}),
});

const Activation: LayerSpec = {
  type: 'Activation',
  category: 'Activation',
  description: 'Applies an activation function (relu, sigmoid, softmax, …) to every value of its input.',
  inputs: { min: 1, max: 1 },
  params: [activation('relu')],
  summary: (p) => str(p, 'activation', 'relu'),
  inferShape: sameShape,
  weights: () => [],
  keras: {
    className: 'Activation',
    fromConfig: (config, generic) => {
      // A Map: `name in {}` is true for "constructor", which would import Object as the activation.
      const respelled = typeof config.activation === 'string' ? ACTIVATION_SPELLINGS.get(config.activation) : undefined;
      return respelled === undefined ? generic : { ...generic, activation: respelled };
    },
  },
};

const ReLU: LayerSpec = {
  type: 'ReLU',
  category: 'Activation',
  description: 'Rectified linear unit: max(x, 0), optionally capped (max value 6 gives ReLU6).',
  inputs: { min: 1, max: 1 },
  params: [
    float('max_value', 'Max value', null, 'Cap on the output (6 for ReLU6). Empty means no cap.'),
    float(
      'negative_slope',
      'Negative slope',
      0,
      'Slope below the threshold. TensorFlow.js runs only 0 (use LeakyReLU).',
    ),
    float('threshold', 'Threshold', 0, 'Values below it become 0. TensorFlow.js runs only 0.'),
  ],
  summary: (p) =>
    join([
      p.max_value !== null && p.max_value !== undefined && `max ${fmt(num(p, 'max_value'))}`,
      num(p, 'negative_slope') !== 0 && `slope ${fmt(num(p, 'negative_slope'))}`,
      num(p, 'threshold') !== 0 && `threshold ${fmt(num(p, 'threshold'))}`,
    ]),
  inferShape(inputs, p) {
    const x = sameShape(inputs);
    const slope = num(p, 'negative_slope');
    const threshold = num(p, 'threshold');
    if (slope !== 0) {
      const leaky = threshold === 0 && (p.max_value === null || p.max_value === undefined);
      throw new ShapeError(
        `has negative slope ${fmt(slope)}, which the TensorFlow.js ReLU cannot apply; ` +
          (leaky ? `use a LeakyReLU with alpha ${fmt(slope)} instead, or set the slope to 0` : 'set the slope to 0'),
      );
    }
    if (threshold !== 0) {
      throw new ShapeError(
        `has threshold ${fmt(threshold)}, which the TensorFlow.js ReLU cannot apply; set the threshold to 0`,
      );
    }
    return x;
  },
  weights: () => [],
  keras: { className: 'ReLU' },
};

const alpha = (def: number, help: string) => float('alpha', 'Alpha', def, help);

const LeakyReLU: LayerSpec = {
  type: 'LeakyReLU',
  category: 'Activation',
  description: 'ReLU that lets a small slope through for negative inputs: x for x ≥ 0, alpha·x below.',
  inputs: { min: 1, max: 1 },
  params: [alpha(0.3, 'Slope for negative inputs (Keras default 0.3; 0.01–0.2 are common).')],
  summary: (p) => `α ${fmt(num(p, 'alpha', 0.3))}`,
  inferShape: sameShape,
  weights: () => [],
  keras: {
    className: 'LeakyReLU',
    // Keras 3 renamed alpha to negative_slope.
    fromConfig: (config, generic) =>
      config.alpha === undefined && typeof config.negative_slope === 'number'
        ? { ...generic, alpha: config.negative_slope }
        : generic,
  },
};

/** PReLU's `alpha` shape: the input without the batch, 1 on each shared axis. */
function preluAlphaShape(x: Shape, shared: readonly number[]): number[] {
  const bad = shared.find((a) => a < 1 || a >= x.length);
  if (bad !== undefined) {
    throw new ShapeError(
      `shares axis ${bad}, but its ${x.length}-D input ${describeShape(x)} has ${x.length === 2 ? 'only axis 1' : `axes 1 to ${x.length - 1}`} ` +
        '(the batch, axis 0, is always shared); remove it from Shared axes',
      0,
    );
  }
  return x.slice(1).map((d, i) => {
    if (shared.includes(i + 1)) return 1;
    if (d === null) {
      throw new ShapeError(
        `needs a known size on axis ${i + 1} of ${describeShape(x)} to give each position its own alpha; add ${i + 1} to Shared axes, or give the Input a fixed shape`,
        0,
      );
    }
    return d;
  });
}

const PReLU: LayerSpec = {
  type: 'PReLU',
  category: 'Activation',
  description: 'Leaky ReLU whose negative slope (alpha) is learned, one per feature unless shared across axes.',
  inputs: { min: 1, max: 1 },
  params: [
    initializer('alpha_initializer', 'Alpha initializer', 'Zeros'),
    regularizer('alpha_regularizer', 'Alpha regularizer'),
    {
      kind: 'ints',
      key: 'shared_axes',
      label: 'Shared axes',
      length: null,
      default: [],
      min: 1,
      max: 8,
      help: 'Axes that share one alpha, counting the batch as 0. For images, 1, 2 gives one alpha per channel. Empty: one alpha per value.',
    },
  ],
  summary: (p) => {
    const shared = ints(p, 'shared_axes');
    return shared.length > 0 ? `shared ${shared.join(',')}` : '';
  },
  inferShape(inputs, p) {
    const x = sameShape(inputs);
    preluAlphaShape(x, ints(p, 'shared_axes'));
    return x;
  },
  weights: (inputs, p) => [
    { name: 'alpha', shape: preluAlphaShape(sameShape(inputs), ints(p, 'shared_axes')), trainable: true },
  ],
  keras: {
    className: 'PReLU',
    toConfig: (p, generic) => {
      const shared = ints(p, 'shared_axes');
      return { ...generic, alpha_constraint: null, shared_axes: shared.length > 0 ? [...shared] : null };
    },
    // Keras also takes a single int for one shared axis.
    fromConfig: (config, generic) =>
      typeof config.shared_axes === 'number' ? { ...generic, shared_axes: [config.shared_axes] } : generic,
  },
};

const ELU: LayerSpec = {
  type: 'ELU',
  category: 'Activation',
  description: 'Exponential linear unit: x for x > 0, alpha·(exp(x) − 1) below; smooth, with negative outputs.',
  inputs: { min: 1, max: 1 },
  params: [alpha(1, 'Value the output approaches for very negative inputs. TensorFlow.js runs only 1.')],
  summary: (p) => `α ${fmt(num(p, 'alpha', 1))}`,
  inferShape(inputs, p) {
    const x = sameShape(inputs);
    const a = num(p, 'alpha', 1);
    if (a !== 1)
      throw new ShapeError(`has alpha ${fmt(a)}, but the TensorFlow.js ELU runs only with alpha 1; set alpha to 1`);
    return x;
  },
  weights: () => [],
  keras: { className: 'ELU' },
};

/** Softmax's axis resolved against its input (batch = 0); tfjs normalizes over the last axis only. */
function softmaxShape(inputs: readonly Shape[], p: Params): Shape {
  const x = sameShape(inputs);
  const axis = num(p, 'axis', -1);
  const resolved = axis < 0 ? x.length + axis : axis;
  if (resolved === 0)
    throw new ShapeError(`has axis ${axis}, which is the batch dimension; use -1 (the last axis, the classes)`);
  if (resolved < 0 || resolved >= x.length) {
    throw new ShapeError(
      `has axis ${axis}, which is out of range for its ${x.length}-D input ${describeShape(x)}; use -1 for the last axis`,
    );
  }
  if (resolved !== x.length - 1) {
    throw new ShapeError(
      `has axis ${axis}, but TensorFlow.js applies softmax over the last axis only; set the axis to -1, adding a Permute before it to move that axis last`,
    );
  }
  return x;
}

const Softmax: LayerSpec = {
  type: 'Softmax',
  category: 'Activation',
  description: 'Turns scores into probabilities that sum to 1 along an axis.',
  inputs: { min: 1, max: 1 },
  params: [
    {
      kind: 'int',
      key: 'axis',
      label: 'Axis',
      default: -1,
      min: -8,
      max: 8,
      help: 'Axis the probabilities sum to 1 over, counting the batch as 0; -1 is the last.',
    },
  ],
  summary: (p) => `axis ${num(p, 'axis', -1)}`,
  inferShape: softmaxShape,
  weights: () => [],
  keras: {
    className: 'Softmax',
    fromConfig: (config, generic) => {
      const axis = config.axis;
      if (!Array.isArray(axis)) return generic;
      if (axis.length === 1 && typeof axis[0] === 'number') return { ...generic, axis: axis[0] };
      throw new Error(
        `Softmax over several axes (${JSON.stringify(axis)}) is not supported; Layerloom applies it over one axis`,
      );
    },
  },
};

export const activationSpecs: LayerSpec[] = [Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax];
