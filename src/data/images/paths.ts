/** Path handling shared by the ZIP and folder readers and the layout detection. */

/**
 * Forward slashes, no leading `./` or `/`, no empty or `.` segments, and the name as `archiveName`
 * keeps it. Every path from a ZIP, a folder or a labels CSV passes here, so the same file named
 * two ways still matches itself, and no path shown anywhere can hide or reorder its characters.
 */
export function normalizePath(path: string): string {
  return archiveName(
    path
      .replace(/\\/g, '/')
      .split('/')
      .filter((seg) => seg !== '' && seg !== '.')
      .join('/'),
  );
}

/**
 * Control characters: bidirectional controls (U+202E shows `gnp.exe` for `exe.png`), C0 and C1
 * controls (a newline in a name would forge a line of CLI output) and line separators.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Each control character as `<U+202E>`: the one way names from archives are shown, here and in the CLI. */
export function showControls(text: string): string {
  return text.replace(CONTROLS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * A name from an archive (file or folder name, class label) as Layerloom keeps and shows it: in NFC,
 * so "café" typed with a composed é and with e + U+0301 is one class, with controls escaped.
 */
export function archiveName(name: string): string {
  return showControls(name.normalize('NFC'));
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
