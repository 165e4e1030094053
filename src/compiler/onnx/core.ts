import { ints, num, str } from '../../model/params';
import { activationRefusal, applyActivation } from './activations';
import type { ConvertContext, LayerConverter } from './builder';
import { attr } from './proto';

/**
 * Dense (and TimeDistributed(Dense), the same maths on every step: MatMul broadcasts over the
 * leading axes), the dropouts (identity at inference) and the layers that only move values.
 * Tensors stay in tfjs's channels-last layout throughout, so Flatten and Reshape are plain
 * row-major reshapes, as in tfjs.
 */

function dense({ b, inputs, node, weight, hasWeight }: ConvertContext): string {
  const kernel = weight('kernel');
  let y = b.op('MatMul', [inputs[0]!, b.floats('kernel', kernel.shape, kernel.values)]);
  if (hasWeight('bias')) {
    const bias = weight('bias');
    y = b.op('Add', [y, b.floats('bias', bias.shape, bias.values)]);
  }
  return applyActivation(b, y, str(node.params, 'activation', 'linear'));
}

const denseConverter: LayerConverter = {
  refuse: (node) => activationRefusal(str(node.params, 'activation', 'linear')),
  convert: dense,
};

/** Dropout does nothing at inference: the layer's output is its input. */
const identity: LayerConverter = { convert: ({ inputs }) => inputs[0]! };

export const coreConverters: Record<string, LayerConverter> = {
  Dense: denseConverter,
  TimeDistributed: denseConverter,
  Dropout: identity,
  SpatialDropout1D: identity,
  SpatialDropout2D: identity,
  Flatten: {
    convert: ({ b, inputs }) => b.op('Flatten', [inputs[0]!], { axis: attr.int(1) }),
  },
  // 0 copies the batch size from the input; the target's own -1 (at most one) is inferred.
  Reshape: {
    convert: ({ b, inputs, node }) =>
      b.op('Reshape', [inputs[0]!, b.int64s('shape', [0, ...ints(node.params, 'target_shape')])]),
  },
  Permute: {
    convert: ({ b, inputs, node }) =>
      b.op('Transpose', [inputs[0]!], { perm: attr.ints([0, ...ints(node.params, 'dims')]) }),
  },
  // [N, F] → [N, 1, F] → [N, n, F].
  RepeatVector: {
    convert: ({ b, inputs, node }) => {
      const x = b.op('Unsqueeze', [inputs[0]!, b.int64s('axes', [1])]);
      return b.op('Tile', [x, b.int64s('repeats', [1, num(node.params, 'n', 3), 1])]);
    },
  },
};
