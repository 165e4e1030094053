/**
 * Telling a user their file is not UTF-8, and where: `TextDecoder` (fatal) only says that a chunk
 * failed, so the first bad byte is found here and the text around it shown as Windows-1252.
 */
import { DataError } from '../errors';

/**
 * Offset of the first byte that breaks UTF-8 in `bytes`, or -1. A sequence cut off at the end is
 * not an error (the next chunk may complete it); leading continuation bytes are skipped, since
 * they may finish a sequence begun in the previous chunk.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 3 && (bytes[i]! & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) {
      // Truncated at the end of the chunk: fine if what is there is continuation bytes.
      for (let k = i + 1; k < bytes.length; k++) if ((bytes[k]! & 0xc0) !== 0x80) return i;
      return -1;
    }
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

// eslint-disable-next-line no-control-regex -- finding control bytes is the point
const CONTROL = /[\x00-\x1f\x7f]/g;

/** The error for a file that is not UTF-8 at `offset` of `chunk` (`line` is 1-based). */
export function notUtf8Error(chunk: Uint8Array, offset: number, fileOffset: number, line: number): DataError {
  const at = Math.max(0, offset);
  const byte = chunk[at] ?? 0;
  let start = at;
  while (start > 0 && at - start < 24 && chunk[start - 1] !== 0x0a) start--;
  let end = at + 1;
  while (end < chunk.length && end - at < 24 && chunk[end] !== 0x0a && chunk[end] !== 0x0d) end++;
  // Control bytes (NUL in UTF-16 text) are shown as escapes, never as raw characters.
  const context = new TextDecoder('windows-1252')
    .decode(chunk.subarray(start, end))
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return new DataError(
    'not-utf8',
    `the file is not UTF-8: line ${line} has the byte ${hex(byte)} (at byte ${fileOffset + at}), which UTF-8 does not allow there — ` +
      `read as Windows-1252 that text is "${context}". It looks like Latin-1/Windows-1252: save the file as UTF-8 ` +
      `(Excel: "CSV UTF-8"; LibreOffice: character set "Unicode (UTF-8)") and load it again, or read it with the ` +
      `windows-1252 encoding.`,
    { row: line, fix: { control: 'encoding', value: 'windows-1252' } },
  );
}

/**
 * UTF-16 read as UTF-8: refused by name rather than as garbage, whether it starts with a byte
 * order mark or not (then every other byte of ASCII text is a NUL: at odd offsets in little-endian).
 */
export function foreignBomError(first: Uint8Array): DataError | null {
  const b0 = first[0];
  const b1 = first[1];
  const order = b0 === 0xff && b1 === 0xfe ? 'le' : b0 === 0xfe && b1 === 0xff ? 'be' : utf16Order(first);
  if (order === null) return null;
  const how = b0 === 0xff || b0 === 0xfe ? 'it starts with a UTF-16 byte order mark' : 'every other byte is 0, with no byte order mark';
  return new DataError(
    'not-utf8',
    `the file is UTF-16 (${order === 'le' ? 'little' : 'big'}-endian: ${how}), not UTF-8 — read it with the utf-16${order} encoding, or save it as UTF-8 (Excel: "CSV UTF-8") and load it again.`,
    { row: 1, fix: { control: 'encoding', value: `utf-16${order}` } },
  );
}

/** 'le' or 'be' when the start of the file is UTF-16 text without a byte order mark, else null. */
function utf16Order(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > 0.3 * pairs && evenZeros < 0.05 * pairs) return 'le';
  if (evenZeros > 0.3 * pairs && oddZeros < 0.05 * pairs) return 'be';
  return null;
}

/** Where the incomplete sequence at the end of `bytes` starts (for an error at end of file). */
export function trailingSequenceStart(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    if ((bytes[i]! & 0xc0) !== 0x80) return i;
  }
  return Math.max(0, bytes.length - 1);
}

/** Count of `\n` bytes in `bytes[0..end)`. */
export function countNewlines(bytes: Uint8Array, end = bytes.length): number {
  let n = 0;
  let i = bytes.indexOf(0x0a);
  while (i >= 0 && i < end) {
    n++;
    i = bytes.indexOf(0x0a, i + 1);
  }
  return n;
}
