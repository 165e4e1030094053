/**
 * Test-only helpers for the `*.fuzz.test.ts` suites (issue 8): run settings, a per-case time
 * guard, the "every rejection is a clear message" check, and mutation arbitraries for text and
 * JSON. Nothing in the app imports this file; it lives in src/model only because the suites in
 * src/model and src/data share it, and src/model is the folder everyone may import.
 */
import fc from 'fast-check';

/** Generated cases per property: the issue asks for at least 1,000 per target. */
export const FUZZ_RUNS = 1000;
/** A case slower than this counts as a hang. */
export const CASE_LIMIT_MS = 2000;
/** Fixed, so CI is reproducible; FUZZ_SEED=<n> in the environment explores other cases. */
export const DEFAULT_FUZZ_SEED = 20_260_808;

export function fuzzSeed(fromEnv: string | undefined): number {
  const n = Number(fromEnv);
  return fromEnv && Number.isInteger(n) ? n : DEFAULT_FUZZ_SEED;
}

/**
 * Wall-clock budget of one property. A run of 1,000 cases takes 1–6 s on an idle 2-core machine;
 * the budget is far above that so a loaded CI machine still passes, and far below "never ends".
 */
export const PROPERTY_BUDGET_MS = 40_000;
/** Test timeout for a fuzz `it`: the budget plus room for shrinking a counterexample. */
export const FUZZ_TEST_TIMEOUT_MS = PROPERTY_BUDGET_MS + 15_000;

/**
 * fast-check settings: `FUZZ_RUNS` cases from a fixed seed (fast-check prints seed and path on
 * failure). `budgetMs` stops a property that runs far slower than expected, and counts that as a
 * failure, so a slow regression shows up as a red test instead of a CI job that never ends.
 */
export function fuzzParameters<T>(seed: number, budgetMs = PROPERTY_BUDGET_MS, numRuns = FUZZ_RUNS): fc.Parameters<T> {
  return { numRuns, seed, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: true };
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

function checkTime(started: number, what: string): void {
  const elapsed = performance.now() - started;
  if (elapsed > CASE_LIMIT_MS)
    throw new Error(`${what} took ${elapsed.toFixed(0)} ms; one case may take at most ${CASE_LIMIT_MS} ms`);
}

/** Runs one case, catching what it throws, and fails when it took longer than `CASE_LIMIT_MS`. */
export function outcomeOf<T>(what: string, run: () => T): Outcome<T> {
  const started = performance.now();
  let result: Outcome<T>;
  try {
    result = { ok: true, value: run() };
  } catch (error) {
    result = { ok: false, error };
  }
  checkTime(started, what);
  return result;
}

export async function outcomeOfAsync<T>(what: string, run: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  let result: Outcome<T>;
  try {
    result = { ok: true, value: await run() };
  } catch (error) {
    result = { ok: false, error };
  }
  checkTime(started, what);
  return result;
}

type ErrorClass = abstract new (...args: never[]) => Error;

function describeThrown(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}\n${err.stack ?? ''}`;
  return `a non-Error value (${typeof err}) ${String(err)}`;
}

/**
 * A rejection is only acceptable as the module's own error class with a message a person can
 * read: a TypeError or RangeError from deep inside is a crash, not a refusal. Words that usually
 * mean a value leaked into the sentence unformatted are refused too, unless the input had them;
 * `wording` removes phrases that use such a word on purpose (zod's "received undefined").
 */
export function expectMessagedRejection(err: unknown, expected: ErrorClass, input = '', wording?: RegExp): void {
  if (!(err instanceof expected)) throw new Error(`expected a ${expected.name}, got ${describeThrown(err)}`);
  expectReadable(err.message, input, wording);
}

/** Fragments that mean a value was printed unformatted: an object, a function, a missing value. */
const LEAKS = ['undefined', '[object Object]', 'NaN', '[native code]'];

/** A message for a person: not empty, and no leaked value the input did not itself contain. */
export function expectReadable(message: unknown, input = '', wording?: RegExp): void {
  if (typeof message !== 'string' || message.trim() === '') throw new Error(`empty message: ${String(message)}`);
  const checked = wording ? message.replace(wording, '') : message;
  for (const leak of LEAKS) {
    if (checked.includes(leak) && !input.includes(leak)) throw new Error(`message shows "${leak}": ${message}`);
  }
}

/** JSON text of a value for `expectMessagedRejection`'s input, or '' when it is too deep to print. */
export function jsonTextOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Text mutations: the ways a CSV gets damaged (edited by hand, cut off, re-encoded, concatenated).

export type TextEdit =
  | { readonly kind: 'delete' | 'duplicate' | 'swap'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'truncate'; readonly at: number };

/** Characters that matter to a CSV reader, and a few that should not (NUL, BOM, line separators). */
export const CSV_TOKENS = [
  ...['"', '""', ',', ';', '\t', '|', '\r', '\n', '\r\n', ' '],
  ...['\uFEFF', '\0', '\u2028', '\uFFFD', 'é', '😀'],
  ...['NA', '-', '.', 'e', '1e309', '0', '9'],
];

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CSV_TOKENS) },
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyTextEdit(text: string, edit: TextEdit): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  switch (edit.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'duplicate':
      return text.slice(0, at + edit.length) + text.slice(at, at + edit.length) + text.slice(at + edit.length);
    case 'swap': {
      // Swaps two slices of the text: rows or fields trade places, quotes move.
      const other = (at + edit.length * 7) % (text.length + 1);
      const [a, b] = at < other ? [at, other] : [other, at];
      if (b - a < 2) return text;
      return text.slice(0, a) + text.slice(b - 1, b) + text.slice(a + 1, b - 1) + text.slice(a, a + 1) + text.slice(b);
    }
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** Texts from `source`, damaged by up to `maxEdits` edits. */
export function damagedText(source: fc.Arbitrary<string>, maxEdits = 8): fc.Arbitrary<string> {
  return fc
    .tuple(source, fc.array(textEdit, { maxLength: maxEdits }))
    .map(([text, edits]) => edits.reduce(applyTextEdit, text));
}

/** One of `seeds`, damaged by up to `maxEdits` edits. */
export function mutatedText(seeds: readonly string[], maxEdits = 8): fc.Arbitrary<string> {
  return damagedText(fc.constantFrom(...seeds), maxEdits);
}

// ---------------------------------------------------------------------------------------------
// JSON mutations: structural damage to a parsed document, at random places.

export type JsonPath = readonly (string | number)[];

export type JsonEdit =
  | { readonly kind: 'delete' | 'duplicate'; readonly pick: number; readonly focused: boolean }
  | { readonly kind: 'replace'; readonly pick: number; readonly focused: boolean; readonly value: unknown }
  | { readonly kind: 'nest'; readonly pick: number; readonly focused: boolean; readonly depth: number }
  | {
      readonly kind: 'addKey';
      readonly pick: number;
      readonly focused: boolean;
      readonly key: string;
      readonly value: unknown;
    }
  | { readonly kind: 'copyString'; readonly pick: number; readonly focused: boolean; readonly from: number };

/** Keys that pollute prototypes or trip naive code. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];

/** Names every plain object answers to: as values they catch `table[name]` lookups on `{}` literals. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Values that break assumptions: huge, negative, fractional, non-finite spellings, wrong types. */
export const HOSTILE_VALUES: readonly unknown[] = [
  ...[1e12, -1, 0, -0, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 31, Number.MAX_SAFE_INTEGER],
  ...['NaN', 'Infinity', '-Infinity', '1e12', '', 'undefined', 'null'],
  ...[null, true, false, [], {}, [null], [-1, -1], [1e12, 1e12], [0.5], ['a'], { class_name: 'Dense' }],
];

export interface JsonEditOptions {
  /** Keys edits should favour (half land on or under one): where a format's meaning lives. */
  readonly focus?: (key: string | number) => boolean;
  /** More replacement values, e.g. class names of the format. */
  readonly values?: fc.Arbitrary<unknown>;
  readonly maxEdits?: number;
}

function jsonEdits(options: JsonEditOptions): fc.Arbitrary<JsonEdit[]> {
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
    { weight: 2, arbitrary: options.values ?? fc.constant(null) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const where = { pick: fc.nat(), focused: options.focus ? fc.boolean() : fc.constant(false) };
  const edit = fc.oneof(
    fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), ...where }),
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), ...where, value }) },
    fc.record({ kind: fc.constant('nest' as const), ...where, depth: fc.constantFrom(1, 3, 65, 300, 2000) }),
    fc.record({
      kind: fc.constant('addKey' as const),
      ...where,
      key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })),
      value,
    }),
    fc.record({ kind: fc.constant('copyString' as const), ...where, from: fc.nat() }),
  );
  return fc.array(edit, { minLength: 1, maxLength: options.maxEdits ?? 4 });
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

interface Place {
  readonly parent: Container;
  readonly key: string | number;
  /** Index of the place holding `parent`, -1 at the root: paths are rebuilt only for the places edited. */
  readonly up: number;
  readonly focused: boolean;
}

/** Every place in the tree; the root is not a place. Iterative: nesting edits make trees thousands deep. */
function places(root: unknown, focusKey: ((key: string | number) => boolean) | undefined): Place[] {
  const out: Place[] = [];
  const stack: { value: unknown; up: number; focused: boolean }[] = [{ value: root, up: -1, focused: false }];
  while (stack.length > 0) {
    const { value, up, focused } = stack.pop()!;
    if (!isContainer(value)) continue;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      const inFocus = focused || (focusKey?.(key) ?? false);
      out.push({ parent: value, key, up, focused: inFocus });
      stack.push({ value: (value as Record<string | number, unknown>)[key], up: out.length - 1, focused: inFocus });
    }
  }
  return out;
}

function pathOf(all: readonly Place[], index: number): JsonPath {
  const path: (string | number)[] = [];
  for (let i = index; i >= 0; i = all[i]!.up) path.unshift(all[i]!.key);
  return path;
}

function stringsIn(root: unknown): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (isContainer(v)) stack.push(...Object.values(v));
  }
  return out;
}

/** Sets an own property, as JSON.parse does, even for `__proto__`. */
function setOwn(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nested(value: unknown, depth: number): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { v };
  return v;
}

/** Applies one edit at one place; returns the paths it changed. */
function applyAt(root: unknown, place: Place, path: JsonPath, edit: JsonEdit): JsonPath[] {
  const { parent, key } = place;
  const current = (parent as Record<string | number, unknown>)[key];
  const sibling = (name: string | number): JsonPath => [...path.slice(0, -1), name];
  switch (edit.kind) {
    // In a list, deleting or inserting shifts the items after it: the list itself is what changed.
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return [Array.isArray(parent) ? path.slice(0, -1) : path];
    case 'duplicate':
      // Shared, not cloned: readers only read, and a clone of a deeply nested value overflows the stack.
      if (Array.isArray(parent)) parent.splice(key as number, 0, current);
      else setOwn(parent, `${key}_copy`, current);
      return Array.isArray(parent) ? [path.slice(0, -1)] : [path, sibling(`${key}_copy`)];
    case 'replace':
      setOwn(parent, key, structuredClone(edit.value));
      return [path];
    case 'nest':
      setOwn(parent, key, nested(current, edit.depth));
      return [path];
    case 'addKey':
      if (isContainer(current) && !Array.isArray(current)) {
        setOwn(current, edit.key, structuredClone(edit.value));
        return [[...path, edit.key]];
      }
      if (Array.isArray(parent)) return [];
      setOwn(parent, edit.key, structuredClone(edit.value));
      return [sibling(edit.key)];
    case 'copyString': {
      // Another string of the same document: names land in references (inbound cycles, self-loops).
      const strings = stringsIn(root);
      if (strings.length > 0) setOwn(parent, key, strings[edit.from % strings.length]);
      return [path];
    }
  }
}

/** Applies the edits to a copy of `doc`; returns the copy and the paths that were edited. */
export function applyJsonEdits(
  doc: unknown,
  edits: readonly JsonEdit[],
  focus?: (key: string | number) => boolean,
): { doc: unknown; edited: JsonPath[] } {
  const copy = structuredClone(doc);
  const edited: JsonPath[] = [];
  for (const edit of edits) {
    const all = places(copy, focus);
    const focused = edit.focused ? all.flatMap((p, i) => (p.focused ? [i] : [])) : [];
    const index = focused.length > 0 ? focused[edit.pick % focused.length]! : edit.pick % Math.max(1, all.length);
    const place = all[index];
    if (!place) continue;
    const path = pathOf(all, index);
    try {
      edited.push(...applyAt(copy, place, path, edit));
    } catch {
      // Typed arrays and other exotic stored values refuse some edits; the case goes on without it.
    }
  }
  return { doc: copy, edited };
}

/** A damaged document, printed in failure reports as its recipe: the document may be too deep to print. */
export interface MutatedJson {
  readonly doc: unknown;
  readonly edited: JsonPath[];
  readonly seed: number;
}

/** One of `seeds`, structurally damaged; also gives the edited paths so a test can check messages name them. */
export function mutatedJson(seeds: readonly unknown[], options: JsonEditOptions = {}): fc.Arbitrary<MutatedJson> {
  return fc.tuple(fc.nat({ max: seeds.length - 1 }), jsonEdits(options)).map(([seed, edits]) => ({
    ...applyJsonEdits(seeds[seed], edits, options.focus),
    seed,
    [fc.toStringMethod]: () => `applyJsonEdits(seeds[${seed}], ${jsonTextOf(edits)})`,
  }));
}

/** A copy of `doc` with `key` set (as an own property) on its `pick`-th object, the root counted; and where. */
export function insertKey(doc: unknown, pick: number, key: string, value: unknown): { doc: unknown; at: JsonPath } {
  const copy = structuredClone(doc);
  const all = places(copy, undefined);
  const objects = [
    -1,
    ...all.flatMap((p, i) =>
      isContainer(p.parent[p.key as never]) && !Array.isArray(p.parent[p.key as never]) ? [i] : [],
    ),
  ];
  const index = objects[pick % objects.length]!;
  const target = index < 0 ? copy : (all[index]!.parent as Record<string | number, unknown>)[all[index]!.key];
  if (isContainer(target)) setOwn(target, key, value);
  return { doc: copy, at: index < 0 ? [] : pathOf(all, index) };
}
