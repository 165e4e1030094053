/** Path handling shared by the ZIP and folder readers and the layout detection. */

/** Forward slashes, no leading `./` or `/`, no empty or `.` segments. */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((seg) => seg !== '' && seg !== '.')
    .join('/');
}

const JUNK_NAMES = new Set(['thumbs.db', 'desktop.ini', 'ehthumbs.db']);

/**
 * Files that operating systems add on their own (macOS resource forks and .DS_Store, Windows
 * thumbnail caches) and hidden files: ignored silently, because nobody put them there on purpose.
 */
export function isJunkPath(path: string): boolean {
  const segments = normalizePath(path).split('/');
  if (segments[0] === '__MACOSX') return true;
  if (segments.some((seg) => seg.startsWith('.'))) return true;
  return JUNK_NAMES.has((segments[segments.length - 1] ?? '').toLowerCase());
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, rel: string): string {
  return normalizePath(dir === '' ? rel : `${dir}/${rel}`);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order: `class2` before `class10`; ties broken by code points so the order is total. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
