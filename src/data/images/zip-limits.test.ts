/**
 * The ZIP memory guards, each tested by which check refused the archive: a declared size is
 * refused before anything is inflated, so these tests count fflate's `inflateSync` calls (a later
 * check would give the same message, but only after inflating).
 */
import type * as Fflate from 'fflate';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readZip } from './zip-reader';
import { scanImageZip } from './scan';
import { chunkedSource, png, zipDeclaring, zipOf } from './test-fixtures';

const inflated = vi.hoisted(() => ({ calls: 0 }));
vi.mock('fflate', async (importOriginal) => {
  const fflate = await importOriginal<typeof Fflate>();
  return {
    ...fflate,
    inflateSync: (...args: Parameters<typeof fflate.inflateSync>) => {
      inflated.calls++;
      return fflate.inflateSync(...args);
    },
  };
});

beforeEach(() => {
  inflated.calls = 0;
});

const GiB = 1024 ** 3;
const refusal = (name: string, limit: string) =>
  `the images in ${name} add up to more than ${limit} once unpacked, over the memory limit; use fewer or smaller images`;

describe('the declared-size guard', () => {
  it('refuses an entry declaring 21 GB before inflating it, read whole (the CLI) or streamed (the app)', async () => {
    const zip = zipDeclaring({
      'a/1.png': { bytes: png(1), declared: png(1).length },
      'b/bomb.png': { bytes: new Uint8Array(64 * 1024), declared: 21 * GiB },
      'b/2.png': { bytes: png(2), declared: png(2).length },
    });
    const started = performance.now();
    const whole = await scanImageZip(zip, 'bomb.zip');
    expect(whole).toEqual({ ok: false, error: refusal('bomb.zip', '1.5 GB'), skipped: [], warnings: [] });
    expect(performance.now() - started).toBeLessThan(1000);
    const streamed = await readZip(chunkedSource(zip, 1024), 'bomb.zip');
    expect(streamed).toEqual({ ok: false, error: refusal('bomb.zip', '1.5 GB') });
    // Only a/1.png, once per read: neither the bomb nor anything after it was inflated.
    expect(inflated.calls).toBe(2);
  });

  it('refuses from the declared size, not after inflating the entry and counting its bytes', async () => {
    const zip = zipDeclaring({ 'a/big.png': { bytes: new Uint8Array(300_000), declared: 300_000 } });
    const result = await readZip(zip, 'big.zip', { limits: { maxExtractedBytes: 100_000 } });
    expect(result).toEqual({ ok: false, error: refusal('big.zip', '97.7 KB') });
    expect(inflated.calls).toBe(0);
  });
});

describe('the image-count guard', () => {
  it('stops at the image after the limit and inflates nothing more', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 6; i++) files[`${i % 2 ? 'a' : 'b'}/${i}.png`] = png(i * 9, 8);
    const result = await readZip(zipOf(files), 'many.zip', { limits: { maxImages: 2 } });
    expect(result).toEqual({
      ok: false,
      error: 'many.zip has more than 2 images, the most that can be loaded; use a subset',
    });
    expect(inflated.calls).toBe(2);
  });
});
