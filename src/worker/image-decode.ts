/**
 * Browser image decoding for the dataset worker (it also works on the main thread, e.g. for
 * try-it): `createImageBitmap` decodes and resizes, an `OffscreenCanvas` of the target size hands
 * back the pixels.
 *
 * Huge images are downscaled, not drawn full size: `createImageBitmap` with `resizeWidth` /
 * `resizeHeight` returns the small bitmap directly, so no full-size canvas is ever made. Measured
 * in headless Chromium 156: a 10,000 × 10,000 PNG decodes to 32 × 32 in 0.55 s (0.58 s in a worker);
 * a 20,000 × 20,000 one also succeeds, in 5.9 s. A browser may still hold the whole decoded frame
 * while it resizes (400 megapixels is 1.6 GB of RGBA), so images above MAX_DECODE_PIXELS are skipped
 * with a reason before decoding, and any image the browser refuses is skipped with its error.
 * Where a browser ignores the resize options (the bitmap comes back full size), it is drawn scaled.
 * GIFs give their first frame; BMP, WebP, PNG and JPEG decode natively; EXIF orientation is applied.
 */
import type {
  DecodeImageFn,
  DecodeOutcome,
  DecodeTarget,
  ImageSample,
  ImageScanReport,
  ImageTransform,
} from '../data/images';
import { centerCropRect, IMAGE_FORMAT_NAMES, MIME_TYPES, readImageHeader, rgbaToInput } from '../data/images';

/** Largest image decoded (width × height); 150 megapixels is 600 MB as RGBA. */
export const MAX_DECODE_PIXELS = 150_000_000;

const canvases = new Map<string, OffscreenCanvasRenderingContext2D>();

/** A reused 2D context per size; safe to share because draw and read happen with no await between them. */
function contextFor(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const key = `${width}x${height}`;
  let ctx = canvases.get(key);
  if (!ctx) {
    const made = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!made) throw new Error('this browser cannot read pixels back from a canvas (no OffscreenCanvas 2D)');
    ctx = made;
    canvases.set(key, ctx);
  }
  return ctx;
}

function blobOf(sample: Pick<ImageSample, 'bytes' | 'format'>): Blob {
  return new Blob([sample.bytes as Uint8Array<ArrayBuffer>], { type: MIME_TYPES[sample.format] });
}

/** Decodes one scanned image to `[height, width, channels]` floats in [0, 1] (a `DecodeImageFn`). */
export const decodeImage: DecodeImageFn = async (sample, target) => {
  const pixels = sample.width * sample.height;
  if (pixels > MAX_DECODE_PIXELS) {
    return {
      ok: false,
      reason:
        `${sample.width}×${sample.height} pixels (${Math.round(pixels / 1e6)} megapixels) is more than the ` +
        `${MAX_DECODE_PIXELS / 1e6}-megapixel limit for decoding in the browser; downscale it first`,
    };
  }
  return decodeBlob(blobOf(sample), target, sample.width, sample.height, IMAGE_FORMAT_NAMES[sample.format]);
};

/**
 * Decodes one image file (e.g. one dropped on try-it) exactly as a dataset's `transform` says, with
 * the same checks as ingestion: signature and header first, then the browser's decoder.
 */
export async function decodeWithTransform(file: Blob | Uint8Array, transform: ImageTransform): Promise<DecodeOutcome> {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
  const header = readImageHeader(bytes);
  if (!header.ok) return { ok: false, reason: header.reason };
  const { format, width, height } = header;
  return decodeImage({ path: '', label: '', bytes, format, width, height }, transform);
}

async function decodeBlob(
  blob: Blob,
  target: DecodeTarget,
  srcWidth: number,
  srcHeight: number,
  formatName: string,
): Promise<DecodeOutcome> {
  const { width, height, channels } = target;
  const options: ImageBitmapOptions = {
    resizeWidth: width,
    resizeHeight: height,
    resizeQuality: 'high',
    imageOrientation: 'from-image',
  };
  let bitmap: ImageBitmap;
  try {
    if (target.fit === 'center-crop' && srcWidth > 0 && srcHeight > 0) {
      const r = centerCropRect(srcWidth, srcHeight, width, height);
      bitmap = await createImageBitmap(blob, r.sx, r.sy, r.sw, r.sh, options);
    } else {
      bitmap = await createImageBitmap(blob, options);
    }
  } catch (e) {
    return { ok: false, reason: decodeFailure(e, formatName) };
  }
  try {
    const ctx = contextFor(width, height);
    ctx.clearRect(0, 0, width, height);
    // Equal sizes: the browser already resized. Otherwise it ignored the options; scale here.
    ctx.drawImage(bitmap, 0, 0, width, height);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    return { ok: true, pixels: rgbaToInput(rgba, width, height, channels) };
  } catch (e) {
    return {
      ok: false,
      reason: `could not be read back after decoding (${e instanceof Error ? e.message : String(e)})`,
    };
  } finally {
    bitmap.close();
  }
}

function decodeFailure(e: unknown, formatName: string): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `the browser could not decode this ${formatName} (${detail}); the file is damaged or uses a variant the browser does not support`;
}

/** A preview no larger than `size` × `size`, keeping the aspect ratio; transferable to the main thread. */
export async function makeThumbnail(
  sample: Pick<ImageSample, 'bytes' | 'format' | 'width' | 'height'>,
  size = 64,
): Promise<ImageBitmap | null> {
  if (sample.width * sample.height > MAX_DECODE_PIXELS) return null;
  const scale = Math.min(1, size / Math.max(sample.width, sample.height));
  try {
    return await createImageBitmap(blobOf(sample), {
      resizeWidth: Math.max(1, Math.round(sample.width * scale)),
      resizeHeight: Math.max(1, Math.round(sample.height * scale)),
      resizeQuality: 'medium',
      imageOrientation: 'from-image',
    });
  } catch {
    return null;
  }
}

/** A PNG object URL of a thumbnail, for an `<img>`; revoke it with `URL.revokeObjectURL` when done. */
export async function thumbnailUrl(bitmap: ImageBitmap): Promise<string> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no OffscreenCanvas 2D context');
  ctx.drawImage(bitmap, 0, 0);
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
}

export interface ClassThumbnails {
  readonly label: string;
  readonly items: readonly { readonly path: string; readonly bitmap: ImageBitmap }[];
}

/** Up to `perClass` thumbnails of each class, in class order, for the preview grid. */
export async function makeClassThumbnails(
  report: ImageScanReport,
  perClass = 8,
  size = 64,
): Promise<ClassThumbnails[]> {
  const out: ClassThumbnails[] = [];
  for (const c of report.classes) {
    const picks = report.samples.filter((s) => s.label === c.name).slice(0, perClass);
    const made = await Promise.all(picks.map(async (s) => ({ path: s.path, bitmap: await makeThumbnail(s, size) })));
    out.push({
      label: c.name,
      items: made.filter((m): m is { path: string; bitmap: ImageBitmap } => m.bitmap !== null),
    });
  }
  return out;
}
