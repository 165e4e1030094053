/** What was dropped: one file, or a folder walked into files with their relative paths. */
export type Dropped =
  | { readonly kind: 'file'; readonly file: File | null }
  | { readonly kind: 'folder'; readonly name: string; readonly files: { path: string; file: File }[] };

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    // readEntries hands over at most ~100 entries per call; call until it returns none.
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, prefix: string, out: { path: string; file: File }[]) {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, file });
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, path, out);
  }
}

export async function filesOfDrop(data: DataTransfer): Promise<Dropped> {
  const entry = data.items[0]?.webkitGetAsEntry?.() ?? null;
  if (entry?.isDirectory) {
    const files: { path: string; file: File }[] = [];
    await walk(entry, '', files);
    return { kind: 'folder', name: entry.name, files };
  }
  return { kind: 'file', file: data.files[0] ?? null };
}
