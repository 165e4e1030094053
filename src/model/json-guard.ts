/**
 * Walks over parsed or stored JSON that came from outside (project files, IndexedDB records,
 * model.json files). Shared by the project reader and the model importer, so both refuse a
 * hostile tree the same way before any recursive code (JSON.stringify included) touches it.
 */

/** Deeper nesting than this is no file we read; refusing it keeps walkers off the stack limit. */
export const MAX_JSON_DEPTH = 64;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );
}

interface Visit {
  readonly value: unknown;
  readonly key: PropertyKey | null;
  readonly parent: Visit | null;
  readonly depth: number;
}

function keysTo(visit: Visit): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) keys.unshift(v.key);
  return keys;
}

/**
 * Visits every value of a tree, depth first, until `check` returns a problem. Iterative, with
 * parent links instead of path copies, so a hostile file can neither overflow the stack nor make
 * the walk quadratic. Children are entered only for arrays and objects `check` let through.
 */
function walk(root: unknown, check: (visit: Visit) => string | null): string | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const problem = check(visit);
    if (problem) return problem;
    const { value, depth } = visit;
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], key: i, parent: visit, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: visit, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The first problem of a parsed JSON tree: a prototype-polluting key or too deep a nesting, with
 * its place; null when there is none. The answer completes a sentence naming the file.
 */
export function findUnsafeJson(root: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  return walk(root, (visit) => {
    const { value, depth } = visit;
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return null;
    if (depth >= maxDepth) return `is nested more than ${maxDepth} levels deep at "${pathText(keysTo(visit))}"`;
    if (Array.isArray(value)) return null;
    const forbidden = Object.keys(value).find((key) => FORBIDDEN_KEYS.has(key));
    if (forbidden === undefined) return null;
    const where = depth > 0 ? ` at "${pathText(keysTo(visit))}"` : '';
    return `contains the forbidden key "${forbidden}"${where}; the file may be malicious and was not loaded`;
  });
}

/** What a value that JSON cannot hold is ("a BigInt", "a Map"), for a message; null when JSON holds it as it is. */
function nonJsonKind(value: unknown, inList: boolean): string | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : 'a number that is not finite';
    case 'bigint':
      return 'a BigInt';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'undefined':
      // An object key holding nothing is simply left out of JSON; a list slot would turn into null.
      return inList ? 'an empty list slot' : null;
    case 'object': {
      if (value === null || Array.isArray(value)) return null;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Object.prototype || proto === null) return null;
      const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== ''
        ? `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`
        : 'an object of a class';
    }
  }
}

/**
 * Where a tree holds a value that JSON cannot (BigInt, function, symbol, non-finite number, a
 * hole in a list, a Date/Map/typed array or other class instance), and what it is; null when it
 * is plain JSON. Objects from IndexedDB skip JSON.parse, so they can hold any of these; saving
 * them later would fail or change them.
 */
export function findNonJson(root: unknown): { readonly path: PropertyKey[]; readonly what: string } | null {
  let found: { path: PropertyKey[]; what: string } | null = null;
  walk(root, (visit) => {
    const inList = Array.isArray(visit.parent?.value);
    // A hole in a sparse list reads as nothing, like a slot holding nothing: both are caught here.
    const what = nonJsonKind(visit.value, inList);
    if (!what) return null;
    found = { path: keysTo(visit), what };
    return what;
  });
  return found;
}
