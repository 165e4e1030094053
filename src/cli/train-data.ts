import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseCsv } from '../data/csv/parse';
import { isDataError } from '../data/errors';
import { prepareTabular } from '../data/tabular';
import type { PreparedDataset } from '../data/types';

/**
 * `--data` → PreparedDataset through src/data's tabular pipeline (type inference, label encoding,
 * standardisation learned on the training split, a stratified seeded 70/15/15 split).
 * Warnings from the data (dropped rows, constant columns, …) go to `warn`.
 */
export async function loadTrainingData(
  path: string,
  label: string,
  seed: number,
  warn: (line: string) => void,
): Promise<PreparedDataset> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new Error(`Cannot read ${path}: no such file`);
  }
  if (info.isDirectory() || extname(path).toLowerCase() === '.zip') {
    throw new Error(
      `${path} is an image dataset; image files are decoded in the browser, so the CLI trains on CSV files only. Train image datasets in the app.`,
    );
  }
  try {
    const parsed = await parseCsv(await readFile(path));
    const { dataset, report } = prepareTabular(parsed, { label, seed, name: basename(path, extname(path)) });
    for (const p of report.problems) if (p.severity !== 'info') warn(`${path}: ${p.message}`);
    return dataset;
  } catch (err) {
    if (isDataError(err)) throw new Error(`${path}: ${err.message}`);
    throw err;
  }
}
