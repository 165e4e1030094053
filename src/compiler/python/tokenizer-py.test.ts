import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenizerPy } from './tokenizer-py';
import { fitTokenizer } from '../../data/text/fit';
import { decodeIds, encodeText } from '../../data/text/tokenize.js';
import type { TokenizerState } from '../../data/text/tokenizer-state';
import { mulberry32 } from '../../data/random';

/**
 * tokenizer.py against tokenize.js, id for id, on 1,000 seeded strings mixing scripts, accents
 * (composed and decomposed), combining marks, CJK, emoji (with ZWJ and skin tones), RTL text,
 * case pairs the two languages could lower-case differently, whitespace runs and empty strings.
 * Characters are from Unicode 14 or older: Debian's Python 3.11 knows no later version.
 */
const PYTHON = [process.env.PYTHON, '/usr/bin/python3', 'python3'].find(
  (p) => p !== undefined && p !== '' && spawnSync(p, ['--version']).status === 0,
);
if (!PYTHON) console.warn('tokenizer-py.test: no Python 3 found (set PYTHON); the Python/JS agreement test is skipped');

const PIECES = [
  'the',
  'The',
  'CAT',
  'sat',
  'on',
  'mat',
  "don't",
  'cat’s',
  'naïve',
  'nai\u0308ve',
  'café',
  'cafe\u0301',
  'Ångström',
  'A\u030a',
  'déjà',
  'Straße',
  'STRASSE',
  'İstanbul',
  'ıi',
  'ΟΔΟΣ',
  'σοφός',
  'Ǆ',
  'ǅ',
  'ﬁ',
  'Ω',
  'K',
  'Ⅻ',
  '東京',
  '大きい',
  '漢字',
  'カタカナ',
  '한국어',
  '🙂',
  '👍🏽',
  '👨‍👩‍👧',
  '🇫🇷',
  '❤️',
  'مرحبا',
  'שָׁלוֹם',
  'עברית',
  '\u200f',
  '\u200d',
  '1,234.5',
  '42',
  '٣',
  '!',
  '?',
  '—',
  '…',
  '"',
  '(x)',
  '#tag',
  '@me',
  'e\u0301\u0301',
  'q\u0323\u0307',
  'ḍ̇',
  '\u0301',
];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '   \t  ', ''];

function randomStrings(n: number, seed: number): string[] {
  const rng = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) {
      out.push(i % 100 === 0 ? '' : pick(SPACES));
      continue;
    }
    const words = Math.floor(rng() * 12);
    let s = '';
    for (let w = 0; w < words; w++) s += pick(PIECES) + pick(SPACES);
    out.push(s);
  }
  return out;
}

describe.skipIf(!PYTHON)('tokenizer.py', () => {
  const work = mkdtempSync(join(tmpdir(), 'tokenizer-py-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const strings = randomStrings(1000, 7);
  const train = strings.slice(0, 600);
  const states: Record<string, TokenizerState> = {
    char: fitTokenizer(train, { kind: 'char' }),
    charLower: fitTokenizer(train, { kind: 'char', lowercase: true, vocabSize: 60 }),
    wordSplit: fitTokenizer(train, { kind: 'word' }),
    wordStrip: fitTokenizer(train, { kind: 'word', punctuation: 'strip', lowercase: false, vocabSize: 40 }),
    bpe: fitTokenizer(train, { kind: 'bpe', vocabSize: 300 }),
    bpeLower: fitTokenizer(train, { kind: 'bpe', lowercase: true, vocabSize: 120 }),
  };

  function runPython(script: string, input: unknown): unknown {
    writeFileSync(join(work, 'tokenizer.py'), tokenizerPy());
    writeFileSync(join(work, 'input.json'), JSON.stringify(input));
    const r = spawnSync(PYTHON!, ['-c', script], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout);
  }

  it('gives the same ids as tokenize.js on 1,000 strings, for every kind of tokenizer', () => {
    const script = [
      'import json, sys, tokenizer',
      'data = json.load(open("input.json", encoding="utf-8"))',
      'out = {}',
      'for name, state in data["states"].items():',
      '    t = tokenizer.Tokenizer(state)',
      '    out[name] = [t.encode(s) for s in data["strings"]]',
      'print(json.dumps(out))',
    ].join('\n');
    const python = runPython(script, { states, strings }) as Record<string, number[][]>;
    let unknown = 0;
    for (const [name, state] of Object.entries(states)) {
      const js = strings.map((s) => encodeText(state, s));
      for (const ids of js) unknown += ids.filter((id) => id === 1).length;
      expect(python[name]!.length).toBe(strings.length);
      for (let i = 0; i < strings.length; i++) {
        if (JSON.stringify(python[name]![i]) !== JSON.stringify(js[i])) {
          expect({ tokenizer: name, text: strings[i], ids: python[name]![i] }).toEqual({
            tokenizer: name,
            text: strings[i],
            ids: js[i],
          });
        }
      }
    }
    // The capped vocabularies make unknown tokens, so [UNK] is compared too.
    expect(unknown).toBeGreaterThan(0);
  });

  it('decodes and pads as tokenize.js does', () => {
    const state = states.bpe!;
    const sample = strings.slice(600, 650).map((s) => encodeText(state, s));
    const script = [
      'import json, tokenizer',
      'data = json.load(open("input.json", encoding="utf-8"))',
      'print(json.dumps({"text": [tokenizer.decode(data["state"], ids) for ids in data["ids"]],',
      '  "start": tokenizer.to_sequence([1, 2, 3, 4], 2, "start"), "end": tokenizer.to_sequence([1, 2, 3, 4], 2, "end"),',
      '  "pad": tokenizer.to_sequence([7], 3, "end")}))',
    ].join('\n');
    const out = runPython(script, { state, ids: sample }) as {
      text: string[];
      start: number[];
      end: number[];
      pad: number[];
    };
    expect(out.text).toEqual(sample.map((ids) => decodeIds(state, ids)));
    expect([out.start, out.end, out.pad]).toEqual([
      [3, 4],
      [1, 2],
      [7, 0, 0],
    ]);
  });
});
