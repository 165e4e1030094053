import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentifierAllocator, pyCommentText, pyNumber, pyString, pyTuple, pyValue } from './py-literal';
import { findTestPython, type CommandRunner } from './python-env';

/** Names a user could type (or paste) that would break naive code generation. */
const NASTY = [
  'plain',
  "it's",
  'say "hi"',
  'both \' and "',
  'back\\slash',
  'ends with backslash\\',
  '\\n is not a newline',
  'line\nbreak',
  'carriage\rreturn',
  'tab\there',
  'nul\u0000byte',
  'bell\u0007 and del\u007f',
  "'''triple'''",
  '"""triple"""',
  '{braces} %s {0}',
  'ünïcödé naïve café',
  '日本語のレイヤー',
  'emoji 🧠🔥',
  'line\u2028separator\u2029',
  'lone \ud800 surrogate',
  '',
  "'); import os; os.system('echo pwned'); ('",
  '# not a comment',
];

describe('Python literals (no Python needed)', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(pyString("it's")).toBe("'it\\'s'");
    expect(pyString('a\\b')).toBe("'a\\\\b'");
    expect(pyString('a\nb\tc')).toBe("'a\\nb\\tc'");
    expect(pyString('\u0000')).toBe("'\\x00'");
    expect(pyString('é')).toBe("'\\xe9'");
    expect(pyString('日')).toBe("'\\u65e5'");
    expect(pyString('🧠')).toBe("'\\U0001f9e0'");
  });
  it('writes only printable ASCII', () => {
    for (const s of NASTY) {
      expect(pyString(s)).toMatch(/^[\x20-\x7e]*$/);
      expect(pyCommentText(s)).toMatch(/^[\x20-\x7e]*$/);
    }
  });
  it('writes numbers, tuples and nested values as Python', () => {
    expect(pyNumber(1, true)).toBe('1.0');
    expect(pyNumber(0.001, true)).toBe('0.001');
    expect(pyNumber(1e-7, true)).toBe('1e-7');
    expect(pyNumber(3)).toBe('3');
    expect(pyNumber(NaN)).toBe("float('nan')");
    expect(pyTuple(['1'])).toBe('(1,)');
    expect(pyValue([28, 28, null])).toBe('(28, 28, None)');
    expect(
      pyValue([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('((1, 2), (3, 4))');
    expect(pyValue({ a: true, b: false })).toBe("{'a': True, 'b': False}");
  });
  it('gives distinct valid identifiers whatever the names', () => {
    const ids = new IdentifierAllocator();
    const out = ['dense', 'dense', 'class', 'input', '1st layer', '', '__init__', 'keras', 'Dense-1'].map((n) =>
      ids.allocate(n),
    );
    expect(new Set(out).size).toBe(out.length);
    for (const id of out) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(out.slice(0, 4)).toEqual(['dense', 'dense_2', 'x_class', 'x_input']);
  });
});

describe('Python literals read back by Python', () => {
  let run: CommandRunner;
  let python: string;
  let dir: string;
  beforeAll(async () => {
    ({ run, python } = await findTestPython((m) => console.log(m)));
    dir = mkdtempSync(join(tmpdir(), 'layerloom-pyliteral-'));
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every string literal evaluates to exactly the original text, and comments stay comments', () => {
    const identifiers = new IdentifierAllocator();
    const lines = [
      'import json, keyword',
      'values = []',
      'names = []',
      ...NASTY.flatMap((s) => {
        const id = identifiers.allocate(s);
        return [`# ${pyCommentText(s)}`, `values.append(${pyString(s)})`, `${id} = 1`, `names.append(${pyString(id)})`];
      }),
      'bad = [n for n in names if not n.isidentifier() or keyword.iskeyword(n)]',
      'print(json.dumps({"values": values, "bad": bad}))',
    ];
    const file = join(dir, 'literals.py');
    writeFileSync(file, `${lines.join('\n')}\n`, 'ascii');
    const r = run(python, [file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { values: string[]; bad: string[] };
    expect(out.values).toEqual(NASTY);
    expect(out.bad).toEqual([]);
  });
});
