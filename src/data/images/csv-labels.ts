/**
 * The labels-CSV layout: a CSV of `filename,label` rows next to the images, file names relative to
 * the CSV's folder. The header is optional; with one, the columns are found by name.
 */
import Papa from 'papaparse';
import type { ArchiveEntry, SkippedFile } from './collect';
import { formatFromExtension } from './formats';
import type { LayoutResult } from './layout';
import { archiveName, basename, dirname, joinPath, naturalCompare } from './paths';
import type { ImageSample, ValidImage } from './sample';

const FILE_COLUMN =
  /^(file|files|filename|file_name|filepath|file_path|path|image|images|image_path|image_name|image_id|img|id|name)$/i;
const LABEL_COLUMN = /^(label|labels|class|class_name|classname|category|target|y|species|breed)$/i;
const EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp'];
const MAX_LISTED = 5;

/** The CSV to use when there are several: `labels.csv` (or one named like it) wins. */
export function chooseLabelsCsv(csvs: readonly ArchiveEntry[]): ArchiveEntry | string {
  if (csvs.length === 1) return csvs[0]!;
  const named = csvs.filter((c) => /label/i.test(basename(c.path)));
  if (named.length === 1) return named[0]!;
  const names = csvs.map((c) => c.path).sort(naturalCompare);
  return `found several CSV files (${names.join(', ')}) and cannot tell which one holds the labels; keep only one, named labels.csv`;
}

export function csvLabelLayout(csv: ArchiveEntry, images: readonly ValidImage[]): LayoutResult {
  const csvName = csv.path;
  const rows = parseRows(csv.bytes);
  if (rows.length === 0) return { ok: false, error: `${csvName} is empty; it should list filename,label on each line` };
  const dir = dirname(csv.path);
  const byPath = new Map<string, ValidImage>();
  for (const im of images) byPath.set(im.path.toLowerCase(), im);
  const resolve = (name: string): ValidImage | undefined => {
    const tries = [joinPath(dir, name), joinPath('', name)];
    if (formatFromExtension(name) === null) for (const ext of EXTENSIONS) tries.push(joinPath(dir, `${name}.${ext}`));
    for (const t of tries) {
      const hit = byPath.get(t.toLowerCase());
      if (hit) return hit;
    }
    return undefined;
  };

  const first = rows[0]!;
  const firstCell = first[0] ?? '';
  const hasHeader = resolve(firstCell) === undefined && formatFromExtension(firstCell) === null;
  const fileCol = hasHeader
    ? Math.max(
        0,
        first.findIndex((h) => FILE_COLUMN.test(h.trim())),
      )
    : 0;
  const labelMatch = hasHeader ? first.findIndex((h, i) => i !== fileCol && LABEL_COLUMN.test(h.trim())) : -1;
  const labelCol = labelMatch >= 0 ? labelMatch : fileCol === 0 ? 1 : 0;
  if (first.length < 2) {
    return { ok: false, error: `${csvName} has one column; it needs two, filename and label (e.g. "cat_001.png,cat")` };
  }

  const labelled: ImageSample[] = [];
  const labelOf = new Map<ValidImage, string>();
  const missing: string[] = [];
  const unlabelled: string[] = [];
  const conflicts: string[] = [];
  const noLabel = new Set<ValidImage>();
  rows.forEach((row, i) => {
    if (hasHeader && i === 0) return;
    const line = i + 1;
    const file = archiveName((row[fileCol] ?? '').trim());
    const label = archiveName((row[labelCol] ?? '').trim());
    if (file === '') return;
    const image = resolve(file);
    if (image === undefined) return void missing.push(`${file} (line ${line})`);
    if (label === '') {
      noLabel.add(image);
      return void unlabelled.push(`${file} (line ${line})`);
    }
    const earlier = labelOf.get(image);
    if (earlier !== undefined) {
      if (earlier !== label) conflicts.push(`${file} (line ${line}: "${label}", earlier "${earlier}")`);
      return;
    }
    labelOf.set(image, label);
    labelled.push({ ...image, label });
  });

  if (labelled.length === 0) {
    return {
      ok: false,
      error:
        `${csvName} matched none of the ${images.length} images; its ${hasHeader ? `"${archiveName(first[fileCol] ?? '')}" column` : 'first column'} should hold ` +
        `file names relative to ${dir === '' ? 'the top level' : `the folder "${dir}"`}, e.g. "${relativeExample(images[0], dir)}"`,
    };
  }
  const warnings: string[] = [];
  const list = (items: string[]) =>
    items.slice(0, MAX_LISTED).join(', ') +
    (items.length > MAX_LISTED ? `, and ${items.length - MAX_LISTED} more` : '');
  if (missing.length > 0)
    warnings.push(
      `${csvName} lists ${missing.length} file${missing.length === 1 ? '' : 's'} that ${missing.length === 1 ? 'is' : 'are'} missing or not a valid image: ${list(missing)}.`,
    );
  if (unlabelled.length > 0)
    warnings.push(
      `${csvName} gives no label for ${list(unlabelled)}; ${unlabelled.length === 1 ? 'it was' : 'they were'} left out.`,
    );
  if (conflicts.length > 0)
    warnings.push(
      `${csvName} labels some files twice with different labels; the first label was kept: ${list(conflicts)}.`,
    );
  const skipped: SkippedFile[] = images
    .filter((im) => !labelOf.has(im))
    .map((im) => ({
      path: im.path,
      reason: noLabel.has(im) ? `has no label in ${csvName}` : `not listed in ${csvName}`,
    }));
  return { ok: true, root: dir, labelsFile: csvName, labelled, skipped, warnings };
}

function parseRows(bytes: Uint8Array): string[][] {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  return parsed.data.filter((row) => Array.isArray(row));
}

function relativeExample(image: ValidImage | undefined, dir: string): string {
  if (image === undefined) return 'cat_001.png';
  return dir !== '' && image.path.startsWith(`${dir}/`) ? image.path.slice(dir.length + 1) : image.path;
}
