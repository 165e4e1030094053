/** Names inside archives: paths that leave the archive, Unicode forms, and control characters. */
import { describe, expect, it } from 'vitest';
import { archiveName, showControls } from './paths';
import type { ImageScanReport, ImageScanResult } from './scan';
import { scanImageFolder, scanImageZip } from './scan';
import { png, pngs, zipOf } from './test-fixtures';

function report(result: ImageScanResult): ImageScanReport {
  if (!result.ok) throw new Error(`scan failed: ${result.error}`);
  return result.report;
}

const RLO = '\u202E';

describe('entries whose path leaves the archive', () => {
  it('are listed as skipped with the reason, not read', async () => {
    const zip = zipOf({
      ...pngs('a', 5),
      ...pngs('b', 5),
      '../evil.png': png(),
      'b/../../up.png': png(),
      '..\\win.png': png(),
    });
    const r = report(await scanImageZip(zip, 'x.zip'));
    expect(r.samples).toHaveLength(10);
    const reason = 'path leaves the archive (../); not read';
    expect(r.skipped).toEqual([
      { path: '../evil.png', reason },
      { path: '../win.png', reason },
      { path: 'b/../../up.png', reason },
    ]);
  });
});

describe('Unicode forms', () => {
  it('a class folder named "café" with a composed é and with e + U+0301 is one class', async () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const zip = zipOf({ ...pngs(composed, 3), ...pngs(decomposed, 3, 'other'), ...pngs('tea', 5) });
    const r = report(await scanImageZip(zip, 'drinks.zip'));
    expect(r.classes).toEqual([
      { name: composed, count: 6 },
      { name: 'tea', count: 5 },
    ]);
  });

  it('a labels CSV matches a file and merges a label written in the other form', async () => {
    const csv = [
      'file,label',
      ...[1, 2, 3, 4, 5].map((i) => `cafe\u0301${i}.png,cafe\u0301`),
      ...[1, 2, 3, 4, 5].map((i) => `t${i}.png,tea`),
    ];
    const files: Record<string, Uint8Array | string> = { 'labels.csv': csv.join('\n') };
    for (let i = 1; i <= 5; i++) {
      files[`caf\u00e9${i}.png`] = png(i);
      files[`t${i}.png`] = png(i + 9);
    }
    const r = report(await scanImageZip(zipOf(files), 'drinks.zip'));
    expect(r.classes).toEqual([
      { name: 'caf\u00e9', count: 5 },
      { name: 'tea', count: 5 },
    ]);
    expect(r.warnings).toEqual([]);
  });
});

describe('control characters in names', () => {
  it('are shown as <U+XXXX> in class names, skipped files and messages', async () => {
    const zip = zipOf({
      ...pngs(`evil${RLO}gnp`, 5),
      ...pngs('plain', 5),
      [`plain/notes${RLO}txt.exe`]: 'not a picture',
      'plain/line\nbreak.png': 'not a png',
    });
    const r = report(await scanImageZip(zip, `x${RLO}.zip`));
    expect(r.sourceName).toBe('x<U+202E>.zip');
    expect(r.classes.map((c) => c.name)).toEqual(['evil<U+202E>gnp', 'plain']);
    expect(r.samples[0]!.path).toBe('evil<U+202E>gnp/img1.png');
    expect(r.skipped.map((s) => s.path)).toEqual(['plain/line<U+000A>break.png', 'plain/notes<U+202E>txt.exe']);
    const oneClass = await scanImageZip(zipOf(pngs(`only${RLO}one`, 3)), 'one.zip');
    expect(!oneClass.ok && oneClass.error).toMatch(/^found only one class folder, "only<U\+202E>one" \(3 images\)/);
    expect(JSON.stringify(r.classes) + JSON.stringify(r.skipped)).not.toMatch(/[\u202a-\u202e\n]/);
  });

  it('in a picked folder and in labels CSV cells too', async () => {
    const entries = [`a${RLO}b/1.png`, 'c/1.png'].map((path) => ({
      path,
      size: png().length,
      read: async () => png(),
    }));
    const folder = report(await scanImageFolder(entries, `pics${RLO}`));
    expect([folder.sourceName, ...folder.classes.map((c) => c.name)]).toEqual(['pics<U+202E>', 'a<U+202E>b', 'c']);
    const zip = zipOf({ 'labels.csv': `1.png,x${RLO}y\n2.png,z\n`, '1.png': png(1), '2.png': png(2) });
    expect(report(await scanImageZip(zip, 'l.zip')).classes.map((c) => c.name)).toEqual(['x<U+202E>y', 'z']);
  });

  it('one helper escapes every bidirectional and C0/C1 control, and nothing else', () => {
    const controls =
      '\u0000\u001b\u007f\u0085\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(showControls(controls)).toBe(
      [...controls].map((c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`).join(''),
    );
    expect(showControls('café ü 猫 🐱 a-b_c (1).png')).toBe('café ü 猫 🐱 a-b_c (1).png');
    expect(archiveName(`cafe\u0301${RLO}`)).toBe('caf\u00e9<U+202E>');
  });
});
