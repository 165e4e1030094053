import { describe, expect, it } from 'vitest';
import type { DecodeImageFn } from './ingest';
import { buildImageDataset } from './ingest';
import type { ImageScanReport } from './scan';
import { scanImageFiles } from './scan';
import { collected, pngs } from './test-fixtures';
import type { ImageTransform } from './transform';

function scan(files: Parameters<typeof collected>[0]): ImageScanReport {
  const r = scanImageFiles(collected(files, 'shapes.zip'));
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

/** Fills each image with a value that identifies its class: class "c3" → 0.3. */
const byLabel: DecodeImageFn = async (sample, target) => {
  const value = Number(sample.label.slice(1)) / 10;
  return { ok: true, pixels: new Float32Array(target.width * target.height * target.channels).fill(value) };
};

const threeClasses = () => scan({ ...pngs('d/c1', 20), ...pngs('d/c2', 20), ...pngs('d/c10', 20) });

describe('buildImageDataset', () => {
  it('builds a PreparedDataset: natural class order, y = class index, 70/15/15 stratified, [h, w, c]', async () => {
    const result = await buildImageDataset(threeClasses(), byLabel, { width: 4, height: 3, channels: 1, seed: 5 });
    if (!result.ok) throw new Error(result.error);
    const ds = result.dataset;
    expect(ds.kind).toBe('image');
    expect(ds.task).toBe('multiclass');
    expect(ds.name).toBe('shapes');
    expect(ds.classNames).toEqual(['c1', 'c2', 'c10']);
    expect(ds.inputShape).toEqual([3, 4, 1]);
    expect([ds.train.n, ds.validation.n, ds.test.n]).toEqual([42, 9, 9]);
    expect(result.counts).toEqual(['c1', 'c2', 'c10'].map((name) => ({ name, train: 14, validation: 3, test: 3 })));
    const transform = ds.transform as ImageTransform;
    expect(transform).toEqual({
      kind: 'image',
      width: 4,
      height: 3,
      channels: 1,
      scale: '0-1',
      channelOrder: 'RGB',
      fit: 'stretch',
    });
    for (const split of [ds.train, ds.validation, ds.test]) {
      expect(split.x.length).toBe(split.n * 12);
      for (let i = 0; i < split.n; i++) {
        const expected = Number(ds.classNames![split.y[i]!]!.slice(1)) / 10;
        expect(split.x[i * 12]).toBeCloseTo(expected, 6);
        expect(split.x[i * 12 + 11]).toBeCloseTo(expected, 6);
      }
    }
  });

  it('is reproducible: the same seed gives the same split, another seed another', async () => {
    const report = threeClasses();
    const opts = { width: 2, height: 2, channels: 3 as const };
    const a = await buildImageDataset(report, byLabel, { ...opts, seed: 1 });
    const b = await buildImageDataset(report, byLabel, { ...opts, seed: 1 });
    const c = await buildImageDataset(report, byLabel, { ...opts, seed: 2 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('build failed');
    expect(Array.from(b.dataset.train.y)).toEqual(Array.from(a.dataset.train.y));
    expect(b.dataset.id).toBe(a.dataset.id);
    expect(Array.from(c.dataset.train.y)).not.toEqual(Array.from(a.dataset.train.y));
  });

  it('leaves out images that fail to decode, lists them, and keeps the rest aligned', async () => {
    const report = scan({ ...pngs('d/c1', 10), ...pngs('d/c2', 10) });
    const flaky: DecodeImageFn = async (sample, target) => {
      if (sample.path === 'd/c1/img3.png') return { ok: false, reason: 'the browser could not decode this PNG' };
      if (sample.path === 'd/c2/img4.png') throw new Error('boom');
      return byLabel(sample, target);
    };
    const result = await buildImageDataset(report, flaky, { width: 2, height: 2, channels: 1 });
    if (!result.ok) throw new Error(result.error);
    expect(result.skipped).toEqual([
      { path: 'd/c1/img3.png', reason: 'the browser could not decode this PNG' },
      { path: 'd/c2/img4.png', reason: 'could not be decoded (boom)' },
    ]);
    expect(result.warnings).toEqual(['2 images could not be decoded and were left out (see the skipped files).']);
    const ds = result.dataset;
    expect(ds.task).toBe('binary');
    expect(ds.train.n + ds.validation.n + ds.test.n).toBe(18);
    for (const split of [ds.train, ds.validation, ds.test]) {
      expect(split.x.length).toBe(split.n * 4);
      expect(split.y.length).toBe(split.n);
      for (let i = 0; i < split.n; i++) expect(split.x[i * 4]).toBeCloseTo((split.y[i]! + 1) / 10, 6);
    }
  });

  it('fails when fewer than two classes decode', async () => {
    const report = scan({ ...pngs('d/c1', 5), ...pngs('d/c2', 5) });
    const onlyC1: DecodeImageFn = async (s, t) => (s.label === 'c1' ? byLabel(s, t) : { ok: false, reason: 'bad' });
    const result = await buildImageDataset(report, onlyC1, { width: 2, height: 2, channels: 1 });
    expect(!result.ok && result.error).toBe(
      'fewer than two classes have images that could be decoded (none left in "c2"); check the skipped files',
    );
  });

  it('refuses a dataset that would not fit in memory, before decoding anything', async () => {
    let calls = 0;
    const counting: DecodeImageFn = async (s, t) => (calls++, byLabel(s, t));
    const result = await buildImageDataset(
      threeClasses(),
      counting,
      { width: 512, height: 512, channels: 3 },
      { limits: { maxDatasetBytes: 100 * 1024 * 1024 } },
    );
    expect(!result.ok && result.error).toBe(
      '60 images at 512×512×3 need 180 MB as float32, over the 100 MB limit; choose a smaller image size or grayscale, or use fewer images',
    );
    expect(calls).toBe(0);
  });

  it('reports progress, limits concurrency, and stops when cancelled', async () => {
    const report = threeClasses();
    const controller = new AbortController();
    let inFlight = 0;
    let maxInFlight = 0;
    const progress: number[] = [];
    const slow: DecodeImageFn = async (s, t) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return byLabel(s, t);
    };
    const full = await buildImageDataset(
      report,
      slow,
      { width: 2, height: 2, channels: 1 },
      { concurrency: 3, onProgress: (d) => progress.push(d) },
    );
    expect(full.ok).toBe(true);
    expect(maxInFlight).toBe(3);
    expect(progress).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const cancelled = await buildImageDataset(
      report,
      slow,
      { width: 2, height: 2, channels: 1 },
      {
        signal: controller.signal,
        onProgress: (d) => d === 10 && controller.abort(),
      },
    );
    expect(!cancelled.ok && cancelled.error).toBe('Reading the images was cancelled.');
  });

  it('rejects pixels of the wrong length as a decode failure', async () => {
    const wrong: DecodeImageFn = async () => ({ ok: true, pixels: new Float32Array(3) });
    const report = scan({ ...pngs('d/c1', 5), ...pngs('d/c2', 5) });
    const result = await buildImageDataset(report, wrong, { width: 2, height: 2, channels: 1 });
    expect(!result.ok && result.skipped[0]).toEqual({
      path: 'd/c1/img1.png',
      reason: 'decoded to 3 values instead of 4',
    });
  });
});
