import { bool, ints, num } from '../../model/params';
import type { ConvertContext, LayerConverter } from './builder';
import { attr } from './proto';

/**
 * BatchNormalization at inference is one multiply and one add per channel, folded from the moving
 * statistics at export time: scale = gamma / sqrt(variance + epsilon), shift = beta − mean·scale.
 * LayerNormalization is composed of opset-13 ops (the LayerNormalization op needs opset 17):
 * (x − mean) / sqrt(variance + epsilon) · gamma + beta over the layer's axes, as tfjs computes it.
 */

const resolve = (axis: number, rank: number) => (axis < 0 ? rank + axis : axis);

/** A constant shaped to broadcast along `axes` of a rank-`rank` tensor (1 elsewhere). */
function broadcastShape(rank: number, axes: readonly number[], sizes: readonly number[]): number[] {
  const shape = new Array<number>(rank).fill(1);
  axes.forEach((a, i) => (shape[a] = sizes[i]!));
  return shape;
}

function batchNormalization(ctx: ConvertContext): string {
  const { b, node, weight, hasWeight } = ctx;
  const rank = ctx.inShapes[0]!.length;
  const axis = resolve(num(node.params, 'axis', -1), rank);
  const mean = weight('moving_mean').values;
  const variance = weight('moving_variance').values;
  const eps = num(node.params, 'epsilon', 0.001);
  const n = mean.length;
  const gamma = hasWeight('gamma') ? weight('gamma').values : new Float32Array(n).fill(1);
  const beta = hasWeight('beta') ? weight('beta').values : new Float32Array(n);
  const scale = new Float32Array(n);
  const shift = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    scale[c] = gamma[c]! / Math.sqrt(variance[c]! + eps);
    shift[c] = beta[c]! - mean[c]! * scale[c]!;
  }
  const shape = broadcastShape(rank, [axis], [n]);
  return b.op('Add', [b.op('Mul', [ctx.inputs[0]!, b.floats('scale', shape, scale)]), b.floats('shift', shape, shift)]);
}

function layerNormalization(ctx: ConvertContext): string {
  const { b, node, weight, hasWeight } = ctx;
  const x = ctx.inputs[0]!;
  const shape = ctx.inShapes[0]!;
  const axes = ints(node.params, 'axis', [-1]).map((a) => resolve(a, shape.length));
  const reduce = { axes: attr.ints(axes), keepdims: attr.int(1) };
  const centred = b.op('Sub', [x, b.op('ReduceMean', [x], reduce)]);
  const variance = b.op('ReduceMean', [b.op('Mul', [centred, centred])], reduce);
  const std = b.op('Sqrt', [b.op('Add', [variance, b.floats('epsilon', [], [num(node.params, 'epsilon', 0.001)])])]);
  let y = b.op('Div', [centred, std]);
  // gamma and beta are laid out over the axes as listed; tfjs reshapes them to the broadcast shape.
  const bshape = broadcastShape(
    shape.length,
    axes,
    axes.map((a) => shape[a] as number),
  );
  if (bool(node.params, 'scale', true) && hasWeight('gamma'))
    y = b.op('Mul', [y, b.floats('gamma', bshape, weight('gamma').values)]);
  if (bool(node.params, 'center', true) && hasWeight('beta'))
    y = b.op('Add', [y, b.floats('beta', bshape, weight('beta').values)]);
  return y;
}

export const normalizationConverters: Record<string, LayerConverter> = {
  BatchNormalization: { convert: batchNormalization },
  LayerNormalization: { convert: layerNormalization },
};
