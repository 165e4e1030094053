import type { Shape } from '../graph';
import { describeShape, featureSize, product, requireMinRank, requireRank } from '../shape-utils';
import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import { channelsLastOnly, readImportOnly, rejectImportOnly, writeImportOnly } from './conv-shared';
import { ints, num } from './common';

/** Layers that rearrange values without changing them. None has weights. */

const list = (dims: readonly number[]) => `[${dims.join(', ')}]`;

const Flatten: LayerSpec = {
  type: 'Flatten',
  category: 'Reshape',
  description: 'Lays every value of a sample out in one long vector, e.g. feature maps before a Dense.',
  inputs: { min: 1, max: 1 },
  params: [],
  summary: () => '',
  inferShape(inputs, p) {
    const x = requireMinRank(inputs[0], 2, 'batch and features');
    // tfjs Flatten declares minNDim 3, so a flat input would fail to build there.
    if (x.length < 3)
      throw new ShapeError(`receives ${describeShape(x)}, which is already flat; remove this Flatten`, 0);
    rejectImportOnly([channelsLastOnly], p);
    const size = featureSize(x);
    if (size === null) {
      throw new ShapeError(
        `needs every size known to count its outputs, but receives ${describeShape(x)}; give the Input a fixed shape, or use a global pooling layer (e.g. GlobalAveragePooling1D) instead`,
        0,
      );
    }
    return [x[0] ?? null, size];
  },
  weights: () => [],
  keras: {
    className: 'Flatten',
    toConfig: (p, generic) => {
      const config = { ...generic };
      writeImportOnly([channelsLastOnly], p, config);
      return config;
    },
    fromConfig: (config, generic) => {
      const out = { ...generic };
      readImportOnly([channelsLastOnly], config, out);
      return out;
    },
  },
};

/** Keras Reshape semantics (tfjs `fixUnknownDimension`): one -1 takes up whatever is left. */
export function reshapeOutput(x: Shape, target: readonly number[]): Shape {
  const bad = target.findIndex((d) => d === 0 || d < -1 || !Number.isInteger(d));
  if (bad >= 0) {
    throw new ShapeError(
      `has size ${target[bad]} at position ${bad + 1} of its target shape ${list(target)}; use positive sizes, or -1 once to have one size worked out`,
    );
  }
  const free = target.filter((d) => d === -1).length;
  if (free > 1)
    throw new ShapeError(
      `has -1 ${free} times in its target shape ${list(target)}; only one size can be worked out, so give the others`,
    );
  const size = featureSize(x);
  // An unknown input size (a free sequence length) leaves the -1 unknown too, as in tfjs.
  if (size === null) return [x[0] ?? null, ...target.map((d) => (d === -1 ? null : d))];
  const known = product(target.filter((d) => d !== -1));
  const from = `cannot reshape ${describeShape(x)} (${size} values per sample) to target shape ${list(target)}`;
  if (free === 1) {
    if (size % known !== 0) {
      throw new ShapeError(
        `${from}: the -1 must take up the rest, but ${size} is not a multiple of ${known} (the product of the other sizes); change the target shape`,
      );
    }
    return [x[0] ?? null, ...target.map((d) => (d === -1 ? size / known : d))];
  }
  if (size !== known) {
    throw new ShapeError(
      `${from} (${known} values); both must hold the same number of values, so change the target shape or use -1 for one size`,
    );
  }
  return [x[0] ?? null, ...target];
}

const Reshape: LayerSpec = {
  type: 'Reshape',
  category: 'Reshape',
  description: 'Rearranges each sample into a new shape with the same number of values (e.g. 784 → 28×28×1).',
  inputs: { min: 1, max: 1 },
  params: [
    {
      kind: 'ints',
      key: 'target_shape',
      label: 'Target shape',
      length: null,
      minLength: 1,
      default: [-1, 1],
      min: -1,
      help: 'New shape of one sample, without the batch. One size may be -1 to be worked out from the rest, e.g. -1, 1 adds a channel axis.',
    },
  ],
  summary: (p) =>
    ints(p, 'target_shape')
      .map((d) => (d === -1 ? 'auto' : String(d)))
      .join('×'),
  inferShape(inputs, p) {
    return reshapeOutput(requireMinRank(inputs[0], 2, 'batch and features'), ints(p, 'target_shape'));
  },
  weights: () => [],
  keras: { className: 'Reshape' },
};

function permuteOutput(x: Shape, dims: readonly number[]): Shape {
  const axes = Array.from({ length: x.length - 1 }, (_, i) => i + 1);
  const sorted = [...dims].sort((a, b) => a - b);
  if (sorted.length !== axes.length || sorted.some((d, i) => d !== axes[i])) {
    const example = axes.length >= 2 ? [2, 1, ...axes.slice(2)] : axes;
    throw new ShapeError(
      `has dims ${list(dims)}, which is not an order of the axes of its ${x.length}-D input ${describeShape(x)}; ` +
        `list each of ${axes.join(', ')} exactly once (the batch, axis 0, stays first), e.g. ${list(example)}`,
    );
  }
  return [x[0] ?? null, ...dims.map((d) => x[d] ?? null)];
}

const Permute: LayerSpec = {
  type: 'Permute',
  category: 'Reshape',
  description: 'Reorders the axes of each sample, e.g. swaps steps and features.',
  inputs: { min: 1, max: 1 },
  params: [
    {
      kind: 'ints',
      key: 'dims',
      label: 'Axis order',
      length: null,
      minLength: 1,
      default: [2, 1],
      min: 1,
      max: 8,
      help: 'New order of the axes, counting from 1 (the batch, 0, stays first). 2, 1 swaps the two axes of a sequence.',
    },
  ],
  summary: (p) => ints(p, 'dims').join(', '),
  inferShape: (inputs, p) => permuteOutput(requireMinRank(inputs[0], 2, 'batch and features'), ints(p, 'dims')),
  weights: () => [],
  keras: { className: 'Permute' },
};

const RepeatVector: LayerSpec = {
  type: 'RepeatVector',
  category: 'Reshape',
  description: 'Repeats a feature vector n times into a sequence, e.g. to feed an encoder state to a decoder RNN.',
  inputs: { min: 1, max: 1 },
  params: [
    {
      kind: 'int',
      key: 'n',
      label: 'Repeats',
      default: 3,
      min: 1,
      max: 100_000,
      help: 'How many times to repeat the vector: the length of the output sequence.',
    },
  ],
  summary: (p) => `×${num(p, 'n', 3)}`,
  inferShape(inputs, p) {
    const hint = (inputs[0]?.length ?? 2) > 2 ? 'add a Flatten or a global pooling layer before it' : '';
    const x = requireRank(inputs[0], 2, '[batch, features]', hint);
    return [x[0] ?? null, num(p, 'n', 3), x[1] ?? null];
  },
  weights: () => [],
  keras: { className: 'RepeatVector' },
};

export const reshapeSpecs: LayerSpec[] = [Flatten, Reshape, Permute, RepeatVector];
