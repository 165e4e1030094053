import { describe, expect, it } from 'vitest';
import { extensionOf, formatFromExtension, isGrayscaleEncoded, notAnImageReason, readImageHeader, sniffFormat } from './formats';
import { encodePng, png } from './test-fixtures';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const le16 = (v: number) => [v & 0xff, v >> 8];
const be16 = (v: number) => [v >> 8, v & 0xff];
const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];

function jpeg(width: number, height: number): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xe0, ...be16(16)],
    'JFIF',
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xc0, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
    [0xff, 0xda, ...be16(8), 1, 1, 0, 0, 0x3f, 0],
  );
}

describe('extensions', () => {
  it('maps image extensions case-insensitively and ignores dots in folder names', () => {
    expect(formatFromExtension('cats/IMG_1.JPG')).toBe('jpeg');
    expect(formatFromExtension('a.b/photo.webp')).toBe('webp');
    expect(formatFromExtension('a.png/readme')).toBeNull();
    expect(extensionOf('.hidden')).toBe('');
    expect(formatFromExtension('x.tiff')).toBeNull();
  });

  it('says why a non-image is skipped, naming unsupported image types', () => {
    expect(notAnImageReason('notes.txt')).toBe('not an image');
    expect(notAnImageReason('scan.tiff')).toMatch(/^\.tiff images are not supported; convert it to PNG or JPEG/);
    expect(notAnImageReason('Makefile')).toBe('not an image (no file extension)');
  });
});

describe('readImageHeader', () => {
  it('reads a PNG size from IHDR', () => {
    expect(readImageHeader(encodePng(7, 3, () => [0, 0, 0, 255]))).toEqual({
      ok: true,
      format: 'png',
      width: 7,
      height: 3,
    });
  });

  it('finds the JPEG frame header after other segments', () => {
    expect(readImageHeader(jpeg(640, 480))).toEqual({ ok: true, format: 'jpeg', width: 640, height: 480 });
  });

  it('reports a JPEG whose image data starts before any frame header', () => {
    const noFrame = bytes([0xff, 0xd8, 0xff, 0xda, ...be16(8), 1, 1, 0, 0, 0x3f, 0]);
    expect(readImageHeader(noFrame)).toEqual({
      ok: false,
      reason: 'damaged JPEG: no frame header (SOF) before the image data',
    });
  });

  it('reports a JPEG cut off in the middle of its headers', () => {
    const cut = jpeg(10, 10).slice(0, 24);
    expect(readImageHeader(cut)).toEqual({
      ok: false,
      reason: 'damaged JPEG: the file is cut short before its header ends',
    });
  });

  it('reads GIF and BMP sizes (BMP top-down rows have a negative height)', () => {
    const gif = Uint8Array.from(atob('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='), (c) =>
      c.charCodeAt(0),
    );
    expect(readImageHeader(gif)).toEqual({ ok: true, format: 'gif', width: 1, height: 1 });
    const bmp = bytes(
      'BM',
      le32(70),
      le32(0),
      le32(54),
      le32(40),
      le32(5),
      le32(-3 >>> 0),
      le16(1),
      le16(24),
      new Array(24).fill(0),
    );
    expect(readImageHeader(bmp)).toEqual({ ok: true, format: 'bmp', width: 5, height: 3 });
  });

  it('reads the three WebP variants (lossy, lossless, extended)', () => {
    const riff = (chunk: string, body: number[]) =>
      bytes('RIFF', le32(4 + 8 + body.length), 'WEBP', chunk, le32(body.length), body);
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(320), ...le16(200), 0, 0]);
    expect(readImageHeader(lossy)).toEqual({ ok: true, format: 'webp', width: 320, height: 200 });
    const bits = (100 - 1) | ((50 - 1) << 14);
    const lossless = riff('VP8L', [0x2f, ...le32(bits), 0, 0, 0, 0, 0]);
    expect(readImageHeader(lossless)).toEqual({ ok: true, format: 'webp', width: 100, height: 50 });
    const extended = riff('VP8X', [0, 0, 0, 0, 0xff, 0x0f, 0, 0x7f, 0x02, 0]);
    expect(readImageHeader(extended)).toEqual({ ok: true, format: 'webp', width: 4096, height: 640 });
  });

  it('rejects empty files, text, and a PNG signature with no IHDR', () => {
    expect(readImageHeader(new Uint8Array(0))).toEqual({ ok: false, reason: 'empty file (0 bytes)' });
    const text = readImageHeader(bytes('hello, world'));
    expect(text.ok).toBe(false);
    expect(!text.ok && text.reason).toMatch(
      /^not a valid image: its bytes do not start with a PNG, JPEG, WebP, GIF or BMP signature/,
    );
    expect(readImageHeader(png().slice(0, 20))).toEqual({
      ok: false,
      reason: 'damaged PNG: the file is cut short before its header ends',
    });
  });

  it('reports a zero-sized image', () => {
    expect(readImageHeader(encodePng(0, 4, () => [0, 0, 0, 0]))).toEqual({
      ok: false,
      reason: 'damaged PNG: its header says 0×4 pixels',
    });
  });

  it('sniffs by content, whatever the extension says', () => {
    expect(sniffFormat(jpeg(1, 1))).toBe('jpeg');
    expect(sniffFormat(bytes('GIF89a', [1, 0, 1, 0]))).toBe('gif');
    expect(sniffFormat(bytes('RIFF', le32(4), 'WAVE'))).toBeNull();
  });
});

describe('isGrayscaleEncoded', () => {
  it('reads the PNG colour type and the JPEG component count', () => {
    expect(isGrayscaleEncoded('png', encodePng(4, 4, () => 7, { gray: true }))).toBe(true);
    expect(isGrayscaleEncoded('png', png())).toBe(false);
    const rgb = jpeg(8, 8);
    expect(isGrayscaleEncoded('jpeg', rgb)).toBe(false);
    const gray = rgb.slice();
    gray[gray.indexOf(0xc0) + 8] = 1; // components: 3 → 1
    expect(isGrayscaleEncoded('jpeg', gray)).toBe(true);
    expect(isGrayscaleEncoded('gif', png())).toBe(false);
  });
});
