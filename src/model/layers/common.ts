import type { ActivationParam, BoolParam, EnumParam, InitializerParam, IntsParam, ParamDef, RegularizerParam } from '../params';
import { ints, num, str } from '../params';
import type { Params } from '../graph';

/** Param builders shared by the layer families, so labels and help read the same everywhere. */

export const activation = (def = 'linear', key = 'activation', label = 'Activation'): ActivationParam => ({
  kind: 'activation',
  key,
  label,
  default: def,
  help: 'Function applied to the output. linear means none.',
});

export const useBias: BoolParam = {
  kind: 'bool',
  key: 'use_bias',
  label: 'Use bias',
  default: true,
  help: 'Add a learned bias vector to the output.',
};

export const initializer = (key: string, label: string, def: string): InitializerParam => ({
  kind: 'initializer',
  key,
  label,
  default: def,
  help: 'How the weights are set before training starts.',
});

export const regularizer = (key: string, label: string): RegularizerParam => ({
  kind: 'regularizer',
  key,
  label,
  help: 'L1/L2 penalty added to the loss to keep these weights small. 0 means off.',
});

/** kernel/bias initializers and regularizers: what every layer with a kernel and bias has. */
export function kernelAndBias(prefix = 'kernel'): ParamDef[] {
  return [
    useBias,
    initializer(`${prefix}_initializer`, 'Kernel initializer', 'GlorotUniform'),
    initializer('bias_initializer', 'Bias initializer', 'Zeros'),
    regularizer(`${prefix}_regularizer`, 'Kernel regularizer'),
    regularizer('bias_regularizer', 'Bias regularizer'),
  ];
}

export const padding: EnumParam = {
  kind: 'enum',
  key: 'padding',
  label: 'Padding',
  options: ['valid', 'same'],
  default: 'valid',
  help: 'valid: no padding, the output shrinks. same: zero-pad so the output keeps the input size (divided by the stride).',
};

export const tuple = (
  key: string,
  label: string,
  length: number,
  def: number,
  help: string,
  min = 1,
): IntsParam => ({
  kind: 'ints',
  key,
  label,
  length,
  default: Array.from({ length }, () => def),
  min,
  scalarInKeras: true,
  help,
});

/** `3×3`, `2`, `1×5` — how kernel sizes read on a node face. */
export function times(p: Params, key: string): string {
  return ints(p, key).join('×');
}

/** The activation as a node-face fragment; nothing for linear. */
export function activationSuffix(p: Params, key = 'activation'): string[] {
  const a = str(p, key, 'linear');
  return a === 'linear' ? [] : [a];
}

export function join(parts: (string | number | false | undefined)[]): string {
  return parts.filter((x) => x !== false && x !== undefined && x !== '').join(' · ');
}

export { ints, num, str };
