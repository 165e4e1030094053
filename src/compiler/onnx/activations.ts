import { ACTIVATIONS, num, str } from '../../model/params';
import type { LayerBuilder, LayerConverter } from './builder';
import { attr } from './proto';

/**
 * Activations as ONNX ops, each matching tfjs-layers 4.22's definition (activations.js):
 * hard_sigmoid is clip(0.2·x + 0.5, 0, 1), gelu the exact erf form, swish x·sigmoid(x),
 * mish x·tanh(softplus(x)), softmax over the last axis.
 */
export function applyActivation(b: LayerBuilder, x: string, name: string): string {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return b.op('Relu', [x]);
    case 'relu6':
      return clip(b, x, 0, 6);
    case 'elu':
      return b.op('Elu', [x], { alpha: attr.float(1) });
    // ONNX's default alpha and gamma are Keras's (and tfjs's) SELU constants.
    case 'selu':
      return b.op('Selu', [x]);
    case 'sigmoid':
      return b.op('Sigmoid', [x]);
    case 'hard_sigmoid':
      return b.op('HardSigmoid', [x], { alpha: attr.float(0.2), beta: attr.float(0.5) });
    case 'tanh':
      return b.op('Tanh', [x]);
    case 'softmax':
      return b.op('Softmax', [x], { axis: attr.int(-1) });
    case 'softplus':
      return b.op('Softplus', [x]);
    case 'softsign':
      return b.op('Softsign', [x]);
    case 'swish':
      return b.op('Mul', [x, b.op('Sigmoid', [x])]);
    case 'mish':
      return b.op('Mul', [x, b.op('Tanh', [b.op('Softplus', [x])])]);
    case 'gelu': {
      const erf = b.op('Erf', [b.op('Div', [x, b.floats('sqrt2', [], [Math.SQRT2])])]);
      const cdf = b.op('Mul', [b.floats('half', [], [0.5]), b.op('Add', [b.floats('one', [], [1]), erf])]);
      return b.op('Mul', [x, cdf]);
    }
    default:
      throw new Error(`activation '${name}' has no ONNX form`);
  }
}

/** Names applyActivation knows: the registry's whole activation list. */
export const ONNX_ACTIVATIONS: ReadonlySet<string> = new Set(ACTIVATIONS);

/** A refusal for an activation param outside the list (only a hand-edited project can have one). */
export function activationRefusal(name: string, what = 'activation'): string | null {
  return ONNX_ACTIVATIONS.has(name) ? null : `its ${what} '${name}' has no ONNX form`;
}

/** Clip with constant bounds (opset 11+ takes them as inputs). */
export function clip(b: LayerBuilder, x: string, min: number, max?: number): string {
  const bounds = [b.floats('min', [], [min]), ...(max === undefined ? [] : [b.floats('max', [], [max])])];
  return b.op('Clip', [x, ...bounds]);
}

const maxValue = (p: Record<string, unknown>) => (typeof p.max_value === 'number' ? p.max_value : null);

export const activationConverters: Record<string, LayerConverter> = {
  Activation: {
    refuse: (node) => activationRefusal(str(node.params, 'activation', 'relu')),
    convert: ({ b, inputs, node }) => applyActivation(b, inputs[0]!, str(node.params, 'activation', 'relu')),
  },
  // The spec refuses a non-zero negative slope or threshold (tfjs cannot run them), so only the cap remains.
  ReLU: {
    convert: ({ b, inputs, node }) => {
      const cap = maxValue(node.params);
      return cap === null ? b.op('Relu', [inputs[0]!]) : clip(b, inputs[0]!, 0, cap);
    },
  },
  LeakyReLU: {
    convert: ({ b, inputs, node }) =>
      b.op('LeakyRelu', [inputs[0]!], { alpha: attr.float(num(node.params, 'alpha', 0.3)) }),
  },
  // alpha has the input's shape without the batch (1 on shared axes): it broadcasts against [N, ...].
  PReLU: {
    convert: ({ b, inputs, weight }) => {
      const alpha = weight('alpha');
      return b.op('PRelu', [inputs[0]!, b.floats('alpha', alpha.shape, alpha.values)]);
    },
  },
  ELU: {
    convert: ({ b, inputs, node }) => b.op('Elu', [inputs[0]!], { alpha: attr.float(num(node.params, 'alpha', 1)) }),
  },
  // The spec allows only the last axis (tfjs applies softmax there alone).
  Softmax: {
    convert: ({ b, inputs }) => b.op('Softmax', [inputs[0]!], { axis: attr.int(-1) }),
  },
};
