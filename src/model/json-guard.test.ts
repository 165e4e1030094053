import { describe, expect, it } from 'vitest';
import { findNonJson, findUnsafeJson, MAX_JSON_DEPTH } from './json-guard';

const nested = (depth: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { v };
  return v;
};

describe('findUnsafeJson', () => {
  it('passes plain JSON up to the depth limit and refuses one level more, naming where', () => {
    expect(findUnsafeJson(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(findUnsafeJson({ a: nested(MAX_JSON_DEPTH) })).toMatch(
      /^is nested more than 64 levels deep at "a(\.v|\[0\])+"$/,
    );
  });

  it('walks a 100,000-deep value without overflowing the stack', () => {
    expect(findUnsafeJson(nested(100_000))).toMatch(/nested more than 64 levels/);
  });

  it('names a forbidden key and where it is', () => {
    const doc = JSON.parse('{"a":[{"b":{"constructor":1}}]}') as unknown;
    expect(findUnsafeJson(doc)).toBe(
      'contains the forbidden key "constructor" at "a[0].b"; the file may be malicious and was not loaded',
    );
    expect(findUnsafeJson(JSON.parse('{"__proto__":{}}'))).toMatch(/^contains the forbidden key "__proto__";/);
  });
});

describe('findNonJson', () => {
  it('accepts what JSON.parse can give, null-prototype objects and keys holding nothing', () => {
    const plain = JSON.parse('{"a":[1,"x",true,null,{"b":[]}],"c":-2.5}') as unknown;
    expect(findNonJson(plain)).toBeNull();
    expect(findNonJson(Object.assign(Object.create(null) as object, { a: 1 }))).toBeNull();
    expect(findNonJson({ a: undefined })).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['a BigInt', 1n, 'a BigInt'],
    ['a function', () => 1, 'a function'],
    ['a symbol', Symbol('s'), 'a symbol'],
    ['NaN', Number.NaN, 'a number that is not finite'],
    ['-Infinity', -Infinity, 'a number that is not finite'],
    ['a Date', new Date(0), 'a Date'],
    ['a Map', new Map(), 'a Map'],
    ['a typed array', new Int8Array(2), 'an Int8Array'],
    ['a boxed number', Object(1) as unknown, 'a Number'],
  ])('names %s and its place', (_, value, what) => {
    expect(findNonJson({ outer: [0, { inner: value }] })).toEqual({ path: ['outer', 1, 'inner'], what });
  });

  it('names holes and nothing-values in lists', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is what is tested
    expect(findNonJson({ list: [1, , 3] })).toEqual({ path: ['list', 1], what: 'an empty list slot' });
    expect(findNonJson([undefined])).toEqual({ path: [0], what: 'an empty list slot' });
  });
});
