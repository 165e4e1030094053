import { describe, expect, it } from 'vitest';
import { jsonDepthProblem, JsonDepthScan, MAX_BROWSER_JSON_BYTES, PRESCAN_MAX_DEPTH, readJsonBlob } from './json-prescan';
import { parseJsonSafely } from './project';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('JsonDepthScan', () => {
  it('lets nesting up to the limit through and refuses one level more, with the place', () => {
    expect(jsonDepthProblem(deep(PRESCAN_MAX_DEPTH))).toBeNull();
    expect(jsonDepthProblem(`{"a":${deep(PRESCAN_MAX_DEPTH)}}`)).toMatch(
      /^is nested more than 256 levels deep at "a\[0\]\[0\](\[0\])+…" \(character 260\); it was refused before parsing$/,
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const inString = JSON.stringify({ s: `${'['.repeat(1000)}\\"[[[`, t: '\\' });
    expect(jsonDepthProblem(inString, 2)).toBeNull();
    expect(jsonDepthProblem('["\\\\", [[]]]', 2)).toMatch(/more than 2 levels/);
  });

  it('keeps its state across chunks (a backslash at the end of one, the quote at the start of the next)', () => {
    const scan = new JsonDepthScan(3);
    const bytes = new TextEncoder().encode('{"s": ["a\\');
    expect(scan.push(bytes)).toBeNull();
    expect(scan.push(new TextEncoder().encode('"[[[[[[", "é"], "clé_'))).toBeNull();
    expect(scan.push(new TextEncoder().encode('ñ": [1, [[]]]}'))).toBe(
      'is nested more than 3 levels deep at "clé_ñ[1][0]" (byte 43); it was refused before parsing',
    );
  });
});

describe('parseJsonSafely', () => {
  it('refuses 50 MB of nesting before JSON.parse builds it', () => {
    const start = performance.now();
    expect(() => parseJsonSafely('['.repeat(50 * 1024 * 1024), 'big.json')).toThrow(
      /^big\.json is nested more than 256 levels deep at "(\[0\]){12}…" \(character 256\); it was refused before parsing$/,
    );
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('readJsonBlob (the browser reads JSON files through it)', () => {
  it('refuses a file over the cap without reading it, naming file, size and cap', async () => {
    const huge = { size: 200 * 1024 * 1024, stream: () => { throw new Error('read'); }, text: () => { throw new Error('read'); } } as unknown as Blob;
    await expect(readJsonBlob(huge, 'model.json')).rejects.toThrow(
      /^model\.json is 200\.0 MB; the limit for a JSON file is 64\.0 MB\./,
    );
    expect(MAX_BROWSER_JSON_BYTES).toBe(64 * 1024 * 1024);
  });

  it('refuses deep nesting while streaming, before the text is whole', async () => {
    const blob = new Blob(['['.repeat(60 * 1024 * 1024)]);
    await expect(readJsonBlob(blob, 'model.json')).rejects.toThrow(/^model\.json is nested more than 256 levels deep at "(\[0\]){12}…" \(byte 256\)/);
  });

  it('returns the text of a good file, multi-byte characters across chunks intact', async () => {
    const text = JSON.stringify({ name: 'naïve ✓'.repeat(100_000) });
    expect(await readJsonBlob(new Blob([text]), 'x.json')).toBe(text);
  });

});
