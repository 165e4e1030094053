import type { Params, ParamValue, RegularizerValue } from './graph';
import { INITIALIZERS, defaultParams, type ParamDef } from './params';
import type { LayerSpec } from './spec';

/**
 * Generic mapping between our params and Keras layer configs. Param keys already are the
 * Keras config keys; only a few kinds (initializers, regularizers, tuples) change form.
 * A spec overrides the odd ones through `keras.toConfig` / `keras.fromConfig`.
 */

/** A Map: the names come from the file, and a `{}` table would answer "constructor" or "__proto__". */
const INITIALIZER_ALIASES: ReadonlyMap<string, string> = new Map<string, string>(
  [
    ...INITIALIZERS.map((n): [string, string] => [n.toLowerCase(), n]),
    ['glorot_uniform', 'GlorotUniform'],
    ['glorot_normal', 'GlorotNormal'],
    ['he_uniform', 'HeUniform'],
    ['he_normal', 'HeNormal'],
    ['lecun_uniform', 'LecunUniform'],
    ['lecun_normal', 'LecunNormal'],
    ['random_uniform', 'RandomUniform'],
    ['random_normal', 'RandomNormal'],
    ['truncated_normal', 'TruncatedNormal'],
    ['zeros', 'Zeros'],
    ['zero', 'Zeros'],
    ['ones', 'Ones'],
    ['one', 'Ones'],
    ['orthogonal', 'Orthogonal'],
    // Keras 2 wrote these as VarianceScaling subclasses; tfjs spells LeCun with a capital C.
    ['lecununiform', 'LecunUniform'],
    ['lecunnormal', 'LecunNormal'],
  ],
);

/** Reads a Keras initializer (string or {class_name, config}) into one of our names. */
export function readInitializer(raw: unknown, fallback: string): string {
  if (typeof raw === 'string') return INITIALIZER_ALIASES.get(raw.toLowerCase()) ?? fallback;
  if (raw && typeof raw === 'object') {
    const o = raw as { class_name?: unknown; className?: unknown; config?: Record<string, unknown> };
    const cls = typeof o.class_name === 'string' ? o.class_name : typeof o.className === 'string' ? o.className : '';
    const known = INITIALIZER_ALIASES.get(cls.toLowerCase());
    if (known) return known;
    if (cls === 'VarianceScaling' && o.config) {
      // VarianceScaling is the parent of the Glorot/He/LeCun families; pick the member it equals.
      const { scale, mode, distribution } = o.config;
      const dist = typeof distribution === 'string' && distribution.includes('uniform') ? 'Uniform' : 'Normal';
      if (scale === 1 && mode === 'fan_avg') return `Glorot${dist}`;
      if (scale === 2 && mode === 'fan_in') return `He${dist}`;
      if (scale === 1 && mode === 'fan_in') return `Lecun${dist}`;
    }
  }
  return fallback;
}

export function writeInitializer(name: string): Record<string, unknown> {
  return { class_name: name, config: name === 'Zeros' || name === 'Ones' ? {} : { seed: null } };
}

/** Reads L1/L2/L1L2 regularizers in Keras 2, Keras 3 and tfjs spellings. */
export function readRegularizer(raw: unknown): RegularizerValue | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as { class_name?: unknown; className?: unknown; config?: Record<string, unknown> };
  const cls = String(o.class_name ?? o.className ?? '').toLowerCase();
  const cfg = o.config ?? {};
  const get = (k: string) => (typeof cfg[k] === 'number' ? (cfg[k] as number) : 0);
  if (cls === 'l1') return { l1: get('l1') || get('l'), l2: 0 };
  if (cls === 'l2') return { l1: 0, l2: get('l2') || get('l') };
  if (cls === 'l1l2') return { l1: get('l1'), l2: get('l2') };
  return null;
}

export function writeRegularizer(r: RegularizerValue | null): Record<string, unknown> | null {
  if (!r || (r.l1 === 0 && r.l2 === 0)) return null;
  return { class_name: 'L1L2', config: { l1: r.l1, l2: r.l2 } };
}

function readParam(def: ParamDef, raw: unknown): ParamValue | undefined {
  if (raw === undefined) return undefined;
  switch (def.kind) {
    case 'int':
    case 'float':
      if (raw === null && def.nullable) return null;
      return typeof raw === 'number' ? raw : undefined;
    case 'bool':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'enum':
    case 'activation':
      return typeof raw === 'string' ? raw : undefined;
    case 'ints':
      if (typeof raw === 'number' && def.length !== null) return Array.from({ length: def.length }, () => raw);
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'number')) return raw as number[];
      return undefined;
    case 'initializer':
      return readInitializer(raw, def.default);
    case 'regularizer':
      return readRegularizer(raw);
  }
}

function writeParam(def: ParamDef, value: ParamValue | undefined): unknown {
  switch (def.kind) {
    case 'initializer':
      return writeInitializer(typeof value === 'string' ? value : def.default);
    case 'regularizer':
      return writeRegularizer((value as RegularizerValue | null | undefined) ?? null);
    case 'ints':
      return Array.isArray(value) ? [...value] : [...def.default];
    default:
      return value === undefined ? def.default : value;
  }
}

/** Our params → a Keras layer config (without `name`/`trainable`, which the caller adds). */
export function toKerasConfig(spec: LayerSpec, params: Params): Record<string, unknown> {
  const generic: Record<string, unknown> = {};
  for (const def of spec.params) generic[def.key] = writeParam(def, params[def.key]);
  return spec.keras.toConfig ? spec.keras.toConfig(params, generic) : generic;
}

/** A Keras layer config → our params, defaults filled in for anything missing. */
export function fromKerasConfig(spec: LayerSpec, config: Record<string, unknown>): Record<string, ParamValue> {
  const params: Record<string, unknown> = defaultParams(spec.params);
  for (const def of spec.params) {
    const v = readParam(def, config[def.key]);
    if (v !== undefined) params[def.key] = v;
  }
  const out = spec.keras.fromConfig ? spec.keras.fromConfig(config, params) : params;
  return out as Record<string, ParamValue>;
}
