/**
 * What the ZIP and folder readers share: which files to read at all, the running byte budget, and
 * the result they both hand to the layout scan. Only images (by extension) and CSV files are read (and .txt with `readText`);
 * everything else is listed as skipped without reading its bytes.
 */
import { extensionOf, formatFromExtension, notAnImageReason } from './formats';
import type { ImageLimits } from './limits';
import { formatBytes } from './limits';
import { isJunkPath, normalizePath } from './paths';

/** A file that will not become a sample, and why (shown to the user as `path: reason`). */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

/** A file read from an archive or folder; paths use `/` and have no leading `./`. */
export interface ArchiveEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface CollectedFiles {
  /** The archive or folder name, for messages and the dataset name. */
  readonly sourceName: string;
  /** Image files (by extension) and CSV files, in archive order. */
  readonly entries: readonly ArchiveEntry[];
  readonly skipped: readonly SkippedFile[];
  readonly warnings: readonly string[];
}

export type CollectResult =
  { readonly ok: true; readonly files: CollectedFiles } | { readonly ok: false; readonly error: string };

export interface ReadOptions {
  readonly limits?: Partial<ImageLimits>;
  readonly signal?: AbortSignal;
  /** Called as bytes are read: `done` and `total` in bytes (total is null when unknown). */
  readonly onProgress?: (done: number, total: number | null) => void;
  /** Read .txt files as well (the data worker decides between text and images from them). */
  readonly readText?: boolean;
}

export const CANCELLED = 'Reading the images was cancelled.';

/** Largest labels CSV read; a bigger "CSV" is not a list of file names. */
const MAX_CSV_BYTES = 64 * 1024 * 1024;

/** `stop`: a limit is crossed (see `refusal`); read nothing more, this file included. */
export type FileDecision =
  | { readonly action: 'ignore' }
  | { readonly action: 'skip'; readonly reason: string }
  | { readonly action: 'read' }
  | { readonly action: 'stop' };

/** Shown for an entry such as `../../etc/x.png`, which would land outside the folder it is unpacked into. */
export const LEAVES_ARCHIVE = 'path leaves the archive (../); not read';

export class FileCollector {
  readonly entries: ArchiveEntry[] = [];
  readonly skipped: SkippedFile[] = [];
  readonly warnings: string[] = [];
  private imageCount = 0;
  private bytes = 0;
  /** Set once a limit is crossed; the readers stop and return it. */
  refusal: string | null = null;

  constructor(
    readonly sourceName: string,
    private readonly limits: ImageLimits,
    private readonly readText = false,
  ) {}

  /** Decides from the path alone (and the size, when known) whether to read a file. */
  decide(rawPath: string, size?: number | null): FileDecision {
    if (this.refusal !== null) return { action: 'stop' };
    const path = normalizePath(rawPath);
    if (path === '' || rawPath.endsWith('/')) return { action: 'ignore' };
    // Before the junk check, which would drop `..` silently as a hidden name.
    if (path.split('/').includes('..')) return { action: 'skip', reason: LEAVES_ARCHIVE };
    if (isJunkPath(path)) return { action: 'ignore' };
    const isCsv = extensionOf(path) === 'csv';
    // With `readText`, .txt files are read too: a ZIP or folder of them is a text dataset (the data worker routes it).
    const isText = extensionOf(path) === 'txt';
    if (isText && this.readText) return this.fits(size) ? { action: 'read' } : { action: 'stop' };
    if (!isCsv && formatFromExtension(path) === null) return { action: 'skip', reason: notAnImageReason(path) };
    if (isCsv && size != null && size > MAX_CSV_BYTES) {
      return {
        action: 'skip',
        reason: `CSV of ${formatBytes(size)} is too large to be a labels file (limit ${formatBytes(MAX_CSV_BYTES)})`,
      };
    }
    // A declared size is checked before the entry is inflated at all: a header that claims gigabytes stops the read here.
    if (size != null && this.bytes + size > this.limits.maxExtractedBytes) {
      this.refuseExtracted();
      return { action: 'stop' };
    }
    if (!isCsv) {
      this.imageCount += 1;
      if (this.imageCount > this.limits.maxImages) {
        this.refusal = `${this.sourceName} has more than ${this.limits.maxImages.toLocaleString('en-US')} images, the most that can be loaded; use a subset`;
        return { action: 'stop' };
      }
    }
    return { action: 'read' };
  }

  /** False (and the read refused) when a declared size would pass the unpacked-bytes limit. */
  private fits(size?: number | null): boolean {
    if (size != null && this.bytes + size > this.limits.maxExtractedBytes) {
      this.refuseExtracted();
      return false;
    }
    return true;
  }

  skip(rawPath: string, reason: string): void {
    this.skipped.push({ path: normalizePath(rawPath), reason });
  }

  /** Counts bytes as they arrive, so a ZIP that inflates without end is stopped part-way. */
  count(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxExtractedBytes) this.refuseExtracted();
  }

  private refuseExtracted(): void {
    this.refusal ??=
      `the images in ${this.sourceName} add up to more than ${formatBytes(this.limits.maxExtractedBytes)} once unpacked, ` +
      `over the memory limit; use fewer or smaller images`;
  }

  add(rawPath: string, bytes: Uint8Array): void {
    this.entries.push({ path: normalizePath(rawPath), bytes });
  }

  result(): CollectResult {
    if (this.refusal !== null) return { ok: false, error: this.refusal };
    return {
      ok: true,
      files: { sourceName: this.sourceName, entries: this.entries, skipped: this.skipped, warnings: this.warnings },
    };
  }
}

/** Joins chunks into one array (no copy for a single chunk). */
export function concatChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
