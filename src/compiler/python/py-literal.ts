/**
 * Python source literals for values that come from users (layer names, model names) or from
 * layer configs. Everything written here is plain ASCII, so a generated file never depends on
 * the encoding it is saved or read with, and no name can end a string, a comment or a line.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** One code point as it may stand inside a single-quoted Python string. */
function escapeCodePoint(ch: string): string {
  const simple = SIMPLE_ESCAPES[ch];
  if (simple) return simple;
  const code = ch.codePointAt(0) as number;
  if (code >= 0x20 && code < 0x7f) return ch;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

/**
 * A single-quoted Python `str` literal equal to `text`. Iterating a JS string yields code
 * points, with an unpaired surrogate as its own item, which Python's `\uXXXX` also accepts.
 */
export function pyString(text: string): string {
  let out = "'";
  for (const ch of text) out += escapeCodePoint(ch);
  return `${out}'`;
}

/** Text for a `#` comment: one line, ASCII, so it can neither end early nor run on into code. */
export function pyCommentText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    out += code >= 0x20 && code < 0x7f ? ch : escapeCodePoint(ch);
  }
  return out;
}

/**
 * A Python number. `asFloat` writes whole numbers with a `.0` where Keras documents a float
 * (alpha=1.0), which also keeps the value a float if someone does integer arithmetic on it.
 */
export function pyNumber(n: number, asFloat = false): string {
  if (Number.isNaN(n)) return "float('nan')";
  if (n === Infinity) return "float('inf')";
  if (n === -Infinity) return "-float('inf')";
  const text = Object.is(n, -0) ? '-0' : String(n);
  if (asFloat && /^-?\d+$/.test(text)) return `${text}.0`;
  return text;
}

/** A Python tuple; one element needs its trailing comma. */
export function pyTuple(items: readonly string[]): string {
  if (items.length === 1) return `(${items[0]},)`;
  return `(${items.join(', ')})`;
}

/**
 * Plain data → a Python literal: null → None, booleans → True/False, arrays → tuples (Keras
 * takes tuples for shapes, kernel sizes and strides), objects → dicts with string keys.
 */
export function pyValue(value: unknown, asFloat = false): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value, asFloat);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return pyTuple(value.map((v) => pyValue(v, asFloat)));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${pyString(k)}: ${pyValue(v, asFloat)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  throw new TypeError(`Cannot write a ${typeof value} as a Python literal`);
}

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type'.split(
    ' ',
  ),
);

/**
 * Names a generated file already uses (modules, functions, builtins it calls), which a variable
 * made from a layer name must not shadow.
 */
const TAKEN_IN_GENERATED_CODE = new Set([
  'keras',
  'build_model',
  'model',
  'inputs',
  'outputs',
  'input',
  'print',
  'len',
  'list',
  'tuple',
  'dict',
  'str',
  'float',
  'int',
  'object',
  'MODEL_NAME',
  'tfjs_hard_sigmoid',
  'unsupported_layer',
]);

/** Hands out distinct, valid, readable Python identifiers for arbitrary names. */
export class IdentifierAllocator {
  private readonly used = new Set<string>();

  allocate(name: string): string {
    // Leading underscores would make dunder or "private" names; runs of odd characters become one '_'.
    let base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
    if (base === '') base = 'layer';
    if (/^\d/.test(base) || PY_KEYWORDS.has(base) || TAKEN_IN_GENERATED_CODE.has(base) || base.startsWith('__')) {
      base = `x_${base}`;
    }
    let candidate = base;
    for (let i = 2; this.used.has(candidate); i++) candidate = `${base}_${i}`;
    this.used.add(candidate);
    return candidate;
  }
}
