import { bool } from '../../model/params';
import type { ConvertContext, LayerBuilder, LayerConverter } from './builder';
import { attr, TensorType } from './proto';

/**
 * MultiHeadAttention, PositionEmbedding and TokenAndPositionEmbedding in opset-13 ops. Sequence
 * lengths may be free, so positions and the causal mask are built from the input's Shape at run
 * time. ONNX carries no Keras masks, so mask_zero is refused rather than silently ignored.
 */

/** Dims [from, from+1) of a tensor's shape, as a 1-D int64 tensor: a length for Slice/Range. */
function dimOf(b: LayerBuilder, x: string, axis: number): string {
  return b.op('Slice', [b.op('Shape', [x]), b.int64s('from', [axis]), b.int64s('to', [axis + 1])]);
}

/** A 1-D int64 [n] → the scalar n (Range takes scalars). */
const scalar = (b: LayerBuilder, oneElement: string) => b.op('Squeeze', [oneElement, b.int64s('axes', [0])]);

/** Rows 0..T-1 of a [positions, dim] table, T read from `like`'s axis 1. */
function firstRows(b: LayerBuilder, table: string, like: string): string {
  return b.op('Slice', [table, b.int64s('starts', [0]), dimOf(b, like, 1), b.int64s('axes', [0])]);
}

/** x [B, T, d] → [B, heads, T, size] through the Keras kernel [d, heads, size] (+ bias [heads, size]). */
function project(ctx: ConvertContext, x: string, role: string): string {
  const { b, weight, hasWeight } = ctx;
  const k = weight(`${role}/kernel`);
  const [d, heads, size] = k.shape as [number, number, number];
  let y = b.op('MatMul', [x, b.floats(`${role}_kernel`, [d, heads * size], k.values)]);
  if (hasWeight(`${role}/bias`))
    y = b.op('Add', [y, b.floats(`${role}_bias`, [heads * size], weight(`${role}/bias`).values)]);
  y = b.op('Reshape', [y, b.int64s('shape', [0, 0, heads, size])]);
  return b.op('Transpose', [y], { perm: attr.ints([0, 2, 1, 3]) });
}

/** 0 where key step ≤ query step, −1e9 elsewhere: [Tq, Tk], as Keras 3's causal mask. */
function causalAdder(b: LayerBuilder, scores: string): string {
  const zero = scalar(b, b.int64s('zero', [0]));
  const one = scalar(b, b.int64s('one', [1]));
  const steps = (axis: number) => b.op('Range', [zero, scalar(b, dimOf(b, scores, axis)), one]);
  const keys = b.op('Unsqueeze', [steps(3), b.int64s('axes', [0])]);
  const queries = b.op('Unsqueeze', [steps(2), b.int64s('axes', [1])]);
  const allowed = b.op('LessOrEqual', [keys, queries]);
  return b.op('Where', [allowed, b.floats('open', [], [0]), b.floats('masked', [], [-1e9])]);
}

function multiHeadAttention(ctx: ConvertContext): string {
  const { b, inputs, node, weight, hasWeight } = ctx;
  const query = inputs[0]!;
  const value = inputs[1] ?? query;
  const key = inputs[2] ?? value;
  const keyDim = weight('query/kernel').shape[2]!;
  const q = b.op('Mul', [project(ctx, query, 'query'), b.floats('scale', [], [1 / Math.sqrt(keyDim)])]);
  const kT = b.op('Transpose', [project(ctx, key, 'key')], { perm: attr.ints([0, 1, 3, 2]) });
  const v = project(ctx, value, 'value');
  let scores = b.op('MatMul', [q, kT]);
  if (bool(node.params, 'use_causal_mask')) scores = b.op('Add', [scores, causalAdder(b, scores)]);
  const probabilities = b.op('Softmax', [scores], { axis: attr.int(-1) });
  const context = b.op('Transpose', [b.op('MatMul', [probabilities, v])], { perm: attr.ints([0, 2, 1, 3]) });
  const out = weight('attention_output/kernel');
  const [heads, valueDim, outDim] = out.shape as [number, number, number];
  const flat = b.op('Reshape', [context, b.int64s('shape', [0, 0, heads * valueDim])]);
  let y = b.op('MatMul', [flat, b.floats('output_kernel', [heads * valueDim, outDim], out.values)]);
  if (hasWeight('attention_output/bias'))
    y = b.op('Add', [y, b.floats('output_bias', [outDim], weight('attention_output/bias').values)]);
  return y;
}

export const attentionConverters: Record<string, LayerConverter> = {
  MultiHeadAttention: { convert: multiHeadAttention },
  PositionEmbedding: {
    convert: ({ b, inputs, weight }) => {
      const table = weight('embeddings');
      const rows = firstRows(b, b.floats('embeddings', table.shape, table.values), inputs[0]!);
      return b.op('Expand', [rows, b.op('Shape', [inputs[0]!])]);
    },
  },
  TokenAndPositionEmbedding: {
    acceptsInt: true,
    refuse: (node) =>
      bool(node.params, 'mask_zero')
        ? 'has mask_zero on, and ONNX carries no masks for the layers after it; untick Mask zero to export'
        : null,
    convert: ({ b, inputs, weight }) => {
      const tokens = weight('token_embedding/embeddings');
      const positions = weight('position_embedding/embeddings');
      const ids = b.op('Cast', [inputs[0]!], { to: attr.int(TensorType.INT32) });
      const vectors = b.op('Gather', [b.floats('token_embeddings', tokens.shape, tokens.values), ids], {
        axis: attr.int(0),
      });
      return b.op('Add', [
        vectors,
        firstRows(b, b.floats('position_embeddings', positions.shape, positions.values), inputs[0]!),
      ]);
    },
  },
};
