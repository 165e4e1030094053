import { bool, ints, num } from '../../model/params';
import { range, type ConvertContext, type LayerBuilder, type LayerConverter } from './builder';
import { attr } from './proto';

/**
 * Merge layers. Element-wise merges broadcast as Keras does: a lower-rank input gets size-1 axes
 * after the batch (tfjs Merge expands at axis 1), where ONNX alone would align shapes on the right.
 */

function sameRank(ctx: ConvertContext): string[] {
  const rank = Math.max(...ctx.inShapes.map((s) => s.length));
  return ctx.inputs.map((x, i) => {
    const missing = rank - ctx.inShapes[i]!.length;
    return missing === 0 ? x : ctx.b.op('Unsqueeze', [x, ctx.b.int64s('axes', range(1, 1 + missing))]);
  });
}

const variadic = (op: string): LayerConverter => ({ convert: (ctx) => ctx.b.op(op, sameRank(ctx)) });

/** tfjs's l2Normalize: x / sqrt(max(sum(x²), epsilon)) along one axis, epsilon = 1e-7 (tfjs's fuzz factor). */
function l2Normalize(b: LayerBuilder, x: string, axis: number): string {
  const sum = b.op('ReduceSum', [b.op('Mul', [x, x]), b.int64s('axes', [axis])], { keepdims: attr.int(1) });
  return b.op('Div', [x, b.op('Sqrt', [b.op('Max', [sum, b.floats('epsilon', [], [1e-7])])])]);
}

const swapLast = (b: LayerBuilder, x: string) => b.op('Transpose', [x], { perm: attr.ints([0, 2, 1]) });

/**
 * Dot of 2-D or 3-D inputs as one batched MatMul: the first input is brought to [N, rows, k] and
 * the second to [N, k, cols] (a 2-D input gets a size-1 axis), then the added axes are dropped.
 * The output is the first input's other axis, then the second's; two 2-D inputs give [N, 1].
 */
function dot(ctx: ConvertContext): string {
  const { b, node } = ctx;
  const [sa, sb] = ctx.inShapes as [readonly unknown[], readonly unknown[]];
  const [axA = -1, axB = -1] = ints(node.params, 'axes', [-1, -1]);
  const ia = axA < 0 ? sa.length + axA : axA;
  const ib = axB < 0 ? sb.length + axB : axB;
  let a = ctx.inputs[0]!;
  let c = ctx.inputs[1]!;
  if (bool(node.params, 'normalize')) {
    a = l2Normalize(b, a, ia);
    c = l2Normalize(b, c, ib);
  }
  if (sa.length === 2) a = b.op('Unsqueeze', [a, b.int64s('axes', [1])]);
  else if (ia === 1) a = swapLast(b, a);
  if (sb.length === 2) c = b.op('Unsqueeze', [c, b.int64s('axes', [2])]);
  else if (ib === 2) c = swapLast(b, c);
  const y = b.op('MatMul', [a, c]);
  const drop = sb.length === 2 ? [2] : sa.length === 2 ? [1] : [];
  return drop.length === 0 ? y : b.op('Squeeze', [y, b.int64s('axes', drop)]);
}

export const mergeConverters: Record<string, LayerConverter> = {
  Add: variadic('Sum'),
  Multiply: {
    convert: (ctx) => sameRank(ctx).reduce((acc, x) => ctx.b.op('Mul', [acc, x])),
  },
  Average: variadic('Mean'),
  Maximum: variadic('Max'),
  Minimum: variadic('Min'),
  Subtract: {
    convert: (ctx) => {
      const [a, c] = sameRank(ctx) as [string, string];
      return ctx.b.op('Sub', [a, c]);
    },
  },
  Concatenate: {
    convert: (ctx) => {
      const rank = ctx.inShapes[0]!.length;
      const axis = num(ctx.node.params, 'axis', -1);
      return ctx.b.op('Concat', ctx.inputs, { axis: attr.int(axis < 0 ? rank + axis : axis) });
    },
  },
  Dot: { convert: dot },
};
