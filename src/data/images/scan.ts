/**
 * From the files of an archive or folder to a labelled list of images plus a report a person can
 * read: classes with counts, every skipped file with its reason, and warnings. Nothing is decoded
 * here (that needs the browser); signatures and headers are checked so damaged files are caught early.
 */
import type { ArchiveEntry, CollectedFiles, ReadOptions, SkippedFile } from './collect';
import { chooseLabelsCsv, csvLabelLayout } from './csv-labels';
import type { FolderEntry } from './folder-reader';
import { readFolder } from './folder-reader';
import { extensionOf, formatFromExtension, isGrayscaleEncoded, notAnImageReason, readImageHeader } from './formats';
import type { LayoutResult } from './layout';
import { classFolderLayout } from './layout';
import { archiveName, naturalCompare } from './paths';
import type { ImageSample, ValidImage } from './sample';
import type { ZipSource } from './zip-reader';
import { readZip } from './zip-reader';

/** Fewer images than this in a class draws a warning: the split leaves it almost nothing to test on. */
export const MIN_IMAGES_PER_CLASS = 5;

export interface ClassCount {
  readonly name: string;
  readonly count: number;
}

export interface ImageScanReport {
  /** The archive or folder name. */
  readonly sourceName: string;
  readonly layout: 'class-folders' | 'csv-labels';
  /** The folder holding the class folders (or the labels CSV); '' for the top level. */
  readonly root: string;
  readonly labelsFile: string | null;
  /** Classes in natural order (`class2` before `class10`); their index is the label index. */
  readonly classes: readonly ClassCount[];
  /** Labelled, valid images, by class then path in natural order. */
  readonly samples: readonly ImageSample[];
  /** Every file left out, with the reason, in path order. */
  readonly skipped: readonly SkippedFile[];
  readonly warnings: readonly string[];
  /** The image with the most pixels, so the UI can say how large the inputs are. */
  readonly largest: { readonly path: string; readonly width: number; readonly height: number } | null;
  /** True when every image has the size of `largest`. */
  readonly sameSize: boolean;
  /** True when every image file is stored as grayscale (see isGrayscaleEncoded). */
  readonly allGray: boolean;
}

export type ImageScanResult =
  | { readonly ok: true; readonly report: ImageScanReport }
  | {
      readonly ok: false;
      readonly error: string;
      readonly skipped: readonly SkippedFile[];
      readonly warnings: readonly string[];
    };

/** The report without the image bytes: what the worker posts to the UI (cheap to clone). */
export type ImageScanSummary = Omit<ImageScanReport, 'samples'> & { readonly sampleCount: number };

export function summarizeScan(report: ImageScanReport): ImageScanSummary {
  const { samples, ...rest } = report;
  return { ...rest, sampleCount: samples.length };
}

/** Reads a ZIP (streamed) and scans it. */
export async function scanImageZip(
  source: ZipSource,
  sourceName: string,
  options?: ReadOptions,
): Promise<ImageScanResult> {
  const read = await readZip(source, archiveName(sourceName), options);
  return read.ok ? scanImageFiles(read.files) : { ok: false, error: read.error, skipped: [], warnings: [] };
}

/** Reads a picked or dropped folder and scans it. */
export async function scanImageFolder(
  entries: readonly FolderEntry[],
  sourceName: string,
  options?: ReadOptions,
): Promise<ImageScanResult> {
  const read = await readFolder(entries, archiveName(sourceName), options);
  return read.ok ? scanImageFiles(read.files) : { ok: false, error: read.error, skipped: [], warnings: [] };
}

export function scanImageFiles(files: CollectedFiles): ImageScanResult {
  const skipped: SkippedFile[] = [...files.skipped];
  const warnings: string[] = [...files.warnings];
  const csvs = files.entries.filter((e) => extensionOf(e.path) === 'csv');
  const images: ValidImage[] = [];
  let imageFiles = 0;
  for (const entry of files.entries) {
    if (extensionOf(entry.path) === 'csv') continue;
    if (formatFromExtension(entry.path) === null) {
      skipped.push({ path: entry.path, reason: notAnImageReason(entry.path) });
      continue;
    }
    imageFiles++;
    const header = readImageHeader(entry.bytes);
    if (header.ok)
      images.push({
        path: entry.path,
        format: header.format,
        width: header.width,
        height: header.height,
        bytes: entry.bytes,
      });
    else skipped.push({ path: entry.path, reason: header.reason });
  }
  const fail = (error: string): ImageScanResult => ({ ok: false, error, skipped: sortSkipped(skipped), warnings });

  if (images.length === 0) {
    return fail(
      imageFiles > 0
        ? `found no usable images in ${files.sourceName}: all ${imageFiles} image file${imageFiles === 1 ? ' is' : 's are'} damaged or not really images (see the skipped files)`
        : `found no images in ${files.sourceName}; supported types are PNG, JPEG, WebP, GIF and BMP`,
    );
  }

  const layout = chooseLayout(csvs, images, warnings, skipped);
  if (!layout.ok) return fail(layout.error);
  skipped.push(...layout.skipped);
  warnings.push(...layout.warnings);

  const counts = new Map<string, number>();
  for (const s of layout.labelled) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  const classes = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => naturalCompare(a.name, b.name));
  if (classes.length === 1) {
    const only = classes[0]!;
    return fail(
      `found only one class, "${only.name}" (${only.count} image${only.count === 1 ? '' : 's'}); a classifier needs at least two: ` +
        (layout.labelsFile
          ? `give the images in ${layout.labelsFile} at least two different labels`
          : `add a folder for each other class next to "${only.name}"`),
    );
  }
  warnings.push(...classWarnings(classes));

  const rank = new Map(classes.map((c, i) => [c.name, i]));
  const samples = [...layout.labelled].sort(
    (a, b) => rank.get(a.label)! - rank.get(b.label)! || naturalCompare(a.path, b.path),
  );
  let largest: ImageScanReport['largest'] = null;
  for (const s of samples)
    if (largest === null || s.width * s.height > largest.width * largest.height)
      largest = { path: s.path, width: s.width, height: s.height };
  const sameSize = samples.every((s) => s.width === largest!.width && s.height === largest!.height);
  const allGray = samples.every((s) => isGrayscaleEncoded(s.format, s.bytes));

  return {
    ok: true,
    report: {
      sourceName: files.sourceName,
      layout: layout.labelsFile === null ? 'class-folders' : 'csv-labels',
      root: layout.root,
      labelsFile: layout.labelsFile,
      classes,
      samples,
      skipped: sortSkipped(skipped),
      warnings,
      largest,
      sameSize,
      allGray,
    },
  };
}

/**
 * A labels CSV wins when there is one and it names images; a CSV that names none (some other
 * table that happens to sit in the archive) gives way to class folders when those work.
 */
function chooseLayout(
  csvs: readonly ArchiveEntry[],
  images: ValidImage[],
  warnings: string[],
  skipped: SkippedFile[],
): LayoutResult {
  if (csvs.length === 0) return classFolderLayout(images);
  const chosen = chooseLabelsCsv(csvs);
  if (typeof chosen === 'string') {
    const folders = classFolderLayout(images);
    return folders.ok ? folders : { ok: false, error: chosen };
  }
  const byCsv = csvLabelLayout(chosen, images);
  if (byCsv.ok) {
    for (const other of csvs)
      if (other !== chosen) skipped.push({ path: other.path, reason: `not used: the labels come from ${chosen.path}` });
    return byCsv;
  }
  const folders = classFolderLayout(images);
  if (!folders.ok) return byCsv;
  warnings.push(`${chosen.path} was ignored (${byCsv.error}); the class folders were used instead.`);
  return folders;
}

function classWarnings(classes: readonly ClassCount[]): string[] {
  const out: string[] = [];
  for (const c of classes) {
    if (c.count < MIN_IMAGES_PER_CLASS) {
      out.push(
        `class "${c.name}" has only ${c.count} image${c.count === 1 ? '' : 's'}; add at least ${MIN_IMAGES_PER_CLASS} per class so the training, validation and test splits each get some`,
      );
    }
  }
  const counts = classes.map((c) => c.count);
  const most = Math.max(...counts);
  const least = Math.min(...counts);
  if (least >= MIN_IMAGES_PER_CLASS && most >= 10 * least) {
    const big = classes.find((c) => c.count === most)!;
    const small = classes.find((c) => c.count === least)!;
    out.push(
      `the classes are very unbalanced ("${big.name}" has ${most} images, "${small.name}" only ${least}); the model may learn to ignore the small classes`,
    );
  }
  return out;
}

function sortSkipped(skipped: readonly SkippedFile[]): SkippedFile[] {
  return [...skipped].sort((a, b) => naturalCompare(a.path, b.path));
}
