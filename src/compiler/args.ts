import * as tf from '@tensorflow/tfjs';
import type { Params, RegularizerValue } from '../model/graph';
import { isRegularizer } from '../model/graph';
import type { LayerSpec } from '../model/spec';

/** Keras initializer class names → tfjs initializer identifiers. */
const TFJS_INITIALIZERS: Record<string, string> = {
  GlorotUniform: 'glorotUniform',
  GlorotNormal: 'glorotNormal',
  HeUniform: 'heUniform',
  HeNormal: 'heNormal',
  LecunUniform: 'leCunUniform',
  LecunNormal: 'leCunNormal',
  RandomUniform: 'randomUniform',
  RandomNormal: 'randomNormal',
  TruncatedNormal: 'truncatedNormal',
  Orthogonal: 'orthogonal',
  Zeros: 'zeros',
  Ones: 'ones',
};

/** Keras activation names that tfjs spells differently. */
const TFJS_ACTIVATIONS: Record<string, string> = { hard_sigmoid: 'hardSigmoid' };

export function tfjsInitializer(name: string): string {
  return TFJS_INITIALIZERS[name] ?? 'glorotUniform';
}

export function tfjsActivation(name: string): string {
  return TFJS_ACTIVATIONS[name] ?? name;
}

export function tfjsRegularizer(r: RegularizerValue | null | undefined) {
  if (!r || (r.l1 === 0 && r.l2 === 0)) return undefined;
  return tf.regularizers.l1l2({ l1: r.l1, l2: r.l2 });
}

export function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export type TfjsArgs = Record<string, unknown>;

/**
 * Our params → tfjs layer args: keys in camelCase, initializers and activations renamed,
 * regularizers built. Factories override the few args whose meaning differs.
 */
export function tfjsArgs(spec: LayerSpec, params: Params, name: string): TfjsArgs {
  const args: TfjsArgs = { name, trainable: params.trainable !== false };
  for (const def of spec.params) {
    const v = params[def.key];
    if (v === undefined) continue;
    const key = camel(def.key);
    switch (def.kind) {
      case 'initializer':
        args[key] = tfjsInitializer(typeof v === 'string' ? v : def.default);
        break;
      case 'activation':
        args[key] = tfjsActivation(typeof v === 'string' ? v : def.default);
        break;
      case 'regularizer': {
        const reg = tfjsRegularizer(isRegularizer(v) ? v : null);
        if (reg) args[key] = reg;
        break;
      }
      case 'ints':
        args[key] = Array.isArray(v) ? [...v] : v;
        break;
      default:
        if (v !== null) args[key] = v;
    }
  }
  return args;
}
