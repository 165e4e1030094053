import { describe, expect, it } from 'vitest';
import type { ImageScanReport, ImageScanResult } from './scan';
import { scanImageFiles, scanImageZip } from './scan';
import { collected, corruptPng, encodePng, png, pngs, zipOf } from './test-fixtures';

function report(result: ImageScanResult): ImageScanReport {
  if (!result.ok) throw new Error(`scan failed: ${result.error}`);
  return result.report;
}

function error(result: ImageScanResult): string {
  if (result.ok) throw new Error('scan succeeded; a failure was expected');
  return result.error;
}

describe('class-folder layout', () => {
  it('finds the classes under a common root folder and reports counts, skips and no warnings', async () => {
    const zip = zipOf({
      ...pngs('animals/cat', 6),
      ...pngs('animals/dog', 5),
      'animals/cat/broken.png': corruptPng(),
      'animals/notes.txt': 'not a picture',
      'animals/dog/.DS_Store': 'finder',
      '__MACOSX/animals/cat/._img1.png': 'resource fork',
      'animals/dog/Thumbs.db': 'windows',
    });
    const r = report(await scanImageZip(zip, 'animals.zip'));
    expect(r.layout).toBe('class-folders');
    expect(r.root).toBe('animals');
    expect(r.labelsFile).toBeNull();
    expect(r.classes).toEqual([
      { name: 'cat', count: 6 },
      { name: 'dog', count: 5 },
    ]);
    expect(r.skipped).toEqual([
      { path: 'animals/cat/broken.png', reason: 'damaged PNG: the first chunk is not IHDR' },
      { path: 'animals/notes.txt', reason: 'not an image' },
    ]);
    expect(r.warnings).toEqual([]);
    expect(r.samples.map((s) => `${s.label}:${s.path}`).slice(0, 3)).toEqual([
      'cat:animals/cat/img1.png',
      'cat:animals/cat/img2.png',
      'cat:animals/cat/img3.png',
    ]);
    expect(r.samples[0]).toMatchObject({ format: 'png', width: 2, height: 2 });
    expect(r.largest).toEqual({ path: 'animals/cat/img1.png', width: 2, height: 2 });
  });

  it('works with class folders at the top level and counts nested sub-folders in their class', () => {
    const r = report(scanImageFiles(collected({ ...pngs('cat', 5), ...pngs('cat/indoor', 2), ...pngs('dog', 5) })));
    expect(r.root).toBe('');
    expect(r.classes).toEqual([
      { name: 'cat', count: 7 },
      { name: 'dog', count: 5 },
    ]);
  });

  it('sorts classes naturally (class2 before class10) and samples naturally within a class', () => {
    const r = report(
      scanImageFiles(collected({ ...pngs('d/class10', 5), ...pngs('d/class2', 5), ...pngs('d/Class1', 5) })),
    );
    expect(r.classes.map((c) => c.name)).toEqual(['Class1', 'class2', 'class10']);
    const firstClass = r.samples.filter((s) => s.label === 'Class1').map((s) => s.path);
    expect(firstClass).toEqual([
      'd/Class1/img1.png',
      'd/Class1/img2.png',
      'd/Class1/img3.png',
      'd/Class1/img4.png',
      'd/Class1/img5.png',
    ]);
  });

  it('gives the specific message when images sit at the top level with no class folders', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i++) files[`photo${i}.png`] = png(i);
    expect(error(scanImageFiles(collected(files)))).toBe(
      "found 12 images at the top level but no class folders; put each class's images in its own folder, e.g. cats/…, dogs/…, or add a labels.csv with filename,label",
    );
  });

  it('says a ZIP with all its images in one folder has only one class folder, names it and says what to add', async () => {
    expect(error(scanImageFiles(collected(pngs('holiday/photos', 3))))).toBe(
      'found only one class folder, "photos" (3 images, in "holiday"); a classifier needs at least two classes: add a folder for each other class next to "photos", or add a labels.csv with filename,label',
    );
    expect(error(await scanImageZip(zipOf(pngs('cat', 6)), 'cats.zip'))).toBe(
      'found only one class folder, "cat" (6 images); a classifier needs at least two classes: add a folder for each other class next to "cat", or add a labels.csv with filename,label',
    );
  });

  it('refuses a single class and explains what to add', () => {
    const result = scanImageFiles(collected({ ...pngs('pets/cat', 6), 'pets/readme.png': png() }));
    expect(error(result)).toBe(
      'found only one class, "cat" (6 images); a classifier needs at least two: add a folder for each other class next to "cat"',
    );
    expect(!result.ok && result.skipped.map((s) => s.path)).toEqual(['pets/readme.png']);
  });

  it('skips images lying next to the class folders, with a warning', () => {
    const r = report(scanImageFiles(collected({ ...pngs('x/a', 5), ...pngs('x/b', 5), 'x/cover.png': png() })));
    expect(r.skipped).toEqual([
      {
        path: 'x/cover.png',
        reason: 'not inside a class folder (it sits directly in "x"); move it into one of the class folders (a, b)',
      },
    ]);
    expect(r.warnings).toEqual(['1 image is not inside a class folder and was left out.']);
  });

  it('warns about classes with fewer than 5 images, and about very unbalanced classes', () => {
    const small = report(scanImageFiles(collected({ ...pngs('a', 4), ...pngs('b', 5) })));
    expect(small.warnings).toEqual([
      'class "a" has only 4 images; add at least 5 per class so the training, validation and test splits each get some',
    ]);
    const skewed = report(scanImageFiles(collected({ ...pngs('a', 50), ...pngs('b', 5) })));
    expect(skewed.warnings).toEqual([
      'the classes are very unbalanced ("a" has 50 images, "b" only 5); the model may learn to ignore the small classes',
    ]);
  });

  it('reports an archive with no images, and one whose images are all damaged', () => {
    expect(error(scanImageFiles(collected({ 'a/readme.md': '# hi' })))).toBe(
      'found no images in test.zip; supported types are PNG, JPEG, WebP, GIF and BMP',
    );
    const allBad = scanImageFiles(collected({ 'a/1.png': corruptPng(), 'b/2.jpg': 'text, not a jpeg' }));
    expect(error(allBad)).toBe(
      'found no usable images in test.zip: all 2 image files are damaged or not really images (see the skipped files)',
    );
    expect(!allBad.ok && allBad.skipped.map((s) => s.reason)).toEqual([
      'damaged PNG: the first chunk is not IHDR',
      'not a valid image: its bytes do not start with a PNG, JPEG, WebP, GIF or BMP signature',
    ]);
  });

  it('accepts an image whose extension names another format, by its bytes', () => {
    const r = report(scanImageFiles(collected({ ...pngs('a', 5), ...pngs('b', 4), 'b/really-a-png.jpg': png() })));
    expect(r.samples.find((s) => s.path === 'b/really-a-png.jpg')?.format).toBe('png');
  });
});

describe('what the images have in common, for the size and colour defaults', () => {
  const gray = (size: number) => encodePng(size, size, () => 90, { gray: true });
  it('reports one shared size and all-gray files', () => {
    const r = report(scanImageFiles(collected({ 'a/1.png': gray(28), 'a/2.png': gray(28), 'b/1.png': gray(28) })));
    expect(r.largest).toMatchObject({ width: 28, height: 28 });
    expect(r.sameSize).toBe(true);
    expect(r.allGray).toBe(true);
  });
  it('one RGB file or one other size is enough to say no', () => {
    const r = report(scanImageFiles(collected({ 'a/1.png': gray(28), 'a/2.png': gray(30), 'b/1.png': png(40, 28) })));
    expect(r.largest).toMatchObject({ width: 30, height: 30 });
    expect(r.sameSize).toBe(false);
    expect(r.allGray).toBe(false);
  });
});
