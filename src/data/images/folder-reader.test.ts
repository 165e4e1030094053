import { describe, expect, it } from 'vitest';
import type { FolderEntry } from './folder-reader';
import { folderEntriesFromFiles, readFolder } from './folder-reader';
import { scanImageFolder } from './scan';
import { png } from './test-fixtures';

function entry(path: string, bytes: Uint8Array, reads: string[]): FolderEntry {
  return {
    path,
    size: bytes.length,
    read: async () => {
      reads.push(path);
      return bytes;
    },
  };
}

describe('readFolder', () => {
  it('reads only images and CSV files, and lists the rest without reading them', async () => {
    const reads: string[] = [];
    const entries = [
      entry('pets/cat/1.png', png(1), reads),
      entry('pets/dog/1.png', png(2), reads),
      entry('pets/video.mp4', new Uint8Array(100), reads),
      entry('pets/.DS_Store', new Uint8Array(8), reads),
      entry('pets/labels.csv', new TextEncoder().encode('a,b'), reads),
    ];
    const result = await readFolder(entries, 'pets');
    expect(reads).toEqual(['pets/cat/1.png', 'pets/dog/1.png', 'pets/labels.csv']);
    expect(result.ok && result.files.skipped).toEqual([{ path: 'pets/video.mp4', reason: 'not an image' }]);
  });

  it('refuses a folder whose images exceed the memory limit, before reading any', async () => {
    const reads: string[] = [];
    const big = { path: 'a/1.png', size: 3 * 1024 * 1024, read: async () => (reads.push('x'), new Uint8Array(0)) };
    const result = await readFolder([big, { ...big, path: 'b/2.png' }], 'photos', {
      limits: { maxExtractedBytes: 5 * 1024 * 1024 },
    });
    expect(result).toEqual({
      ok: false,
      error: 'the images in photos add up to 6 MB, over the 5 MB memory limit; use fewer or smaller images',
    });
    expect(reads).toEqual([]);
  });

  it('lists a file that cannot be read, and carries on', async () => {
    const failing: FolderEntry = {
      path: 'a/locked.png',
      size: 10,
      read: () => Promise.reject(new Error('NotReadableError')),
    };
    const result = await readFolder([failing, entry('a/ok.png', png(), [])], 'x');
    expect(result.ok && result.files.skipped).toEqual([
      { path: 'a/locked.png', reason: 'could not be read (NotReadableError)' },
    ]);
    expect(result.ok && result.files.entries.map((e) => e.path)).toEqual(['a/ok.png']);
  });

  it('turns <input webkitdirectory> files into entries and scans them', async () => {
    const file = (rel: string, bytes: Uint8Array) => ({
      name: rel.split('/').at(-1)!,
      size: bytes.length,
      webkitRelativePath: rel,
      arrayBuffer: async () => bytes.slice().buffer,
    });
    const files = [];
    for (let i = 0; i < 5; i++)
      files.push(file(`shapes/round/${i}.png`, png(i)), file(`shapes/square/${i}.png`, png(100 + i)));
    files.push(file('shapes/notes.txt', new TextEncoder().encode('hi')));
    const entries = folderEntriesFromFiles(files);
    expect(entries[0]).toMatchObject({ path: 'shapes/round/0.png', size: png(0).length });
    const result = await scanImageFolder(entries, 'shapes');
    expect(result.ok && result.report.classes).toEqual([
      { name: 'round', count: 5 },
      { name: 'square', count: 5 },
    ]);
    expect(result.ok && result.report.skipped).toEqual([{ path: 'shapes/notes.txt', reason: 'not an image' }]);
  });
});
