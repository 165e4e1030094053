/**
 * Which files are images: by extension first (cheap, decides what is extracted at all), then by
 * the first bytes (a renamed text file or a truncated download must not reach the decoder).
 * The header parse also yields the pixel size, so huge images are known before anything decodes.
 */

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp';

export const IMAGE_FORMAT_NAMES: Readonly<Record<ImageFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  bmp: 'BMP',
};

const FORMAT_BY_EXTENSION: Readonly<Record<string, ImageFormat>> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  webp: 'webp',
  gif: 'gif',
  bmp: 'bmp',
  dib: 'bmp',
};

/** Image types people commonly have that the browser's decoder cannot be relied on for. */
const UNSUPPORTED_IMAGE_EXTENSIONS = new Set([
  'tif',
  'tiff',
  'heic',
  'heif',
  'avif',
  'svg',
  'ico',
  'psd',
  'raw',
  'cr2',
  'nef',
  'jxl',
]);

export const MIME_TYPES: Readonly<Record<ImageFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

/** Lower-case extension without the dot; '' when the name has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function formatFromExtension(path: string): ImageFormat | null {
  return FORMAT_BY_EXTENSION[extensionOf(path)] ?? null;
}

/** Why a file with a non-image extension is skipped, in words a person can act on. */
export function notAnImageReason(path: string): string {
  const ext = extensionOf(path);
  if (UNSUPPORTED_IMAGE_EXTENSIONS.has(ext)) {
    return `.${ext} images are not supported; convert it to PNG or JPEG (supported: PNG, JPEG, WebP, GIF, BMP)`;
  }
  return ext === '' ? 'not an image (no file extension)' : 'not an image';
}

export type ImageHeader =
  | { readonly ok: true; readonly format: ImageFormat; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly reason: string };

const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  b.length >= at + text.length && [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

/** The format the bytes say they are, from the signature alone. */
export function sniffFormat(b: Uint8Array): ImageFormat | null {
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    ascii(b, 1, 'PNG') &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'webp';
  if (ascii(b, 0, 'BM') && b.length >= 26) return 'bmp';
  return null;
}

/**
 * Checks the signature and reads the pixel size from the header. Only failures that are certain
 * (wrong signature, a header cut short, a zero size) are reported; the decoder finds the rest.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length === 0) return { ok: false, reason: 'empty file (0 bytes)' };
  const format = sniffFormat(bytes);
  if (format === null) {
    return {
      ok: false,
      reason: 'not a valid image: its bytes do not start with a PNG, JPEG, WebP, GIF or BMP signature',
    };
  }
  const size = sizeReaders[format](new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes);
  const name = IMAGE_FORMAT_NAMES[format];
  if (typeof size === 'string') return { ok: false, reason: `damaged ${name}: ${size}` };
  const [width, height] = size;
  if (width <= 0 || height <= 0)
    return { ok: false, reason: `damaged ${name}: its header says ${width}×${height} pixels` };
  return { ok: true, format, width, height };
}

/**
 * True when the file itself says it holds gray pixels only: a PNG of colour type 0 or 4 (gray,
 * gray with alpha) or a JPEG with one component. Other formats, and RGB files whose pixels happen
 * to be gray, say false: telling those apart needs decoding every pixel.
 */
export function isGrayscaleEncoded(format: ImageFormat, b: Uint8Array): boolean {
  if (format === 'png') return b.length > 25 && (b[25] === 0 || b[25] === 4);
  if (format !== 'jpeg') return false;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const at = jpegFrameAt(v);
  return typeof at === 'number' && at + 9 < v.byteLength && v.getUint8(at + 9) === 1;
}

type SizeOrReason = readonly [number, number] | string;
const TRUNCATED = 'the file is cut short before its header ends';

const sizeReaders: Record<ImageFormat, (v: DataView, b: Uint8Array) => SizeOrReason> = {
  png(v, b) {
    if (v.byteLength < 24) return TRUNCATED;
    if (!ascii(b, 12, 'IHDR')) return 'the first chunk is not IHDR';
    return [v.getUint32(16), v.getUint32(20)];
  },
  gif(v) {
    return v.byteLength < 10 ? TRUNCATED : [v.getUint16(6, true), v.getUint16(8, true)];
  },
  bmp(v) {
    const dib = v.getUint32(14, true);
    if (dib === 12) return [v.getUint16(18, true), v.getUint16(20, true)];
    if (dib < 40) return `unknown header size ${dib}`;
    if (v.byteLength < 26) return TRUNCATED;
    // A negative height means the rows are stored top-down.
    return [Math.abs(v.getInt32(18, true)), Math.abs(v.getInt32(22, true))];
  },
  webp(v, b) {
    if (v.byteLength < 30) return TRUNCATED;
    if (ascii(b, 12, 'VP8 ')) {
      if (!(b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a)) return 'missing the VP8 frame start code';
      return [v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff];
    }
    if (ascii(b, 12, 'VP8L')) {
      if (b[20] !== 0x2f) return 'missing the VP8L signature';
      const bits = v.getUint32(21, true);
      return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
    }
    if (ascii(b, 12, 'VP8X')) {
      const u24 = (at: number) => v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getUint8(at + 2) << 16);
      return [u24(24) + 1, u24(27) + 1];
    }
    return 'unknown WebP chunk';
  },
  jpeg: jpegSize,
};

/** Walks the JPEG marker segments up to the first frame header (SOF0–SOF15 except DHT/JPG/DAC). */
function jpegSize(v: DataView): SizeOrReason {
  const at = jpegFrameAt(v);
  if (typeof at === 'string') return at;
  if (at + 9 > v.byteLength) return TRUNCATED;
  return [v.getUint16(at + 7), v.getUint16(at + 5)];
}

/** The byte offset of the first frame header's marker, or why there is none. */
function jpegFrameAt(v: DataView): number | string {
  let at = 2;
  while (at + 4 <= v.byteLength) {
    if (v.getUint8(at) !== 0xff) return `expected a marker at byte ${at}`;
    const marker = v.getUint8(at + 1);
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = v.getUint16(at + 2);
    if (length < 2) return `segment at byte ${at} has an invalid length`;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return at;
    if (marker === 0xda || marker === 0xd9) return 'no frame header (SOF) before the image data';
    at += 2 + length;
  }
  return TRUNCATED;
}
