/**
 * Image decoding for the command line, the Node counterpart of src/worker/image-decode.ts (which
 * uses the browser's decoder): PNG with pngjs and JPEG with jpeg-js (both pure JavaScript), then the
 * same centre crop and `rgbaToInput` as the app. Resizing is an area average when shrinking and
 * bilinear when enlarging, so values can differ slightly from the browser's 'high' quality resize.
 * GIF, BMP and WebP are decoded in the app only; such files are skipped with a reason. JPEG EXIF
 * orientation is not applied here.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { DecodeImageFn, DecodeOutcome } from '../data/images';
import { centerCropRect, IMAGE_FORMAT_NAMES, rgbaToInput } from '../data/images';

/** Largest image decoded (width × height), as in the app: 150 megapixels is 600 MB as RGBA. */
export const MAX_DECODE_PIXELS = 150_000_000;

interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Per output index, the source indices and weights that make it (area average or bilinear). */
function taps(src: number, dst: number): { index: number[]; weight: number[] }[] {
  const scale = src / dst;
  return Array.from({ length: dst }, (_, o) => {
    const index: number[] = [];
    const weight: number[] = [];
    if (scale >= 1) {
      // Shrinking: each output pixel averages the source pixels it covers, partly covered ones in part.
      const from = o * scale;
      const to = from + scale;
      for (let i = Math.floor(from); i < Math.min(src, Math.ceil(to)); i++) {
        const w = Math.min(to, i + 1) - Math.max(from, i);
        if (w > 0) {
          index.push(i);
          weight.push(w / scale);
        }
      }
    } else {
      // Enlarging: bilinear between the two nearest source pixel centres.
      const at = Math.min(src - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const i = Math.floor(at);
      const f = at - i;
      index.push(i);
      weight.push(1 - f);
      if (f > 0 && i + 1 < src) {
        index.push(i + 1);
        weight.push(f);
      }
    }
    return { index, weight };
  });
}

/** The `sw × sh` region at (sx, sy) of `img`, resized to `width × height`, as RGBA bytes. */
export function resizeRgba(img: Rgba, region: { sx: number; sy: number; sw: number; sh: number }, width: number, height: number): Uint8Array {
  const xs = taps(region.sw, width);
  const ys = taps(region.sh, height);
  // Rows first: region rows × target width, in floats.
  const rows = new Float32Array(region.sh * width * 4);
  for (let y = 0; y < region.sh; y++) {
    const line = (region.sy + y) * img.width;
    for (let x = 0; x < width; x++) {
      const t = xs[x]!;
      for (let c = 0; c < 4; c++) {
        let v = 0;
        for (let k = 0; k < t.index.length; k++) v += img.data[(line + region.sx + t.index[k]!) * 4 + c]! * t.weight[k]!;
        rows[(y * width + x) * 4 + c] = v;
      }
    }
  }
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const t = ys[y]!;
    for (let x = 0; x < width * 4; x++) {
      let v = 0;
      for (let k = 0; k < t.index.length; k++) v += rows[t.index[k]! * width * 4 + x]! * t.weight[k]!;
      out[y * width * 4 + x] = Math.min(255, Math.max(0, Math.round(v)));
    }
  }
  return out;
}

function decodeRgba(bytes: Uint8Array, format: string): Rgba {
  if (format === 'png') {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { width: img.width, height: img.height, data: img.data };
}

/** Decodes one scanned image to `[height, width, channels]` floats in [0, 1] (a `DecodeImageFn`). */
export const decodeImageNode: DecodeImageFn = async (sample, target): Promise<DecodeOutcome> => {
  const name = IMAGE_FORMAT_NAMES[sample.format];
  if (sample.format !== 'png' && sample.format !== 'jpeg') {
    return { ok: false, reason: `${name} images are decoded in the app only; the command line reads PNG and JPEG` };
  }
  const pixels = sample.width * sample.height;
  if (pixels > MAX_DECODE_PIXELS) {
    return {
      ok: false,
      reason: `${sample.width}×${sample.height} pixels (${Math.round(pixels / 1e6)} megapixels) is more than the ${MAX_DECODE_PIXELS / 1e6}-megapixel limit for decoding; downscale it first`,
    };
  }
  let img: Rgba;
  try {
    img = decodeRgba(sample.bytes, sample.format);
  } catch (e) {
    return { ok: false, reason: `could not be decoded as ${name} (${e instanceof Error ? e.message : String(e)}); the file is damaged or uses an unsupported variant` };
  }
  const { width, height, channels } = target;
  const region =
    target.fit === 'center-crop'
      ? centerCropRect(img.width, img.height, width, height)
      : { sx: 0, sy: 0, sw: img.width, sh: img.height };
  const same = region.sw === width && region.sh === height && region.sx === 0 && region.sy === 0;
  const rgba = same ? img.data : resizeRgba(img, region, width, height);
  return { ok: true, pixels: rgbaToInput(rgba, width, height, channels) };
};
