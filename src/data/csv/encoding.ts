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

/** The error for a file that is not UTF-8 at `offset` of `chunk` (`line` is 1-based). */
export function notUtf8Error(chunk: Uint8Array, offset: number, fileOffset: number, line: number): DataError {
  const at = Math.max(0, offset);
  const byte = chunk[at] ?? 0;
  let start = at;
  while (start > 0 && at - start < 24 && chunk[start - 1] !== 0x0a) start--;
  let end = at + 1;
  while (end < chunk.length && end - at < 24 && chunk[end] !== 0x0a && chunk[end] !== 0x0d) end++;
  const context = new TextDecoder('windows-1252').decode(chunk.subarray(start, end));
  return new DataError(
    'not-utf8',
    `the file is not UTF-8: line ${line} has the byte ${hex(byte)} (at byte ${fileOffset + at}), which UTF-8 does not allow there — ` +
      `read as Windows-1252 that text is "${context}". It looks like Latin-1/Windows-1252: save the file as UTF-8 ` +
      `(Excel: "CSV UTF-8"; LibreOffice: character set "Unicode (UTF-8)") and load it again, or read it with the ` +
      `windows-1252 encoding.`,
    { row: line },
  );
}

/** Byte order marks of encodings other than UTF-8: refuse them by name rather than as garbage. */
export function foreignBomError(first: Uint8Array): DataError | null {
  const b0 = first[0];
  const b1 = first[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    return new DataError(
      'not-utf8',
      `the file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8 — save it as UTF-8 (Excel: "CSV UTF-8") and load it again.`,
      { row: 1 },
    );
  }
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
