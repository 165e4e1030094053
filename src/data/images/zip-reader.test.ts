import { describe, expect, it } from 'vitest';
import { Zip, ZipDeflate } from 'fflate';
import { readZip } from './zip-reader';
import { chunkedSource, corruptPng, png, zipOf } from './test-fixtures';

const MiB = 1024 * 1024;

describe('readZip', () => {
  it('streams the archive in chunks and reads only images and CSV files', async () => {
    const zip = zipOf({
      'animals/cat/1.png': png(1),
      'animals/dog/1.png': png(2),
      'animals/labels.csv': 'a,b\n',
      'animals/notes.txt': 'hello',
      'animals/.DS_Store': 'junk',
      '__MACOSX/animals/cat/._1.png': 'fork',
      'animals/Thumbs.db': 'cache',
    });
    const source = chunkedSource(zip, 64);
    const progress: number[] = [];
    const result = await readZip(source, 'animals.zip', { onProgress: (done) => progress.push(done) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(source.chunksRead).toBe(Math.ceil(zip.length / 64));
    expect(result.files.entries.map((e) => e.path)).toEqual([
      'animals/cat/1.png',
      'animals/dog/1.png',
      'animals/labels.csv',
    ]);
    expect(result.files.entries[0]!.bytes).toEqual(png(1));
    expect(result.files.skipped).toEqual([{ path: 'animals/notes.txt', reason: 'not an image' }]);
    expect(result.files.warnings).toEqual([]);
    expect(progress.at(-1)).toBe(zip.length);
  });

  it('reads thousands of small files pushed as one large chunk (no stack overflow)', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 6000; i++) files[`${i % 2 ? 'a' : 'b'}/${i}.png`] = png(i % 256);
    const zip = zipOf(files);
    const result = await readZip(chunkedSource(zip, zip.length), 'many.zip');
    expect(result.ok && result.files.warnings).toEqual([]);
    expect(result.ok && result.files.entries.length).toBe(6000);
  });

  it('reads a Uint8Array the same way', async () => {
    const result = await readZip(zipOf({ 'a/x.png': corruptPng() }), 'x.zip');
    expect(result.ok && result.files.entries.map((e) => [e.path, e.bytes.length])).toEqual([['a/x.png', 40]]);
  });

  it('refuses an archive over the size limit before reading it, giving both sizes', async () => {
    const source = chunkedSource(zipOf({ 'a/1.png': png() }), 1024);
    const result = await readZip({ size: 3 * 1024 * MiB, stream: source.stream }, 'photos.zip', {
      limits: { maxSourceBytes: 1024 * MiB },
    });
    expect(result).toEqual({
      ok: false,
      error:
        'photos.zip is 3 GB, over the 1 GB limit for an image archive; split it into smaller archives or downscale the images first',
    });
    expect(source.chunksRead).toBe(0);
  });

  it('stops when the unpacked images pass the memory limit (a ZIP bomb does not fill memory)', async () => {
    const zip = zipOf({
      'a/1.png': new Uint8Array(4000),
      'a/2.png': new Uint8Array(4000),
      'b/3.png': new Uint8Array(4000),
    });
    const result = await readZip(chunkedSource(zip, 256), 'bomb.zip', { limits: { maxExtractedBytes: 6000 } });
    expect(result).toEqual({
      ok: false,
      error:
        'the images in bomb.zip add up to more than 5.9 KB once unpacked, over the memory limit; use fewer or smaller images',
    });
  });

  it('reads a ZIP written by a streaming zipper (sizes after the data), counting its bytes as they inflate', async () => {
    const streamed = streamingZip({ 'a/1.png': png(1), 'b/2.png': png(2), 'b/big.png': new Uint8Array(50_000) });
    const ok = await readZip(chunkedSource(streamed, 100), 'streamed.zip');
    expect(ok.ok && ok.files.entries.map((e) => [e.path, e.bytes.length])).toEqual([
      ['a/1.png', png(1).length],
      ['b/2.png', png(2).length],
      ['b/big.png', 50_000],
    ]);
    const bomb = await readZip(chunkedSource(streamed, 100), 'streamed.zip', { limits: { maxExtractedBytes: 20_000 } });
    expect(!bomb.ok && bomb.error).toMatch(/^the images in streamed\.zip add up to more than 19\.5 KB once unpacked/);
  });

  it('refuses more images than the limit', async () => {
    const result = await readZip(zipOf({ 'a/1.png': png(), 'a/2.png': png(), 'b/3.png': png() }), 'many.zip', {
      limits: { maxImages: 2 },
    });
    expect(result).toEqual({
      ok: false,
      error: 'many.zip has more than 2 images, the most that can be loaded; use a subset',
    });
  });

  it('names other archive formats and non-archives', async () => {
    const rar = await readZip(Uint8Array.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0, 0]), 'x.rar');
    expect(rar).toEqual({
      ok: false,
      error: 'x.rar is a RAR archive, not a ZIP; re-pack the images as a .zip, or choose the folder instead',
    });
    const text = await readZip(new TextEncoder().encode('just some text'), 'notes.zip');
    expect(text).toEqual({
      ok: false,
      error:
        'notes.zip is not a ZIP archive (it does not start with the ZIP signature); choose a .zip file or a folder of images',
    });
    expect(await readZip(new Uint8Array(0), 'empty.zip')).toEqual({ ok: false, error: 'empty.zip is empty (0 bytes)' });
  });

  it('warns about an archive that is cut short and lists the file it cut', async () => {
    const zip = zipOf({ 'a/1.png': png(1, 16), 'b/2.png': png(2, 16) });
    const half = zip.slice(0, Math.floor(zip.length * 0.6));
    const result = await readZip(chunkedSource(half, 50), 'cut.zip');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.files.entries.map((e) => e.path)).toEqual(['a/1.png']);
    expect(result.files.skipped).toEqual([
      { path: 'b/2.png', reason: 'the archive ends before this file does (it is cut short)' },
    ]);
    expect(result.files.warnings[0]).toMatch(/^cut\.zip seems to be cut short \(it has no end-of-archive record\)/);
  });

  it('skips a file compressed with a method it cannot unpack, naming the method', async () => {
    const zip = zipOf({ 'a/1.png': png(1), 'b/2.png': png(2) });
    // Patch the second local header's compression method (offset 8) to LZMA (14).
    const second = indexOfSignature(zip, 1);
    zip[second + 8] = 14;
    const result = await readZip(zip, 'lzma.zip');
    expect(result.ok && result.files.skipped).toEqual([
      {
        path: 'b/2.png',
        reason:
          'compressed with LZMA, which cannot be unpacked here; re-create the ZIP with standard (Deflate) compression and no password',
      },
    ]);
  });

  it('lists a file whose compressed data is damaged', async () => {
    const zip = zipOf({ 'a/1.png': png(1, 32), 'b/2.png': png(2) });
    const dataStart = 30 + 'a/1.png'.length;
    for (let i = dataStart; i < dataStart + 12; i++) zip[i] = 0xff;
    const result = await readZip(zip, 'bad.zip');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.files.entries.map((e) => e.path)).toEqual(['b/2.png']);
    expect(result.files.skipped).toHaveLength(1);
    expect(result.files.skipped[0]!.path).toBe('a/1.png');
    expect(result.files.skipped[0]!.reason).toMatch(/^could not be unpacked \(.+\); the archive may be damaged$/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await readZip(chunkedSource(zipOf({ 'a/1.png': png() }), 16), 'x.zip', {
      signal: controller.signal,
    });
    expect(result).toEqual({ ok: false, error: 'Reading the images was cancelled.' });
  });
});

/** A ZIP as fflate's streaming `Zip` writes it: data descriptors, no sizes in the local headers. */
function streamingZip(files: Record<string, Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  for (const [name, bytes] of Object.entries(files)) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Offset of the `nth` (0-based) local file header. */
function indexOfSignature(zip: Uint8Array, nth: number): number {
  let seen = 0;
  for (let i = 0; i + 3 < zip.length; i++) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x03 && zip[i + 3] === 0x04) {
      if (seen === nth) return i;
      seen++;
    }
  }
  throw new Error('signature not found');
}
