/**
 * `layerloom train --data <images.zip|folder>`: a CNN trains on a ZIP of class folders made from the
 * built-in Fashion-MNIST images (PNG), with --image-size and --channels taken from the data; the ZIP
 * limits hold; and the Node decoder gives the app's numbers for PNG and JPEG.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../e2e/fixtures/tiny-png.mjs';
import { readMetadata } from '../compiler/bundle';
import { readImageHeader } from '../data/images';
import { zipDeclaring, zipOf } from '../data/images/test-fixtures';
import { buildGraph } from '../model/build';
import { newProject } from '../model/project';
import { decodeImageNode, resizeRgba } from './image-decode';
import { main } from './main';

const DATASETS = join(process.cwd(), 'public/datasets');
/** Fashion-MNIST classes whose names make folder names (T-shirt/top has a slash). */
const CLASSES: Record<number, string> = { 1: 'Trouser', 5: 'Sandal', 8: 'Bag', 9: 'Ankle boot' };
const PER_CLASS = 24;

let dir = '';

/** A ZIP of class folders of 28 × 28 grayscale PNGs, taken from the built-in Fashion-MNIST. */
async function fashionZip(): Promise<Uint8Array> {
  const images = gunzipSync(new Uint8Array(await readFile(join(DATASETS, 'fashion-mnist-images.u8.gz'))));
  const labels = new Uint8Array(await readFile(join(DATASETS, 'fashion-mnist-labels.u8')));
  const files: Record<string, Uint8Array> = {};
  const taken: Record<number, number> = {};
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const name = CLASSES[label];
    if (!name || (taken[label] ?? 0) >= PER_CLASS) continue;
    taken[label] = (taken[label] ?? 0) + 1;
    const at = i * 28 * 28;
    files[`fashion/${name}/${i}.png`] = encodePng(28, 28, (x, y) => images[at + y * 28 + x]!, { gray: true });
  }
  return zipOf(files);
}

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, lines };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerloom-train-images-'));
  await writeFile(join(dir, 'fashion.zip'), await fashionZip());
  const cnn = buildGraph([
    { type: 'Input', params: { shape: [28, 28, 1] } },
    { type: 'Conv2D', params: { filters: 4, kernel_size: [3, 3], activation: 'relu' } },
    { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
    { type: 'Flatten' },
    { type: 'Dense', params: { units: 4, activation: 'softmax' } },
  ]);
  await writeFile(join(dir, 'cnn.json'), JSON.stringify(newProject('fashion_cnn', cnn)));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('layerloom train on an image ZIP', () => {
  it('trains a CNN on a ZIP of class folders, with the image size and channels from the data, and exports it', async () => {
    const out = join(dir, 'out');
    const { code, lines } = await run([
      'train', '--model', join(dir, 'cnn.json'), '--data', join(dir, 'fashion.zip'), '--epochs', '3', '--backend', 'cpu', '--out', out, '--json',
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(lines.at(-1)!) as { task: string; epochs: number; test: { n: number; accuracy: number } };
    expect(summary).toMatchObject({ task: 'multiclass', epochs: 3 });
    expect(summary.test.n).toBeGreaterThanOrEqual(8);
    expect(summary.test.accuracy).toBeGreaterThan(0.25);
    const meta = readMetadata(await readFile(join(out, 'metadata.json')));
    expect(meta.classNames).toEqual(['Ankle boot', 'Bag', 'Sandal', 'Trouser']);
    expect(meta.preprocessing).toMatchObject({ kind: 'image', width: 28, height: 28, channels: 1 });
    expect(meta.data).toMatchObject({ file: 'fashion.zip', csv: null, split: { rule: 'stratified', seed: 42 } });
  }, 120_000);

  it('--image-size and --channels override the data: the model then has to take that size', async () => {
    await expect(
      run(['train', '--model', join(dir, 'cnn.json'), '--data', join(dir, 'fashion.zip'), '--epochs', '1', '--backend', 'cpu', '--image-size', '16']),
    ).rejects.toThrow(/shape \[28, 28, 1\] but .* \[16, 16, 1\]/);
    await expect(
      run(['train', '--model', join(dir, 'cnn.json'), '--data', join(dir, 'fashion.zip'), '--channels', '2']),
    ).rejects.toThrow(/--channels must be 1 or 3; got '2'/);
  });

  it('keeps the ZIP limits: an entry declaring 21 GB is refused from its header', async () => {
    await writeFile(join(dir, 'bomb.zip'), zipDeclaring({ 'a/bomb.png': { bytes: new Uint8Array(1024), declared: 21 * 1024 ** 3 } }));
    await expect(run(['train', '--model', join(dir, 'cnn.json'), '--data', join(dir, 'bomb.zip'), '--backend', 'cpu'])).rejects.toThrow(
      /bomb\.zip: the images in bomb\.zip add up to more than 1\.5 GB once unpacked/,
    );
  });

  it('trains on a folder of class folders too', async () => {
    for (const [cls, shade] of [['dark', 30], ['light', 220]] as const) {
      await mkdir(join(dir, 'folder', cls), { recursive: true });
      for (let i = 0; i < 12; i++) {
        await writeFile(join(dir, 'folder', cls, `${i}.png`), encodePng(28, 28, (x, y) => (shade + ((x * 7 + y * 3 + i) % 20)) & 255, { gray: true }));
      }
    }
    const two = buildGraph([
      { type: 'Input', params: { shape: [28, 28, 1] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 2, activation: 'softmax' } },
    ]);
    await writeFile(join(dir, 'two.json'), JSON.stringify(newProject('two', two)));
    const { code, lines } = await run(['train', '--model', join(dir, 'two.json'), '--data', join(dir, 'folder'), '--epochs', '2', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ dataset: 'folder', task: 'binary' });
  });
});

describe('decodeImageNode', () => {
  const sampleOf = (bytes: Uint8Array) => {
    const h = readImageHeader(bytes);
    if (!h.ok) throw new Error(h.reason);
    return { path: 'x', label: 'a', bytes, format: h.format, width: h.width, height: h.height };
  };

  it('decodes PNG and JPEG to the app’s [0, 1] values, compositing alpha on black', async () => {
    const png = encodePng(2, 1, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 255, 0]));
    const got = await decodeImageNode(sampleOf(png), { width: 2, height: 1, channels: 3, fit: 'stretch' });
    expect(got).toEqual({ ok: true, pixels: new Float32Array([1, 0, 0, 0, 0, 0]) });
    const rgba = new Uint8Array(8 * 8 * 4).map((_, i) => (i % 4 === 3 ? 255 : i % 4 === 1 ? 200 : 0));
    const jpg = jpeg.encode({ data: rgba, width: 8, height: 8 }, 100).data;
    const j = await decodeImageNode(sampleOf(new Uint8Array(jpg)), { width: 4, height: 4, channels: 1, fit: 'stretch' });
    if (!j.ok) throw new Error(j.reason);
    expect(j.pixels).toHaveLength(16);
    for (const v of j.pixels) expect(v).toBeCloseTo((0.587 * 200) / 255, 1);
  });

  it('averages areas when shrinking and centre-crops as the app does', () => {
    // 4 × 1 → 2 × 1: [0, 100, 200, 255] becomes [50, 228].
    const img = { width: 4, height: 1, data: new Uint8Array([0, 100, 200, 255].flatMap((v) => [v, v, v, 255])) };
    expect([...resizeRgba(img, { sx: 0, sy: 0, sw: 4, sh: 1 }, 2, 1)].filter((_, i) => i % 4 === 0)).toEqual([50, 228]);
  });

  it('skips formats the command line does not decode, with a reason', async () => {
    const gif = new Uint8Array([...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0, 0, 0]);
    const got = await decodeImageNode({ path: 'a.gif', label: 'a', bytes: gif, format: 'gif', width: 1, height: 1 }, { width: 1, height: 1, channels: 3, fit: 'stretch' });
    expect(got).toEqual({ ok: false, reason: 'GIF images are decoded in the app only; the command line reads PNG and JPEG' });
  });
});
