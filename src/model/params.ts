import type { ParamValue, Params, RegularizerValue } from './graph';

/**
 * Param declarations. Keys are the Keras (2.x / tf.keras) config names, so most layers
 * map to and from Keras configs without any code of their own.
 */
interface ParamBase {
  readonly key: string;
  readonly label: string;
  readonly help: string;
}

export interface IntParam extends ParamBase {
  readonly kind: 'int';
  readonly default: number | null;
  readonly min?: number;
  readonly max?: number;
  /** `null` allowed (e.g. an unknown sequence length, or "no cap"). */
  readonly nullable?: boolean;
}

export interface FloatParam extends ParamBase {
  readonly kind: 'float';
  readonly default: number | null;
  readonly min?: number;
  readonly max?: number;
  readonly nullable?: boolean;
}

export interface BoolParam extends ParamBase {
  readonly kind: 'bool';
  readonly default: boolean;
}

export interface EnumParam extends ParamBase {
  readonly kind: 'enum';
  readonly options: readonly string[];
  readonly default: string;
}

/** A fixed- or free-length list of integers: kernel sizes, strides, target shapes, axes. */
export interface IntsParam extends ParamBase {
  readonly kind: 'ints';
  /** Required length; `null` means any length (at least `minLength`). */
  readonly length: number | null;
  readonly minLength?: number;
  readonly default: readonly number[];
  readonly min?: number;
  readonly max?: number;
  /** Keras accepts a single int for the whole tuple (kernel_size=3). */
  readonly scalarInKeras?: boolean;
}

export interface ActivationParam extends ParamBase {
  readonly kind: 'activation';
  readonly default: string;
}

export interface InitializerParam extends ParamBase {
  readonly kind: 'initializer';
  readonly default: string;
}

export interface RegularizerParam extends ParamBase {
  readonly kind: 'regularizer';
}

export type ParamDef =
  | IntParam
  | FloatParam
  | BoolParam
  | EnumParam
  | IntsParam
  | ActivationParam
  | InitializerParam
  | RegularizerParam;

/** Activations both Keras and tfjs know by the same name. */
export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hard_sigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'mish',
  'gelu',
] as const;

/** Keras initializer class names we support (Keras 2 spelling). */
export const INITIALIZERS = [
  'GlorotUniform',
  'GlorotNormal',
  'HeUniform',
  'HeNormal',
  'LecunUniform',
  'LecunNormal',
  'RandomUniform',
  'RandomNormal',
  'TruncatedNormal',
  'Orthogonal',
  'Zeros',
  'Ones',
] as const;

export const noRegularizer: RegularizerValue = { l1: 0, l2: 0 };

export function defaultParams(defs: readonly ParamDef[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const d of defs) out[d.key] = d.kind === 'regularizer' ? null : d.default;
  return out;
}

/** Typed readers: a spec's code reads params through these so a missing value falls back. */
export function num(p: Params, key: string, fallback = 0): number {
  const v = p[key];
  return typeof v === 'number' ? v : fallback;
}

export function ints(p: Params, key: string, fallback: readonly number[] = []): readonly number[] {
  const v = p[key];
  return Array.isArray(v) ? (v as readonly number[]) : fallback;
}

export function str(p: Params, key: string, fallback = ''): string {
  const v = p[key];
  return typeof v === 'string' ? v : fallback;
}

export function bool(p: Params, key: string, fallback = false): boolean {
  const v = p[key];
  return typeof v === 'boolean' ? v : fallback;
}
