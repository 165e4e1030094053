// The real decoding runs in the browser (covered by the e2e tests); here the browser APIs are
// replaced by recording stand-ins to check what image-decode asks of them and what it does with
// the answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageSample } from '../data/images';
import { imageTransform } from '../data/images';
import { encodePng } from '../data/images/test-fixtures';
import { decodeImage, decodeWithTransform, MAX_DECODE_PIXELS } from './image-decode';

interface Call {
  args: unknown[];
}

let bitmapCalls: Call[];
let drawn: unknown[][];
let failWith: Error | null;

beforeEach(() => {
  bitmapCalls = [];
  drawn = [];
  failWith = null;
  vi.stubGlobal('createImageBitmap', async (...args: unknown[]) => {
    bitmapCalls.push({ args });
    if (failWith) throw failWith;
    const options = args.at(-1) as { resizeWidth: number; resizeHeight: number };
    return { width: options.resizeWidth, height: options.resizeHeight, close: vi.fn() };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
      getContext() {
        const { width, height } = this;
        return {
          clearRect: vi.fn(),
          drawImage: (...args: unknown[]) => drawn.push(args),
          // Every pixel opaque mid-grey (R = G = B = 102 → 0.4).
          getImageData: () => ({
            data: new Uint8ClampedArray(width * height * 4).fill(102).map((v, i) => (i % 4 === 3 ? 255 : v)),
          }),
        };
      }
    },
  );
});

afterEach(() => vi.unstubAllGlobals());

const sample = (width: number, height: number): ImageSample => ({
  path: 'cats/1.png',
  label: 'cats',
  format: 'png',
  width,
  height,
  bytes: new Uint8Array([1, 2, 3]),
});

describe('decodeImage', () => {
  it('asks the browser for a bitmap already resized to the target, then reads its pixels', async () => {
    const out = await decodeImage(sample(640, 480), { width: 4, height: 3, channels: 1, fit: 'stretch' });
    expect(out.ok && Array.from(out.pixels).map((v) => +v.toFixed(4))).toEqual(Array(12).fill(0.4));
    expect(bitmapCalls).toHaveLength(1);
    expect(bitmapCalls[0]!.args[1]).toEqual({
      resizeWidth: 4,
      resizeHeight: 3,
      resizeQuality: 'high',
      imageOrientation: 'from-image',
    });
    expect((bitmapCalls[0]!.args[0] as Blob).type).toBe('image/png');
    expect(drawn[0]!.slice(1)).toEqual([0, 0, 4, 3]);
  });

  it('crops the centre first for center-crop', async () => {
    await decodeImage(sample(400, 200), { width: 8, height: 8, channels: 3, fit: 'center-crop' });
    expect(bitmapCalls[0]!.args.slice(1, 5)).toEqual([100, 0, 200, 200]);
  });

  it('skips an image over the pixel limit without decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_DECODE_PIXELS)) + 1;
    const out = await decodeImage(sample(side, side), { width: 32, height: 32, channels: 3, fit: 'stretch' });
    expect(out).toEqual({
      ok: false,
      reason: `${side}×${side} pixels (150 megapixels) is more than the 150-megapixel limit for decoding in the browser; downscale it first`,
    });
    expect(bitmapCalls).toHaveLength(0);
  });

  it("passes on the browser's refusal as the reason", async () => {
    failWith = new Error('The source image could not be decoded.');
    const out = await decodeImage(sample(10, 10), { width: 2, height: 2, channels: 3, fit: 'stretch' });
    expect(out).toEqual({
      ok: false,
      reason:
        'the browser could not decode this PNG (The source image could not be decoded.); the file is damaged or uses a variant the browser does not support',
    });
  });
});

describe('decodeWithTransform', () => {
  const transform = imageTransform({ width: 2, height: 2, channels: 3 }, 'center-crop');

  it('checks the header, then decodes with the dataset transform (crop from the real size)', async () => {
    const png = encodePng(30, 10, () => [0, 0, 0, 255]);
    const out = await decodeWithTransform(new Blob([png as Uint8Array<ArrayBuffer>]), transform);
    expect(out.ok && out.pixels.length).toBe(12);
    expect(bitmapCalls[0]!.args.slice(1, 5)).toEqual([10, 0, 10, 10]);
  });

  it('refuses a file that is not an image without calling the decoder', async () => {
    const out = await decodeWithTransform(new TextEncoder().encode('not an image'), transform);
    expect(out).toEqual({
      ok: false,
      reason: 'not a valid image: its bytes do not start with a PNG, JPEG, WebP, GIF or BMP signature',
    });
    expect(bitmapCalls).toHaveLength(0);
  });
});
