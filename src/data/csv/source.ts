/**
 * Any CSV input — a string, a File/Blob, bytes (a Node Buffer is a Uint8Array), a ReadableStream
 * or an async iterable of chunks — as a stream of decoded text chunks. Checks the size budget
 * before reading, refuses non-UTF-8 bytes with the place they occur, drops a UTF-8 BOM.
 */
import { DataError, formatBytes } from '../errors';
import { countNewlines, firstInvalidUtf8, foreignBomError, notUtf8Error, trailingSequenceStart } from './encoding';

export type CsvInput =
  string | Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface SourceOptions {
  /** Refuse inputs larger than this many bytes (default 512 MB). */
  readonly maxBytes?: number;
  /** Size of a stream input, when known, for the budget check and progress. */
  readonly totalBytes?: number;
  /** 'utf-8' (default, strict) or a legacy encoding such as 'windows-1252' the user chose. */
  readonly encoding?: string;
  readonly chunkBytes?: number;
  readonly signal?: AbortSignal;
}

export interface TextStats {
  bytesDone: number;
  readonly totalBytes: number | null;
  bom: boolean;
  /** U+FFFD characters already in the text (damage from an earlier conversion) and the first one's line. */
  replacementChars: number;
  replacementLine: number;
}

export function inputSize(input: CsvInput, totalBytes?: number): number | null {
  if (typeof input === 'string') return input.length;
  if (input instanceof Uint8Array) return input.byteLength;
  if (input instanceof ArrayBuffer) return input.byteLength;
  if (typeof Blob !== 'undefined' && input instanceof Blob) return input.size;
  return totalBytes ?? null;
}

function tooLarge(size: number, limit: number, whileReading: boolean): DataError {
  return new DataError(
    'too-large',
    `the file is ${whileReading ? 'over ' : ''}${formatBytes(size)}; the limit is ${formatBytes(limit)}. ` +
      `Use a sample of the rows, or drop columns you do not need.`,
  );
}

/** Decoded text chunks of `input`; `stats` fills in as they are read. */
export function textChunks(
  input: CsvInput,
  options: SourceOptions = {},
): { stats: TextStats; chunks: AsyncGenerator<string> } {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = inputSize(input, options.totalBytes);
  if (size !== null && size > maxBytes) throw tooLarge(size, maxBytes, false);
  const stats: TextStats = { bytesDone: 0, totalBytes: size, bom: false, replacementChars: 0, replacementLine: 0 };
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  return { stats, chunks: decode(input, stats, options, chunkBytes, maxBytes) };
}

async function* decode(
  input: CsvInput,
  stats: TextStats,
  options: SourceOptions,
  chunkBytes: number,
  maxBytes: number,
): AsyncGenerator<string> {
  const encoding = options.encoding ?? 'utf-8';
  const strict = /^utf-?8$/i.test(encoding);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: strict });
  } catch {
    throw new DataError('bad-option', `unknown text encoding '${encoding}'; use utf-8 or a name such as windows-1252`);
  }
  let lines = 0;
  let first = true;
  let last: Uint8Array | null = null;
  for await (const piece of byteChunks(input, chunkBytes)) {
    if (options.signal?.aborted) throw new DataError('aborted', 'reading the file was cancelled');
    let text: string;
    if (typeof piece === 'string') {
      text = first && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
      if (first) stats.bom = text.length !== piece.length;
      stats.bytesDone += piece.length;
    } else {
      if (first && strict) {
        const foreign = foreignBomError(piece);
        if (foreign) throw foreign;
        stats.bom = piece[0] === 0xef && piece[1] === 0xbb && piece[2] === 0xbf;
      }
      stats.bytesDone += piece.byteLength;
      if (stats.bytesDone > maxBytes) throw tooLarge(stats.bytesDone, maxBytes, true);
      try {
        text = decoder.decode(piece, { stream: true });
      } catch {
        const at = firstInvalidUtf8(piece);
        const offset = Math.max(0, at);
        throw notUtf8Error(piece, offset, stats.bytesDone - piece.byteLength, lines + countNewlines(piece, offset) + 1);
      }
      last = piece;
    }
    first = false;
    noteReplacements(text, lines, stats);
    lines += countLines(text);
    if (text.length > 0) yield text;
  }
  if (last) {
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      const at = trailingSequenceStart(last);
      throw notUtf8Error(
        last,
        at,
        stats.bytesDone - last.byteLength,
        lines - countNewlines(last, last.length) + countNewlines(last, at) + 1,
      );
    }
    if (tail.length > 0) yield tail;
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function noteReplacements(text: string, linesBefore: number, stats: TextStats): void {
  let i = text.indexOf('\uFFFD');
  if (i < 0) return;
  if (stats.replacementChars === 0) stats.replacementLine = linesBefore + countLines(text.slice(0, i)) + 1;
  for (; i >= 0; i = text.indexOf('\uFFFD', i + 1)) stats.replacementChars++;
}

async function* byteChunks(input: CsvInput, chunkBytes: number): AsyncGenerator<Uint8Array | string> {
  if (typeof input === 'string') {
    for (let o = 0; o < input.length; o += chunkBytes) yield input.slice(o, o + chunkBytes);
  } else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    for (let o = 0; o < bytes.length; o += chunkBytes) yield bytes.subarray(o, o + chunkBytes);
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    for (let o = 0; o < input.size; o += chunkBytes) {
      yield new Uint8Array(await readBlob(input.slice(o, o + chunkBytes)));
    }
  } else if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) {
    const reader = input.getReader();
    try {
      for (;;) {
        const { done, value } = await readStream(reader);
        if (done) break;
        if (value) yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    for await (const piece of input as AsyncIterable<Uint8Array | string>) yield piece;
  }
}

async function readBlob(blob: Blob): Promise<ArrayBuffer> {
  try {
    return await blob.arrayBuffer();
  } catch (err) {
    throw new DataError(
      'read-failed',
      `the file could not be read (${(err as Error).message}); was it moved or changed while loading?`,
    );
  }
}

async function readStream(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (err) {
    throw new DataError('read-failed', `the file could not be read (${(err as Error).message})`);
  }
}
