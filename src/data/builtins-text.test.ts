import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  BuiltinDatasetError,
  builtinCsvText,
  listBuiltins,
  loadImageBuiltin,
  loadTextBuiltin,
  parseBuiltinIndex,
  type ReadBuiltinFile,
  type TextBuiltinInfo,
} from './builtins';

const DIR = join(__dirname, '..', '..', 'public', 'datasets');
const readPublic: ReadBuiltinFile = async (name) => new Uint8Array(await readFile(join(DIR, name)));
const readWith =
  (overrides: Record<string, Uint8Array | string>): ReadBuiltinFile =>
  async (name) => {
    const o = overrides[name];
    if (o === undefined) return readPublic(name);
    return typeof o === 'string' ? new TextEncoder().encode(o) : o;
  };

type Row = { text: string; label: string; split: string };

async function csvRows(id: string) {
  const { info, text } = await loadTextBuiltin(id, readPublic);
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([info.textColumn, info.labelColumn, info.splitColumn]);
  return { info, rows: parsed.data };
}

/** Per class: rows in train, validation, test. */
function splitCounts(info: TextBuiltinInfo, rows: readonly Row[]) {
  return info.classes.map((c) =>
    ['train', 'validation', 'test'].map((s) => rows.filter((r) => r.label === c && r.split === s).length),
  );
}

function expectAnchor(info: TextBuiltinInfo, chance: number) {
  expect(info.anchor?.model).toMatch(/TF-IDF \+ logistic regression \(scikit-learn \d/);
  for (const score of [info.anchor!.validationAccuracy, info.anchor!.testAccuracy]) {
    expect(score).toBeGreaterThan(chance);
    expect(score).toBeLessThanOrEqual(1);
  }
}

describe('text built-ins', () => {
  it('austen-novels: 1,000 passages of 40-100 words per novel, split 800/100/100, with an anchor', async () => {
    const { info, rows } = await csvRows('austen-novels');
    expect([info.kind, info.task, info.files]).toEqual(['text', 'multiclass', ['austen-novels.csv.gz']]);
    expect(rows).toHaveLength(info.rows);
    expect(info.classes).toHaveLength(6);
    expect(info.classCounts).toEqual(info.classes.map((c) => rows.filter((r) => r.label === c).length));
    expect(splitCounts(info, rows)).toEqual(new Array(6).fill([800, 100, 100]));
    for (const { text } of rows) {
      const words = text.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(40);
      expect(words).toBeLessThanOrEqual(100);
    }
    expect(rows.some((r) => /[_\n]|CHAPTER/.test(r.text))).toBe(false);
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
    expectAnchor(info, 1 / 6);
  });

  it('word-language: 3,000 lower-case words per language, none in two languages, split 2,400/300/300', async () => {
    const { info, rows } = await csvRows('word-language');
    expect(info.classes).toEqual(['English', 'French', 'German', 'Italian', 'Spanish', 'Portuguese', 'Dutch']);
    expect(info.classCounts).toEqual(new Array(7).fill(3000));
    expect(splitCounts(info, rows)).toEqual(new Array(7).fill([2400, 300, 300]));
    // Single words need subwords: with whole words every test word would be unknown.
    expect(info.tokenizer).toEqual({ kind: 'bpe', vocabSize: 4000, seqLen: 16 });
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
    for (const { text } of rows) {
      expect(text).toBe(text.toLowerCase());
      expect(text).not.toMatch(/'s$|\d|\s/);
    }
    expectAnchor(info, 1 / 7);
  });

  it('austen-text: the corpus, its vocabulary and a contiguous 90/5/5 split cut at paragraphs', async () => {
    const { info, text } = await loadTextBuiltin('austen-text', readPublic);
    const corpus = info.corpus!;
    expect([info.task, info.anchor, info.classes, info.textColumn]).toEqual(['next-token', null, [], null]);
    expect(text.length).toBe(corpus.characters);
    expect(corpus.vocabulary).toBe([...new Set(text)].sort().join(''));
    expect(/\r|_|\n\n\n/.test(text)).toBe(false);
    expect(text.startsWith('PRIDE AND PREJUDICE\n')).toBe(true);
    const { train, validation, test } = corpus.splits;
    expect(train.count / corpus.characters).toBeCloseTo(0.9, 2);
    for (const { start } of [validation, test]) expect(text.slice(start - 2, start)).toBe('\n\n');
    expect(test.start + test.count).toBe(text.length);
  });

  it('accepts a corpus that the server already un-gzipped (Content-Encoding: gzip)', async () => {
    const inflated = gunzipSync(readFileSync(join(DIR, 'austen-text.txt.gz')));
    const served = await loadTextBuiltin('austen-text', readWith({ 'austen-text.txt.gz': inflated }));
    expect(served.text).toBe((await loadTextBuiltin('austen-text', readPublic)).text);
  });
});

describe('text built-ins: clear errors', () => {
  const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8'));
  const at = (id: string) => index.datasets.findIndex((d: { id: string }) => d.id === id);
  const novels = at('austen-novels');
  const corpus = at('austen-text');
  /** index.json with one field of one entry replaced (undefined removes it). */
  const edited = (i: number, field: string, value: unknown) => {
    const copy = structuredClone(index);
    if (value === undefined) delete copy.datasets[i][field];
    else copy.datasets[i][field] = value;
    return JSON.stringify(copy);
  };

  it('points at the field of a text entry that is wrong', () => {
    const anchor = index.datasets[novels].anchor;
    const n = `dataset ${novels + 1}`;
    expect(() => parseBuiltinIndex(edited(novels, 'anchor', { ...anchor, testAccuracy: 1.5 }))).toThrow(
      `${n}: "anchor.testAccuracy" should be a number in (0, 1]`,
    );
    expect(() => parseBuiltinIndex(edited(novels, 'anchor', { ...anchor, validationAccuracy: 0 }))).toThrow(
      `"anchor.validationAccuracy" should be a number in (0, 1]`,
    );
    expect(() => parseBuiltinIndex(edited(novels, 'anchor', { ...anchor, model: undefined }))).toThrow(
      '"anchor.model" should be text',
    );
    expect(() => parseBuiltinIndex(edited(novels, 'anchor', undefined))).toThrow(
      `${n}: "anchor" should be an object or null`,
    );
    expect(() => parseBuiltinIndex(edited(novels, 'textColumn', null))).toThrow(
      `${n}: "textColumn" and "labelColumn" should name the CSV's columns`,
    );
    expect(() => parseBuiltinIndex(edited(novels, 'splitColumn', 3))).toThrow('"splitColumn" should be text or null');
    expect(() => parseBuiltinIndex(edited(novels, 'tokenizer', { kind: 'sentencepiece' }))).toThrow(
      '"tokenizer.kind" should be char, word or bpe',
    );
    expect(() => parseBuiltinIndex(edited(novels, 'tokenizer', { kind: 'bpe', vocabSize: 0 }))).toThrow(
      '"tokenizer.vocabSize" should be a whole number above 0',
    );
    expect(() => parseBuiltinIndex(edited(novels, 'tokenizer', 'bpe'))).toThrow(
      '"tokenizer" should be an object or null',
    );
    expect(parseBuiltinIndex(edited(novels, 'tokenizer', undefined))[novels]).toMatchObject({ tokenizer: null });
    expect(() => parseBuiltinIndex(edited(novels, 'task', 'regression'))).toThrow(
      '"task" should be binary or multiclass or next-token',
    );
    expect(() => parseBuiltinIndex(edited(novels, 'corpus', index.datasets[corpus].corpus))).toThrow(
      '"corpus" belongs to next-token entries only',
    );
    expect(() => parseBuiltinIndex(edited(at('digits'), 'task', 'next-token'))).toThrow(
      /dataset 7: "task" should be binary or multiclass\. Rebuild/,
    );
    expect(() => parseBuiltinIndex(edited(novels, 'kind', 'audio'))).toThrow('"kind" should be tabular, image or text');
  });

  it('checks a corpus entry against its rows and its ranges against each other', () => {
    const facts = index.datasets[corpus].corpus;
    const n = `dataset ${corpus + 1}`;
    const withCorpus = (c: unknown) => edited(corpus, 'corpus', c);
    expect(() => parseBuiltinIndex(edited(corpus, 'corpus', undefined))).toThrow(`${n}: "corpus" should be an object`);
    expect(() => parseBuiltinIndex(edited(corpus, 'rows', 5))).toThrow(
      `"corpus.characters" (${facts.characters}) should equal "rows" (5)`,
    );
    const shifted = structuredClone(facts);
    shifted.splits.validation.start += 1;
    expect(() => parseBuiltinIndex(withCorpus(shifted))).toThrow(
      `"corpus.splits.validation" should start at ${facts.splits.train.count}, where the previous range ends`,
    );
    const short = structuredClone(facts);
    short.splits.test.count -= 1;
    expect(() => parseBuiltinIndex(withCorpus(short))).toThrow(
      `"corpus.splits" should end at the corpus's ${facts.characters} characters, not ${facts.characters - 1}`,
    );
    expect(() => parseBuiltinIndex(withCorpus({ ...facts, splits: { ...facts.splits, test: null } }))).toThrow(
      '"corpus.splits.test" should be {"start": count, "count": count}',
    );
    expect(() => parseBuiltinIndex(withCorpus({ ...facts, vocabulary: '' }))).toThrow(
      '"corpus.vocabulary" should list',
    );
    expect(() => parseBuiltinIndex(edited(corpus, 'classes', ['a']))).toThrow(/"classCounts" should have one count/);
    const classes = JSON.parse(edited(corpus, 'classes', ['a']));
    classes.datasets[corpus].classCounts = [0];
    expect(() => parseBuiltinIndex(JSON.stringify(classes))).toThrow(
      '"classes" should be empty for a next-token corpus',
    );
    expect(() => parseBuiltinIndex(edited(corpus, 'files', ['a.txt', 'b.txt']))).toThrow(
      '"files" should name exactly one file',
    );
  });

  it('names a file that disagrees with the index or is not gzip', async () => {
    const text = gunzipSync(readFileSync(join(DIR, 'austen-text.txt.gz')));
    await expect(
      loadTextBuiltin('austen-text', readWith({ 'austen-text.txt.gz': text.subarray(0, 1000) })),
    ).rejects.toThrow(/"austen-text\.txt\.gz" holds 1000 characters, but index\.json says \d+\. Rebuild/);
    await expect(
      loadTextBuiltin('word-language', readWith({ 'word-language.csv': 'word,label,split\nhallo,Dutch,train\n' })),
    ).rejects.toThrow('"word-language.csv" has no column "text" in its header');
    const broken = loadTextBuiltin(
      'austen-novels',
      readWith({ 'austen-novels.csv.gz': new Uint8Array([0x1f, 0x8b, 9]) }),
    );
    await expect(broken).rejects.toThrow(BuiltinDatasetError);
    await expect(broken).rejects.toThrow('"austen-novels.csv.gz" is not a readable gzip file');
  });

  it('sends each kind to its own loader', async () => {
    await expect(loadTextBuiltin('iris', readPublic)).rejects.toThrow(/holds a table, not text: .*builtinCsvText/);
    await expect(builtinCsvText('word-language', readPublic)).rejects.toThrow(
      /"word-language" holds text, not a table: load it with loadTextBuiltin/,
    );
    await expect(loadImageBuiltin('austen-text', readPublic)).rejects.toThrow(/holds text, not images/);
    const listed = await listBuiltins(readPublic);
    expect(listed.filter((d) => d.kind === 'text').map((d) => d.id)).toEqual([
      'austen-novels',
      'word-language',
      'austen-text',
    ]);
  });
});
