import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One screenshot: the state it shows, at one window size and theme. */
export interface Shot {
  /** File name inside the screens folder. */
  readonly file: string;
  /** The state, e.g. "Train · training (mid-run)". */
  readonly caption: string;
  readonly size: string;
  readonly theme: 'light' | 'dark';
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Writes `index.html` beside the screenshots: one row per state, one column per size and theme,
 * each a thumbnail that links to the full image.
 */
export function writeContactSheet(dir: string, shots: readonly Shot[]): void {
  const columns = [...new Set(shots.map((s) => `${s.size} ${s.theme}`))];
  const states = [...new Set(shots.map((s) => s.caption))];
  const cell = (caption: string, column: string) => {
    const shot = shots.find((s) => s.caption === caption && `${s.size} ${s.theme}` === column);
    if (!shot) return '<td></td>';
    const alt = escape(`${caption}, ${column}`);
    return `<td><a href="${escape(shot.file)}"><img src="${escape(shot.file)}" alt="${alt}" loading="lazy"></a><br><small>${escape(column)}</small></td>`;
  };
  const rows = states.map(
    (caption) => `<tr><th scope="row">${escape(caption)}</th>${columns.map((c) => cell(caption, c)).join('')}</tr>`,
  );
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Layerloom screens</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 16px; background: #f6f7f9; color: #16181d; }
  table { border-collapse: collapse; }
  th { text-align: left; vertical-align: top; padding: 8px; max-width: 14em; }
  td { padding: 8px; vertical-align: top; text-align: center; }
  img { width: 280px; border: 1px solid #cfd4dc; background: #fff; }
  small { color: #5d6470; }
</style>
</head>
<body>
<h1>Layerloom screens</h1>
<p>${shots.length} screenshots, ${new Date().toISOString()}. Click a thumbnail for the full image.</p>
<table>
<thead><tr><th>State</th>${columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
  writeFileSync(join(dir, 'index.html'), html);
}
