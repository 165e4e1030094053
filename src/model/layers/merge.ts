import type { Dim, Params, Shape } from '../graph';
import type { IntParam, IntsParam } from '../params';
import { bool, ints } from '../params';
import { describeShape } from '../shape-utils';
import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import { join, num } from './common';

/**
 * Merge layers. Shape rules follow tfjs-layers 4.22 (`Merge.computeElementwiseOpOutputShape`,
 * `Concatenate.build`, `Dot.build`), which are the Keras 2 rules, because tfjs is what compiles
 * and trains the graph: a graph we accept must also build there.
 */

/** Far more inputs than anyone wires by hand; the analyzer needs a finite bound. */
const MANY = 64;

const described = (shapes: readonly Shape[]) => shapes.map(describeShape).join(' and ');

function requireInputs(inputs: readonly Shape[]): void {
  if (inputs.length < 2) throw new ShapeError('needs at least 2 inputs to merge; connect another layer to it');
}

/** A merge keeps the batch size only when every input that fixes one agrees. */
function mergedBatch(inputs: readonly Shape[]): Dim {
  const fixed = [...new Set(inputs.map((s) => s[0]).filter((d): d is number => d !== null && d !== undefined))];
  if (fixed.length > 1) {
    throw new ShapeError(`receives inputs with different fixed batch sizes (${fixed.join(', ')}); give all Inputs the same batch size`);
  }
  return fixed.length === 1 ? (fixed[0] as number) : null;
}

/**
 * Keras element-wise broadcasting of two shapes without their batch dimension: aligned on the
 * right, a 1 stretches to the other size, an unknown size stays unknown. On a clash, says where.
 */
function broadcastPair(a: readonly Dim[], b: readonly Dim[]): Dim[] | { axis: number; x: number; y: number } {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const out = long.slice(0, long.length - short.length);
  for (let k = 0; k < short.length; k++) {
    const i = long[long.length - short.length + k] ?? null;
    const j = short[k] ?? null;
    if (i === null || j === null) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1 || i === j) out.push(i);
    else return { axis: k - short.length, x: a === long ? i : j, y: a === long ? j : i };
  }
  return out;
}

/** Output shape of an element-wise merge (Add, Multiply, …); exported for the tfjs Subtract layer. */
export function elementwiseShape(inputs: readonly Shape[]): Shape {
  requireInputs(inputs);
  const batch = mergedBatch(inputs);
  let acc: Dim[] = (inputs[0] as Shape).slice(1);
  for (let n = 1; n < inputs.length; n++) {
    const next = broadcastPair(acc, (inputs[n] as Shape).slice(1));
    if (!Array.isArray(next)) {
      throw new ShapeError(
        `cannot combine ${described(inputs.slice(0, n + 1))} element-wise: axis ${next.axis} has sizes ${next.x} and ${next.y}. ` +
          'Element-wise merges need equal shapes (a size of 1 broadcasts); use Concatenate to join different sizes, or a Dense to make them match',
        n,
      );
    }
    acc = next;
  }
  return [batch, ...acc];
}

function elementwise(type: string, description: string, maxInputs = MANY): LayerSpec {
  return {
    type,
    category: 'Merge',
    description,
    inputs: { min: 2, max: maxInputs },
    params: [],
    summary: () => '',
    inferShape: (inputs) => elementwiseShape(inputs),
    weights: () => [],
    keras: { className: type },
  };
}

const concatAxis: IntParam = {
  kind: 'int',
  key: 'axis',
  label: 'Axis',
  default: -1,
  min: -8,
  max: 8,
  help: 'Dimension to join along, counting the batch as 0; -1 is the last (the features or channels).',
};

/** Resolves a Keras axis (batch counted as 0, negatives from the end) for a rank, or explains why not. */
function resolveAxis(axis: number, rank: number, shape: Shape): number {
  const resolved = axis < 0 ? rank + axis : axis;
  if (resolved === 0) throw new ShapeError(`cannot use axis ${axis}: that is the batch dimension of ${describeShape(shape)}; use 1 or more, or -1 for the last`);
  if (resolved < 0 || resolved >= rank) {
    throw new ShapeError(`has axis ${axis}, which is out of range for its ${rank}-D input ${describeShape(shape)}; use 1 to ${rank - 1}, or -1 for the last`);
  }
  return resolved;
}

const Concatenate: LayerSpec = {
  type: 'Concatenate',
  category: 'Merge',
  description: 'Joins its inputs side by side along one axis; all other sizes must match.',
  inputs: { min: 2, max: MANY },
  params: [concatAxis],
  summary: (p) => `axis ${num(p, 'axis', -1)}`,
  inferShape(inputs, p) {
    requireInputs(inputs);
    const first = inputs[0] as Shape;
    const axis = resolveAxis(num(p, 'axis', -1), first.length, first);
    const out: Dim[] = [...first];
    inputs.forEach((s, n) => {
      if (n === 0) return;
      const sameElsewhere = s.length === first.length && s.every((d, i) => i === axis || d === first[i]);
      if (!sameElsewhere) {
        throw new ShapeError(
          `cannot join ${describeShape(first)} and ${describeShape(s)} along axis ${num(p, 'axis', -1)}: all sizes except that axis must match. ` +
            'Reshape, pool or crop one input so they agree, or change the axis',
          n,
        );
      }
      const a = out[axis] ?? null;
      const b = s[axis] ?? null;
      out[axis] = a === null || b === null ? null : a + b;
    });
    return out;
  },
  weights: () => [],
  keras: { className: 'Concatenate' },
};

const dotAxes: IntsParam = {
  kind: 'ints',
  key: 'axes',
  label: 'Axes',
  length: 2,
  default: [-1, -1],
  min: -3,
  max: 2,
  scalarInKeras: true,
  help: 'Axis of the first and of the second input to multiply and sum over, counting the batch as 0; -1 is the last.',
};

const Dot: LayerSpec = {
  type: 'Dot',
  category: 'Merge',
  description: 'Dot product of two inputs along the given axes; with normalize on, their cosine similarity.',
  inputs: { min: 2, max: 2 },
  params: [
    dotAxes,
    { kind: 'bool', key: 'normalize', label: 'Normalize (cosine)', default: false, help: 'L2-normalize both inputs along the axes first, so the result is the cosine similarity.' },
  ],
  summary: (p) => join([`axes ${[...new Set(ints(p, 'axes'))].join(',')}`, bool(p, 'normalize') && 'cosine']),
  inferShape(inputs, p) {
    if (inputs.length !== 2) throw new ShapeError(`needs exactly 2 inputs but has ${inputs.length}`);
    const [a, b] = inputs as [Shape, Shape];
    inputs.forEach((s, n) => {
      if (s.length < 2 || s.length > 3) {
        throw new ShapeError(
          `input ${n + 1} is ${describeShape(s)}; Dot in TensorFlow.js takes only 2-D [batch, features] or 3-D [batch, steps, features] inputs, so Flatten or Reshape it first`,
          n,
        );
      }
    });
    const [axA, axB] = ints(p, 'axes', [-1, -1]);
    const ia = resolveAxis(axA ?? -1, a.length, a);
    const ib = resolveAxis(axB ?? -1, b.length, b);
    if (a[ia] !== b[ib]) {
      const size = (d: Dim | undefined) => (d === null || d === undefined ? '?' : String(d));
      throw new ShapeError(
        `cannot multiply ${describeShape(a)} by ${describeShape(b)}: axis ${axA} of the first has size ${size(a[ia])} but axis ${axB} of the second has ${size(b[ib])}; they must be equal`,
        1,
      );
    }
    const out: Dim[] = [...a.filter((_, i) => i !== ia), ...b.filter((_, i) => i !== ib).slice(1)];
    if (out.length === 1) out.push(1);
    return out;
  },
  weights: () => [],
  keras: {
    className: 'Dot',
    // Keras writes a single int when both axes are the same; keep that form.
    toConfig: (p: Params, generic) => {
      const [x, y] = ints(p, 'axes', [-1, -1]);
      return { ...generic, axes: x === y ? x : [x, y] };
    },
  },
};

export const mergeSpecs: LayerSpec[] = [
  Concatenate,
  elementwise('Add', 'Adds its inputs element-wise (residual connections); shapes must match.'),
  elementwise('Subtract', 'First input minus the second, element-wise; exactly 2 inputs of matching shape.', 2),
  elementwise('Multiply', 'Multiplies its inputs element-wise (gating); shapes must match.'),
  elementwise('Average', 'Element-wise mean of its inputs; shapes must match.'),
  elementwise('Maximum', 'Element-wise maximum of its inputs; shapes must match.'),
  elementwise('Minimum', 'Element-wise minimum of its inputs; shapes must match.'),
  Dot,
];
