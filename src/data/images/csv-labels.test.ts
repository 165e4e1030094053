import { describe, expect, it } from 'vitest';
import type { ImageScanReport, ImageScanResult } from './scan';
import { scanImageFiles, scanImageZip } from './scan';
import { collected, png, pngs, zipOf } from './test-fixtures';

function report(result: ImageScanResult): ImageScanReport {
  if (!result.ok) throw new Error(`scan failed: ${result.error}`);
  return result.report;
}

const flat = (n: number, dir = 'data/images') => pngs(dir, n, 'p');

describe('labels-CSV layout', () => {
  it('labels images from a CSV with a header, paths relative to the CSV', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `images/p${i + 1}.png,${i < 5 ? 'cat' : 'dog'}`);
    const zip = zipOf({ ...flat(10), 'data/labels.csv': `filename,label\n${rows.join('\n')}\n` });
    const r = report(await scanImageZip(zip, 'pets.zip'));
    expect(r.layout).toBe('csv-labels');
    expect(r.labelsFile).toBe('data/labels.csv');
    expect(r.root).toBe('data');
    expect(r.classes).toEqual([
      { name: 'cat', count: 5 },
      { name: 'dog', count: 5 },
    ]);
    expect(r.samples.find((s) => s.path === 'data/images/p7.png')?.label).toBe('dog');
    expect(r.skipped).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('works without a header, and finds the columns by name when they are in another order', () => {
    const files = { ...flat(4, 'imgs') };
    const noHeader = report(
      scanImageFiles(collected({ ...files, 'imgs/labels.csv': 'p1.png,a\np2.png,a\np3.png,b\np4.png,b' })),
    );
    expect(noHeader.classes).toEqual([
      { name: 'a', count: 2 },
      { name: 'b', count: 2 },
    ]);
    const reordered = report(
      scanImageFiles(
        collected({ ...files, 'imgs/labels.csv': 'class,notes,file\nx,,p1.png\nx,,p2.png\ny,,p3.png\ny,big,p4.png' }),
      ),
    );
    expect(reordered.classes).toEqual([
      { name: 'x', count: 2 },
      { name: 'y', count: 2 },
    ]);
  });

  it('matches ids without an extension, and file names in another case', () => {
    const r = report(
      scanImageFiles(
        collected({ ...flat(4, 'train'), 'train/labels.csv': '\uFEFFid,label\np1,a\nP2.PNG,a\np3,b\np4,b\n' }),
      ),
    );
    expect(r.samples.map((s) => `${s.path}=${s.label}`)).toEqual([
      'train/p1.png=a',
      'train/p2.png=a',
      'train/p3.png=b',
      'train/p4.png=b',
    ]);
  });

  it('skips unlisted images, and warns about missing files, empty labels and conflicting rows', () => {
    const csv = [
      'file,label',
      'p1.png,a',
      'p2.png,a',
      'p3.png,b',
      'p4.png,',
      'gone.png,b',
      'p1.png,b',
      'p6.png,b',
    ].join('\n');
    const r = report(scanImageFiles(collected({ ...flat(6, 'd'), 'd/labels.csv': csv })));
    expect(r.classes).toEqual([
      { name: 'a', count: 2 },
      { name: 'b', count: 2 },
    ]);
    expect(r.skipped).toEqual([
      { path: 'd/p4.png', reason: 'has no label in d/labels.csv' },
      { path: 'd/p5.png', reason: 'not listed in d/labels.csv' },
    ]);
    expect(r.warnings.slice(0, 3)).toEqual([
      'd/labels.csv lists 1 file that is missing or not a valid image: gone.png (line 6).',
      'd/labels.csv gives no label for p4.png (line 5); it was left out.',
      'd/labels.csv labels some files twice with different labels; the first label was kept: p1.png (line 7: "b", earlier "a").',
    ]);
  });

  it('explains a CSV that matches none of the images', () => {
    const result = scanImageFiles(
      collected({ ...flat(3, 'd'), 'd/labels.csv': 'file,label\ncat1.jpg,cat\ndog1.jpg,dog' }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBe(
      'd/labels.csv matched none of the 3 images; its "file" column should hold file names relative to the folder "d", e.g. "p1.png"',
    );
  });

  it('needs two columns', () => {
    const result = scanImageFiles(collected({ ...flat(2, 'd'), 'd/labels.csv': 'p1.png\np2.png' }));
    expect(!result.ok && result.error).toBe(
      'd/labels.csv has one column; it needs two, filename and label (e.g. "cat_001.png,cat")',
    );
  });

  it('falls back to class folders when a stray CSV lists none of the images', () => {
    const r = report(
      scanImageFiles(
        collected({ ...pngs('set/a', 5), ...pngs('set/b', 5), 'set/stats.csv': 'epoch,loss\n1,0.5\n2,0.4' }),
      ),
    );
    expect(r.layout).toBe('class-folders');
    expect(r.warnings[0]).toMatch(
      /^set\/stats\.csv was ignored \(set\/stats\.csv matched none of the 10 images; .*\); the class folders were used instead\.$/,
    );
  });

  it('picks labels.csv among several CSVs and lists the others as not used', () => {
    const r = report(
      scanImageFiles(
        collected({
          ...flat(2, 'd'),
          'd/labels.csv': 'p1.png,a\np2.png,b',
          'd/meta.csv': 'x,y\n1,2',
          'd/extra.png': png(),
        }),
      ),
    );
    expect(r.labelsFile).toBe('d/labels.csv');
    expect(r.skipped).toEqual([
      { path: 'd/extra.png', reason: 'not listed in d/labels.csv' },
      { path: 'd/meta.csv', reason: 'not used: the labels come from d/labels.csv' },
    ]);
  });

  it('refuses to guess between several CSVs when none is named like a labels file', () => {
    const result = scanImageFiles(collected({ ...flat(2, 'd'), 'd/a.csv': 'p1.png,a', 'd/b.csv': 'p2.png,b' }));
    expect(!result.ok && result.error).toBe(
      'found several CSV files (d/a.csv, d/b.csv) and cannot tell which one holds the labels; keep only one, named labels.csv',
    );
  });
});
