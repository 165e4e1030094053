import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BuiltinDatasetError,
  builtinCsvText,
  fetchBuiltinFile,
  ImageArchiveError,
  listBuiltins,
  loadImageBuiltin,
  parseBuiltinIndex,
  type ReadBuiltinFile,
} from './builtins';
import { DataError } from './errors';
import type { PreparedDataset, Split } from './types';

const DIR = join(__dirname, '..', '..', 'public', 'datasets');
const readPublic: ReadBuiltinFile = async (name) => new Uint8Array(await readFile(join(DIR, name)));

/** A readFile over public/datasets where some files are replaced. */
function readWith(overrides: Record<string, Uint8Array | string>): ReadBuiltinFile {
  return async (name) => {
    const o = overrides[name];
    if (o === undefined) return readPublic(name);
    return typeof o === 'string' ? new TextEncoder().encode(o) : o;
  };
}

const classCounts = (y: ArrayLike<number>, k: number) => {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]!]! += 1;
  return counts;
};

/** What the issue documents for each dataset (rows, classes), checked against the shipped files. */
const TABULAR = [
  { id: 'iris', rows: 150, classes: 3, label: 'species', features: 4 },
  { id: 'wine', rows: 178, classes: 3, label: 'class', features: 13 },
  { id: 'breast-cancer', rows: 569, classes: 2, label: 'diagnosis', features: 30 },
  { id: 'penguins', rows: 344, classes: 3, label: 'species', features: 6 },
  { id: 'seattle-weather', rows: 1461, classes: 5, label: 'weather', features: 4 },
];

describe('public/datasets and index.json', () => {
  it('lists the twelve built-ins, each with files that exist and the recorded sizes', async () => {
    const all = await listBuiltins(readPublic);
    expect(all.map((d) => d.id)).toEqual([
      ...TABULAR.map((t) => t.id),
      'seattle-weather-windows',
      'digits',
      'fashion-mnist',
      'austen-novels',
      'word-language',
      'austen-text',
      'movie-ratings',
    ]);
    for (const d of all) {
      const sizes = d.files.map((f) => statSync(join(DIR, f)).size);
      expect(
        sizes.reduce((a, b) => a + b, 0),
        d.id,
      ).toBe(d.bytes);
      expect(
        d.classCounts.reduce((a, b) => a + b, 0),
        d.id,
      ).toBe(d.task === 'regression' || d.task === 'next-token' ? 0 : d.rows);
      expect(d.license.name.length, d.id).toBeGreaterThan(0);
    }
    const licences = readFileSync(join(DIR, 'LICENSES.md'), 'utf8');
    for (const d of all) expect(licences).toContain(`(\`${d.id}\`)`);
  });

  // Fashion-MNIST is 5.2 MB of it; the text sets add 1.9 MB (the two large ones gzip'd).
  it('keeps public/datasets under 8 MiB in all', () => {
    const total = readdirSync(DIR).reduce((sum, f) => sum + statSync(join(DIR, f)).size, 0);
    console.info(`public/datasets: ${total} bytes (${(total / 2 ** 20).toFixed(2)} MiB)`);
    expect(total).toBeLessThan(8 * 2 ** 20);
  });

  it.each(TABULAR)(
    '$id: $rows rows, $classes classes, label column $label',
    async ({ id, rows, classes, label, features }) => {
      const csv = await builtinCsvText(id, readPublic);
      expect(csv.labelColumn).toBe(label);
      const parsed = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data).toHaveLength(rows);
      expect(parsed.meta.fields).toContain(label);
      expect(csv.info.featureColumns).toHaveLength(features);
      const labels = parsed.data.map((r) => r[label]);
      expect(new Set(labels).size).toBe(classes);
      expect(csv.info.classCounts).toEqual(csv.info.classes.map((c) => labels.filter((l) => l === c).length));
      const missing = parsed.data.reduce((n, r) => n + Object.values(r).filter((v) => v === '').length, 0);
      expect(missing).toBe(csv.info.missingCells);
    },
  );

  it('penguins has some missing values (and no "." placeholders); seattle-weather suggests ignoring the date', async () => {
    const penguins = await builtinCsvText('penguins', readPublic);
    expect(penguins.info.missingCells).toBeGreaterThan(0);
    expect(penguins.text).not.toMatch(/,\.(,|\n)/);
    const weather = await builtinCsvText('seattle-weather', readPublic);
    expect(weather.ignoreColumns).toEqual(['date']);
  });

  it.each([
    { id: 'digits', count: 1797, side: 8, max: 16 },
    { id: 'fashion-mnist', count: 12000, side: 28, max: 255 },
  ])('$id: $count images of $side×$side, 10 classes, bytes match the manifest hashes', ({ id, count, side, max }) => {
    const manifest = JSON.parse(readFileSync(join(DIR, `${id}.json`), 'utf8'));
    expect([manifest.count, manifest.width, manifest.height, manifest.channels]).toEqual([count, side, side, 1]);
    expect(manifest.classNames).toHaveLength(10);
    const pixels = gunzipSync(readFileSync(join(DIR, manifest.images)));
    const labels = readFileSync(join(DIR, manifest.labels));
    expect(pixels.length).toBe(count * side * side);
    expect(labels.length).toBe(count);
    expect(Math.max(...labels)).toBe(9);
    expect(pixels.reduce((m, p) => Math.max(m, p), 0)).toBe(max);
    expect(createHash('sha256').update(pixels).digest('hex')).toBe(manifest.sha256.images);
    expect(createHash('sha256').update(labels).digest('hex')).toBe(manifest.sha256.labels);
  });

  it('fashion-mnist ships 10,000 train and 2,000 test images, 1,000 and 200 per class', () => {
    const manifest = JSON.parse(readFileSync(join(DIR, 'fashion-mnist.json'), 'utf8'));
    expect(manifest.splits).toEqual({ train: { start: 0, count: 10000 }, test: { start: 10000, count: 2000 } });
    const labels = readFileSync(join(DIR, manifest.labels));
    expect(classCounts(labels.subarray(0, 10000), 10)).toEqual(new Array(10).fill(1000));
    expect(classCounts(labels.subarray(10000), 10)).toEqual(new Array(10).fill(200));
  });
});

function expectSplitShape(split: Split, perImage: number) {
  expect(split.x.length).toBe(split.n * perImage);
  expect(split.y.length).toBe(split.n);
  let min = Infinity;
  let max = -Infinity;
  for (const v of split.x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  expect(min).toBeGreaterThanOrEqual(0);
  expect(max).toBeLessThanOrEqual(1);
}

/** Each split's count of every class is within 1 of its share of that class. */
function expectStratified(parts: { split: Split; fraction: number }[], totals: number[]) {
  for (const { split, fraction } of parts) {
    const counts = classCounts(split.y, totals.length);
    counts.forEach((c, k) => expect(Math.abs(c - totals[k]! * fraction)).toBeLessThanOrEqual(1));
  }
}

const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

describe('loadImageBuiltin', () => {
  it('digits: x in [0, 1] over 8×8×1, a stratified 70/15/15 split of all 1,797 images', async () => {
    const ds = await loadImageBuiltin('digits', readPublic, { seed: 7 });
    expect(ds.inputShape).toEqual([8, 8, 1]);
    expect(ds.transform).toMatchObject({ kind: 'image', width: 8, height: 8, channels: 1, scale: '0-1' });
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect([ds.kind, ds.task]).toEqual(['image', 'multiclass']);
    for (const split of [ds.train, ds.validation, ds.test]) expectSplitShape(split, 64);
    expect(ds.train.n + ds.validation.n + ds.test.n).toBe(1797);
    const labels = readFileSync(join(DIR, 'digits-labels.u8'));
    const totals = classCounts(labels, 10);
    expectStratified(
      [
        { split: ds.train, fraction: 0.7 },
        { split: ds.validation, fraction: 0.15 },
        { split: ds.test, fraction: 0.15 },
      ],
      totals,
    );
    // Classes are interleaved within a split, not in runs: about 9 in 10 neighbours differ.
    const changes = ds.train.y.reduce((n, y, i) => n + (i > 0 && y !== ds.train.y[i - 1] ? 1 : 0), 0);
    expect(changes).toBeGreaterThan(ds.train.n * 0.8);
    // Every image lands in exactly one split: the pixel sums add up to the whole file's.
    const pixels = gunzipSync(readFileSync(join(DIR, 'digits-images.u8.gz')));
    const whole = pixels.reduce((s, p) => s + p, 0) / 16;
    expect(sum(ds.train.x) + sum(ds.validation.x) + sum(ds.test.x)).toBeCloseTo(whole, 0);
  });

  it('gives the same split for the same seed and a different one for another seed', async () => {
    const a = await loadImageBuiltin('digits', readPublic, { seed: 3 });
    const b = await loadImageBuiltin('digits', readPublic, { seed: 3 });
    const c = await loadImageBuiltin('digits', readPublic, { seed: 4 });
    const same = (p: PreparedDataset, q: PreparedDataset) =>
      (['train', 'validation', 'test'] as const).every(
        (s) => p[s].x.every((v, i) => v === q[s].x[i]) && p[s].y.every((v, i) => v === q[s].y[i]),
      );
    expect(same(a, b)).toBe(true);
    expect(same(a, c)).toBe(false);
  });

  it('fashion-mnist: keeps the shipped 2,000 test images and splits the 10,000 training images 85/15 by class', async () => {
    const ds = await loadImageBuiltin('fashion-mnist', readPublic, { seed: 1 });
    expect(ds.inputShape).toEqual([28, 28, 1]);
    expect(ds.transform).toMatchObject({ kind: 'image', width: 28, height: 28, channels: 1 });
    expect(ds.classNames).toHaveLength(10);
    for (const split of [ds.train, ds.validation, ds.test]) expectSplitShape(split, 784);
    expect([ds.train.n, ds.validation.n, ds.test.n]).toEqual([8500, 1500, 2000]);
    expect(classCounts(ds.train.y, 10)).toEqual(new Array(10).fill(850));
    expect(classCounts(ds.validation.y, 10)).toEqual(new Array(10).fill(150));
    const labels = readFileSync(join(DIR, 'fashion-mnist-labels.u8'));
    expect(Array.from(ds.test.y)).toEqual(Array.from(labels.subarray(10000)));
    const pixels = gunzipSync(readFileSync(join(DIR, 'fashion-mnist-images.u8.gz')));
    expect(ds.test.x[5 * 784 + 400]).toBeCloseTo(pixels[(10000 + 5) * 784 + 400]! / 255, 6);
  });

  it('accepts image bytes that a server already un-gzipped (Content-Encoding: gzip)', async () => {
    const inflated = gunzipSync(readFileSync(join(DIR, 'digits-images.u8.gz')));
    const ds = await loadImageBuiltin('digits', readWith({ 'digits-images.u8.gz': inflated }), { seed: 7 });
    const reference = await loadImageBuiltin('digits', readPublic, { seed: 7 });
    expect(Array.from(ds.test.x)).toEqual(Array.from(reference.test.x));
  });
});

describe('clear errors', () => {
  it('names the unknown id and the ones that exist', async () => {
    const unknown = await loadImageBuiltin('mnist', readPublic).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(DataError);
    expect((unknown as DataError).code).toBe('bad-option');
    await expect(loadImageBuiltin('mnist', readPublic)).rejects.toThrow(
      /no built-in dataset "mnist".*digits, fashion-mnist/,
    );
    await expect(loadImageBuiltin('iris', readPublic)).rejects.toThrow(/holds a table, not images.*builtinCsvText/);
    await expect(builtinCsvText('digits', readPublic)).rejects.toThrow(/holds images.*loadImageBuiltin/);
  });

  it('names a file that cannot be read', async () => {
    const failing: ReadBuiltinFile = async (name) => {
      if (name === 'digits-labels.u8') throw new Error('404 Not Found');
      return readPublic(name);
    };
    const error = await loadImageBuiltin('digits', failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuiltinDatasetError);
    expect((error as Error).message).toMatch(/"digits-labels\.u8" \(404 Not Found\).*build-datasets\.py/);
  });

  it('rejects archives that disagree with their manifest', async () => {
    const labels = readFileSync(join(DIR, 'digits-labels.u8'));
    const truncated = await loadImageBuiltin('digits', readWith({ 'digits-labels.u8': labels.subarray(0, 100) })).catch(
      (e: unknown) => e,
    );
    expect(truncated).toBeInstanceOf(ImageArchiveError);
    expect((truncated as Error).message).toMatch(/holds 100 labels for 1797 images/);
    const badLabel = Uint8Array.from(labels);
    badLabel[12] = 10;
    await expect(loadImageBuiltin('digits', readWith({ 'digits-labels.u8': badLabel }))).rejects.toThrow(
      /image 12 the label 10, but there are only 10 classes/,
    );
    await expect(
      loadImageBuiltin('digits', readWith({ 'digits-images.u8.gz': new Uint8Array([0x1f, 0x8b, 1, 2, 3]) })),
    ).rejects.toThrow(/not a readable gzip file/);
    const manifest = JSON.parse(readFileSync(join(DIR, 'digits.json'), 'utf8'));
    await expect(
      loadImageBuiltin('digits', readWith({ 'digits.json': JSON.stringify({ ...manifest, width: 9 }) })),
    ).rejects.toThrow(/holds 115008 pixel bytes, but digits\.json describes 1797 images of 8×9×1 \(129384 bytes\)/);
    await expect(
      loadImageBuiltin('digits', readWith({ 'digits.json': JSON.stringify({ ...manifest, height: -1 }) })),
    ).rejects.toThrow(/digits\.json: "height" should be a whole number ≥ 1, not -1/);
    await expect(
      loadImageBuiltin('digits', readWith({ 'digits.json': JSON.stringify({ ...manifest, channels: 2 }) })),
    ).rejects.toThrow(/digits\.json: "channels" should be 1 or 3, not 2/);
  });

  it('points at the field of index.json that is wrong', () => {
    const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8'));
    expect(() => parseBuiltinIndex('{')).toThrow(/index\.json is not valid JSON/);
    expect(() => parseBuiltinIndex(JSON.stringify({ ...index, version: 2 }))).toThrow(/"version": 1/);
    const broken = structuredClone(index);
    broken.datasets[2].classCounts = [1];
    expect(() => parseBuiltinIndex(JSON.stringify(broken))).toThrow(
      /dataset 3: "classCounts" should have one count per class/,
    );
    delete broken.datasets[6].inputShape;
    expect(() => parseBuiltinIndex(JSON.stringify(broken))).toThrow(/dataset 3/);
    broken.datasets[2].classCounts = index.datasets[2].classCounts;
    expect(() => parseBuiltinIndex(JSON.stringify(broken))).toThrow(/dataset 7: "inputShape" should be a list/);
  });
});

describe('fetchBuiltinFile', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches <base>datasets/<name> and treats an HTML fallback page or an error status as missing', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      if (url.endsWith('iris.csv')) return new Response('a,b\n1,2\n', { headers: { 'content-type': 'text/csv' } });
      if (url.endsWith('gone.csv'))
        return new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
      return new Response('nope', { status: 404, statusText: 'Not Found' });
    });
    const read = fetchBuiltinFile('/app/');
    expect(new TextDecoder().decode(await read('iris.csv'))).toBe('a,b\n1,2\n');
    await expect(read('gone.csv')).rejects.toThrow(
      '/app/datasets/gone.csv is missing (the server answered with an HTML page)',
    );
    await expect(read('other.csv')).rejects.toThrow('/app/datasets/other.csv answered 404 Not Found');
    expect(urls).toEqual(['/app/datasets/iris.csv', '/app/datasets/gone.csv', '/app/datasets/other.csv']);
  });
});
