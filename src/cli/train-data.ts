import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseCsv } from '../data/csv/parse';
import { isDataError } from '../data/errors';
import { prepareTabular } from '../data/tabular';
import { DEFAULT_SPLIT } from '../data/split';
import type { PreparedDataset } from '../data/types';
import type { ExportDataSource } from '../compiler/bundle/metadata-schema';
import type { DataChoices } from './data-options';
import { withFixHint } from './data-options';
import { loadImageData, type ImageChoices } from './train-images';
import { builtinList, loadBuiltinData } from './train-builtin';
import { isTextFile, loadTextData, type TextChoices } from './train-text';
import { withColumnRoles, type RoleWants } from './train-roles';

export interface TrainingData {
  readonly dataset: PreparedDataset;
  /** metadata.json's `data`: the file, how it was read, and the split with its test rows. */
  readonly source: ExportDataSource;
}

/**
 * `--data` → PreparedDataset. Text (a `.txt`; a folder of `.txt` class folders or a CSV when the
 * model takes token ids) goes through train-text.ts. An image folder or ZIP goes through
 * train-images.ts (the app's image pipeline, decoded in Node); a CSV through src/data's tabular pipeline (type inference, label encoding,
 * standardisation learned on the training split, a stratified seeded 70/15/15 split), with the
 * reading choices of the Data page and the columns' roles (--text-columns, --id-columns, or the id
 * columns a recommendation template picks, train-roles.ts). The file is streamed, its size checked before any byte is
 * read. Warnings from the data (dropped rows, constant columns, …) go to `warn`.
 */
export async function loadTrainingData(
  path: string,
  label: string | undefined,
  seed: number,
  warn: (line: string) => void,
  choices: DataChoices = { parse: {}, columns: {} },
  images: ImageChoices = {},
  text: { readonly wanted: boolean; readonly choices: TextChoices } = { wanted: false, choices: {} },
  roles: RoleWants = { idInputs: [] },
): Promise<TrainingData> {
  let info;
  try {
    info = await stat(path);
  } catch {
    const builtins = await builtinList();
    const builtin = builtins.find((b) => b.id === path);
    if (builtin) return loadBuiltinData(builtin, label, seed, text.choices);
    throw new Error(
      `Cannot read ${path}: no such file, and no built-in dataset has that name (${builtins.map((b) => b.id).join(', ')})`,
    );
  }
  if (isTextFile(path)) return loadTextData(path, 'txt', label, seed, warn, text.choices, choices);
  if (info.isDirectory() && text.wanted) return loadTextData(path, 'folder', label, seed, warn, text.choices, choices);
  if (info.isDirectory() || extname(path).toLowerCase() === '.zip') {
    return loadImageData(path, info.isDirectory(), seed, warn, images);
  }
  if (text.wanted) return loadTextData(path, 'csv', label, seed, warn, text.choices, choices);
  if (!label) throw new Error(`layerloom train needs --label for a CSV (the column to predict).`);
  try {
    // totalBytes lets parseCsv refuse an oversized file before reading it.
    const parsed = await parseCsv(createReadStream(path), { totalBytes: info.size, ...choices.parse });
    const named = parsed.columns.map((c) => c.name);
    const withRoles = withColumnRoles(choices, named, label, roles, basename(path));
    const { dataset, report } = prepareTabular(parsed, {
      label,
      seed,
      name: basename(path, extname(path)),
      ...(choices.task ? { task: choices.task } : {}),
      ...(choices.numberFormat ? { numberFormat: choices.numberFormat } : {}),
      columns: withRoles.columns,
    });
    for (const p of report.problems) if (p.severity !== 'info') warn(`${path}: ${withFixHint(p.message, p.fix)}`);
    const source: ExportDataSource = {
      file: basename(path),
      csv: { delimiter: parsed.delimiter, encoding: parsed.encoding, header: parsed.header },
      split: {
        rule: dataset.task === 'regression' ? 'shuffle' : 'stratified',
        ratios: { ...DEFAULT_SPLIT },
        seed,
        // Data-row indices in the order of dataset.test, so row i of the test split is testRows[i].
        testRows: [...report.splitRows.test],
      },
    };
    return { dataset, source };
  } catch (err) {
    if (isDataError(err)) throw new Error(`${path}: ${withFixHint(err.message, err.fix)}`);
    throw err;
  }
}
