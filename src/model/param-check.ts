import type { ParamValue } from './graph';
import { isRegularizer } from './graph';
import { describeJsonKind } from './import-errors';
import { ACTIVATIONS, INITIALIZERS, type ParamDef } from './params';

const fmt = (n: number) => (Math.abs(n) >= 1e6 ? n.toExponential() : String(n));

function rangeProblem(v: number, def: { min?: number; max?: number }): string | null {
  if (def.min !== undefined && v < def.min) return `must be at least ${fmt(def.min)}`;
  if (def.max !== undefined && v > def.max) return `must be at most ${fmt(def.max)}`;
  return null;
}

/**
 * Checks one param value against its declaration. Returns the end of a sentence that starts
 * with the param's label ("Units must be at least 1"), or null when the value is fine.
 */
export function checkParam(def: ParamDef, v: ParamValue | undefined): string | null {
  if (v === undefined) return 'is missing';
  switch (def.kind) {
    case 'int':
    case 'float':
      if (v === null) return def.nullable ? null : 'is empty; enter a number';
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      if (def.kind === 'int' && !Number.isInteger(v)) return `must be a whole number, not ${v}`;
      return rangeProblem(v, def);
    case 'bool':
      return typeof v === 'boolean' ? null : 'must be on or off';
    case 'enum':
      return typeof v === 'string' && def.options.includes(v) ? null : `must be one of ${def.options.join(', ')}`;
    case 'activation':
      if (typeof v !== 'string') return `must be an activation name such as "relu", not ${describeJsonKind(v)}`;
      return (ACTIVATIONS as readonly string[]).includes(v)
        ? null
        : `"${v}" is not a known activation; use one of ${ACTIVATIONS.join(', ')}`;
    case 'initializer':
      // String() of a non-name would print "[object Object]"; say what kind of value it is instead.
      if (typeof v !== 'string') return `must be an initializer name such as "GlorotUniform", not ${describeJsonKind(v)}`;
      return (INITIALIZERS as readonly string[]).includes(v) ? null : `"${v}" is not a known initializer`;
    case 'regularizer':
      if (v === null) return null;
      if (!isRegularizer(v)) return 'must give l1 and l2 values';
      if (!(v.l1 >= 0 && v.l2 >= 0) || !Number.isFinite(v.l1) || !Number.isFinite(v.l2)) {
        return 'l1 and l2 must be zero or positive numbers';
      }
      return null;
    case 'ints': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isInteger(x))) {
        return 'must be a list of whole numbers';
      }
      if (def.length !== null && v.length !== def.length) return `needs exactly ${def.length} values, got ${v.length}`;
      if (def.minLength !== undefined && v.length < def.minLength) return `needs at least ${def.minLength} value(s)`;
      for (const x of v as number[]) {
        const r = rangeProblem(x, def);
        if (r) return `has ${x}, but each value ${r}`;
      }
      return null;
    }
  }
}

/** Keras accepts letters, digits, `_`, `-`, `.` and `/` in names; we keep `/` out (it separates weight paths). */
export const LAYER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
