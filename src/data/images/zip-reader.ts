/**
 * Streaming ZIP reading with fflate's `Unzip`: the archive is pushed chunk by chunk (from
 * `File.stream()` in the browser), so the compressed archive is never held whole in memory and
 * only images and CSV files are inflated (see zip-inflate.ts for how). Inflating is synchronous
 * and runs in the caller's thread; call this from the worker.
 */
import type { UnzipFile } from 'fflate';
import { Unzip } from 'fflate';
import type { CollectResult, ReadOptions } from './collect';
import { CANCELLED, concatChunks, FileCollector } from './collect';
import { formatBytes, withDefaultLimits } from './limits';
import { BufferedUnzipInflate } from './zip-inflate';

/** Anything with a size and a byte stream: a browser `File` or `Blob` qualifies. */
export interface ByteStreamSource {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export type ZipSource = Uint8Array | ByteStreamSource;

/** The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 65,535. */
const EOCD_WINDOW = 22 + 65_535;

const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  9: 'Deflate64',
  12: 'BZIP2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  99: 'AES encryption',
};

/** Reads a ZIP's images and CSV files; `sourceName` is the archive's file name, used in messages. */
export async function readZip(
  source: ZipSource,
  sourceName: string,
  options: ReadOptions = {},
): Promise<CollectResult> {
  const limits = withDefaultLimits(options.limits);
  const total = source instanceof Uint8Array ? source.length : source.size;
  if (total > limits.maxSourceBytes) {
    return {
      ok: false,
      error: `${sourceName} is ${formatBytes(total)}, over the ${formatBytes(limits.maxSourceBytes)} limit for an image archive; split it into smaller archives or downscale the images first`,
    };
  }
  const collector = new FileCollector(sourceName, limits, options.readText);
  const pending = new Set<string>();
  const unzip = new Unzip((file) => onFile(file, collector, pending));
  unzip.register(BufferedUnzipInflate);
  const tail = new TailWindow(EOCD_WINDOW);
  let seen = 0;

  /** fflate's complaint, when the bytes stop making sense part-way (a cut or damaged archive). */
  let damage: string | null = null;
  const push = (chunk: Uint8Array, final: boolean): string | null => {
    if (seen === 0 && chunk.length > 0) {
      const wrong = notZipReason(chunk, sourceName);
      if (wrong !== null) return wrong;
    }
    seen += chunk.length;
    tail.push(chunk);
    if (damage === null) {
      try {
        pushInSlices(unzip, chunk, final, () => collector.refusal !== null);
      } catch (e) {
        damage = e instanceof Error ? e.message : String(e);
      }
    }
    options.onProgress?.(seen, total);
    return null;
  };

  const problem =
    source instanceof Uint8Array ? push(source, true) : await pushStream(source, push, collector, options.signal);
  if (problem !== null) return { ok: false, error: problem };
  if (collector.refusal !== null) return { ok: false, error: collector.refusal };
  if (seen === 0) return { ok: false, error: `${sourceName} is empty (0 bytes)` };
  for (const path of pending) collector.skip(path, 'the archive ends before this file does (it is cut short)');
  const complete = tail.contains([0x50, 0x4b, 0x05, 0x06]);
  if (damage !== null && collector.entries.length === 0) {
    return {
      ok: false,
      error: `${sourceName} could not be read as a ZIP archive (${damage}); it may be damaged or cut short`,
    };
  }
  if (!complete) {
    collector.warnings.push(
      `${sourceName} seems to be cut short (it has no end-of-archive record); only the files before the cut were read. Download or create it again if images are missing.`,
    );
  } else if (damage !== null) {
    collector.warnings.push(
      `${sourceName} is damaged part-way (${damage}); only the files before the damage were read.`,
    );
  }
  return collector.result();
}

async function pushStream(
  source: ByteStreamSource,
  push: (chunk: Uint8Array, final: boolean) => string | null,
  collector: FileCollector,
  signal: AbortSignal | undefined,
): Promise<string | null> {
  const reader = source.stream().getReader();
  try {
    for (;;) {
      if (signal?.aborted) return CANCELLED;
      const { done, value } = await reader.read();
      const problem = done ? push(new Uint8Array(0), true) : push(value, false);
      if (problem !== null) return problem;
      if (collector.refusal !== null) return collector.refusal;
      if (done) return null;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

function onFile(file: UnzipFile, collector: FileCollector, pending: Set<string>): void {
  const decision = collector.decide(file.name, file.originalSize);
  // Not started, so fflate never inflates it ('stop': a declared size or the image count is over the limit).
  if (decision.action !== 'read') {
    if (decision.action === 'skip') collector.skip(file.name, decision.reason);
    return;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let failed = false;
  const fail = (reason: string) => {
    if (failed) return;
    failed = true;
    pending.delete(file.name);
    collector.skip(file.name, reason);
  };
  const unsupported = () => {
    const method = COMPRESSION_NAMES[file.compression] ?? `method ${file.compression}`;
    fail(
      `compressed with ${method}, which cannot be unpacked here; re-create the ZIP with standard (Deflate) compression and no password`,
    );
  };
  pending.add(file.name);
  file.ondata = (err, data, final) => {
    if (failed || collector.refusal !== null) return;
    if (err) {
      if (/unknown compression/i.test(err.message)) unsupported();
      else fail(`could not be unpacked (${err.message}); the archive may be damaged`);
      return;
    }
    chunks.push(data);
    size += data.length;
    collector.count(data.length);
    if (final) {
      pending.delete(file.name);
      collector.add(file.name, concatChunks(chunks, size));
    }
  };
  try {
    file.start();
  } catch {
    unsupported();
  }
}

/**
 * fflate's `Unzip.push` recurses once per file inside the pushed bytes, so one large push of an
 * archive of many small images overflows the stack (measured: 10,000 PNGs of 3 KB in one push).
 * Small slices bound the depth whatever chunk size the stream delivers. Slicing also lets a
 * refusal stop the push part-way: the CLI pushes the whole archive as one chunk.
 */
const PUSH_SLICE = 16 * 1024;

function pushInSlices(unzip: Unzip, chunk: Uint8Array, final: boolean, stopped: () => boolean): void {
  if (chunk.length <= PUSH_SLICE) return unzip.push(chunk, final);
  for (let at = 0; at < chunk.length && !stopped(); at += PUSH_SLICE) {
    const end = Math.min(at + PUSH_SLICE, chunk.length);
    unzip.push(chunk.subarray(at, end), final && end === chunk.length);
  }
}

/** Other archive formats people pick by mistake, by their signatures. */
function notZipReason(head: Uint8Array, name: string): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return null;
  const kind = starts(0x52, 0x61, 0x72, 0x21)
    ? 'a RAR archive'
    : starts(0x37, 0x7a, 0xbc, 0xaf)
      ? 'a 7-Zip archive'
      : starts(0x1f, 0x8b)
        ? 'a gzip file (.tar.gz?)'
        : null;
  return kind
    ? `${name} is ${kind}, not a ZIP; re-pack the images as a .zip, or choose the folder instead`
    : `${name} is not a ZIP archive (it does not start with the ZIP signature); choose a .zip file or a folder of images`;
}

/** Keeps the last `size` bytes of a stream, to look for the end-of-archive record. */
class TailWindow {
  private buf = new Uint8Array(0);
  constructor(private readonly size: number) {}

  push(chunk: Uint8Array): void {
    if (chunk.length >= this.size) {
      this.buf = chunk.slice(chunk.length - this.size);
      return;
    }
    const keep = Math.min(this.buf.length, this.size - chunk.length);
    const next = new Uint8Array(keep + chunk.length);
    next.set(this.buf.subarray(this.buf.length - keep));
    next.set(chunk, keep);
    this.buf = next;
  }

  contains(sig: readonly number[]): boolean {
    outer: for (let i = this.buf.length - sig.length; i >= 0; i--) {
      for (let j = 0; j < sig.length; j++) if (this.buf[i + j] !== sig[j]) continue outer;
      return true;
    }
    return false;
  }
}
