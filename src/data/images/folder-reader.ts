/**
 * Reading a folder the user picked (directory picker, `<input webkitdirectory>`) or dropped. The UI
 * turns whatever the browser gives it into `FolderEntry`s; only images and CSV files are read.
 */
import type { CollectResult, ReadOptions } from './collect';
import { CANCELLED, FileCollector } from './collect';
import { formatBytes, withDefaultLimits } from './limits';
import { normalizePath } from './paths';

/** One file of a picked or dropped folder. `path` is relative to what was picked, with `/`. */
export interface FolderEntry {
  readonly path: string;
  /** Size in bytes, known before reading (File.size). */
  readonly size: number;
  read(): Promise<Uint8Array>;
}

/** The parts of a browser `File` that folder reading needs. */
export interface FileLike {
  readonly name: string;
  readonly size: number;
  /** Set by `<input webkitdirectory>`: `picked/cats/1.png`. */
  readonly webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Entries from `<input webkitdirectory>` files, or from files with paths collected by the caller. */
export function folderEntriesFromFiles(files: Iterable<FileLike>, pathOf?: (file: FileLike) => string): FolderEntry[] {
  return [...files].map((file) => ({
    path: normalizePath(pathOf?.(file) ?? (file.webkitRelativePath || file.name)),
    size: file.size,
    read: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}

export async function readFolder(
  entries: readonly FolderEntry[],
  sourceName: string,
  options: ReadOptions = {},
): Promise<CollectResult> {
  const limits = withDefaultLimits(options.limits);
  const collector = new FileCollector(sourceName, limits, options.readText);
  const toRead: FolderEntry[] = [];
  for (const entry of entries) {
    const decision = collector.decide(entry.path, entry.size);
    if (decision.action === 'stop') break;
    if (decision.action === 'read') toRead.push(entry);
    else if (decision.action === 'skip') collector.skip(entry.path, decision.reason);
  }
  if (collector.refusal !== null) return { ok: false, error: collector.refusal };
  const total = toRead.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxExtractedBytes) {
    return {
      ok: false,
      error: `the images in ${sourceName} add up to ${formatBytes(total)}, over the ${formatBytes(limits.maxExtractedBytes)} memory limit; use fewer or smaller images`,
    };
  }
  let done = 0;
  for (const entry of toRead) {
    if (options.signal?.aborted) return { ok: false, error: CANCELLED };
    try {
      const bytes = await entry.read();
      collector.count(bytes.length);
      collector.add(entry.path, bytes);
      done += bytes.length;
      options.onProgress?.(done, total);
    } catch (e) {
      collector.skip(entry.path, `could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
    if (collector.refusal !== null) break;
  }
  return collector.result();
}
