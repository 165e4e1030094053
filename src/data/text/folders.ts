/**
 * `prepareTextFolders`: class folders of `.txt` files (`neg/1.txt`, `pos/2.txt`, under any common
 * root) → text classification. The folder holding a file is its class. When every file sits in a
 * `train`, `validation` or `test` folder above its class folder (`aclImdb/train/pos/1.txt`), those
 * folders are the split; otherwise the split is stratified and seeded.
 */
import type { TextDatasetOptions, TextReport } from './classify';
import { prepareClassifiedTexts } from './classify';
import type { DataProblem } from '../errors';
import { DataError, plural } from '../errors';
import { firstInvalidUtf8, hex, trailingSequenceStart } from '../csv/encoding';
import { isJunkPath, normalizePath } from '../images/paths';
import { mulberry32 } from '../random';
import type { SplitIndices } from '../split';
import { DEFAULT_SPLIT, stratifiedSplitIndices } from '../split';
import type { PreparedDataset } from '../types';

/** A file from a folder or archive, as the image readers hand them over. */
export interface TextFileEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const SPLIT_FOLDERS: Readonly<Record<string, 'train' | 'validation' | 'test'>> = {
  train: 'train',
  validation: 'validation',
  valid: 'validation',
  val: 'validation',
  test: 'test',
};

/** UTF-8 bytes → text (a byte order mark dropped); a clear error naming the file and the first bad byte. */
export function decodeUtf8File(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // firstInvalidUtf8 lets a sequence cut off at the end pass (it reads chunks); a whole file must not end so.
    const bad = firstInvalidUtf8(bytes);
    const at = Math.max(0, bad >= 0 ? bad : trailingSequenceStart(bytes));
    throw new DataError(
      'not-utf8',
      `the file '${path}' is not UTF-8 text (byte ${hex(bytes[at] ?? 0)} at offset ${at.toLocaleString('en-US')}); save it as UTF-8 (most editors offer "Save with encoding"), or leave it out`,
    );
  }
}

export function prepareTextFolders(
  entries: readonly TextFileEntry[],
  options: TextDatasetOptions = {},
): { dataset: PreparedDataset; report: TextReport } {
  const problems: DataProblem[] = [];
  const files: { path: string; segments: string[]; bytes: Uint8Array }[] = [];
  let others = 0;
  for (const e of entries) {
    if (isJunkPath(e.path)) continue;
    const path = normalizePath(e.path);
    if (!path.toLowerCase().endsWith('.txt')) {
      others++;
      continue;
    }
    files.push({ path, segments: path.split('/'), bytes: e.bytes });
  }
  if (others > 0) {
    problems.push({
      severity: 'info',
      code: 'text-ignored',
      message: `${plural(others, 'file')} without the .txt extension left out`,
    });
  }
  if (files.length === 0) {
    throw new DataError(
      'no-features',
      'no .txt files were found; choose a folder with one folder of .txt files per class',
    );
  }
  const loose = files.find((f) => f.segments.length < 2);
  if (loose) {
    throw new DataError(
      'no-label',
      `the file '${loose.path}' is not in a class folder; put each class's .txt files in a folder named after the class`,
    );
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const classOf = files.map((f) => f.segments[f.segments.length - 2]!);
  const splitOf = files.map((f) =>
    f.segments.length >= 3 ? SPLIT_FOLDERS[f.segments[f.segments.length - 3]!.toLowerCase()] : undefined,
  );
  const bySplitFolders = splitOf.every((s) => s !== undefined);
  const classNames = [...new Set(classOf)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(classNames.map((c, i) => [c, i]));
  const labels = Int32Array.from(classOf, (c) => index.get(c)!);
  const texts = files.map((f) => decodeUtf8File(f.path, f.bytes));
  let plan: SplitIndices;
  if (bySplitFolders) {
    const at = (name: string) => Int32Array.from(files.keys()).filter((i) => splitOf[i] === name);
    plan = { train: at('train'), validation: at('validation'), test: at('test') };
    if (plan.train.length === 0)
      throw new DataError(
        'too-few-rows',
        "no file is in a 'train' folder; the tokenizer and the model learn from those files",
      );
  } else {
    plan = stratifiedSplitIndices(labels, options.split ?? DEFAULT_SPLIT, mulberry32(options.seed ?? 42));
  }
  return prepareClassifiedTexts(
    { texts, labels, classNames, plan, textColumn: null, labelColumn: null, problems },
    options,
    { id: 'text-folders', name: 'text folders' },
  );
}
