/**
 * A split given by a column of the file (values train / validation / test, as the built-ins ship
 * so that a scikit-learn baseline is scored on the same rows) instead of drawn by a seed. Shared by
 * tables (`prepareTabular`'s splitColumn) and text tables.
 */
import type { ParsedCsv, RawColumn } from './csv/table';
import { cellText, fileRow } from './csv/table';
import { DataError, listRows } from './errors';
import type { SplitIndices } from './split';

const SPLIT_VALUES: Readonly<Record<string, 'train' | 'validation' | 'test'>> = {
  train: 'train',
  validation: 'validation',
  valid: 'validation',
  val: 'validation',
  test: 'test',
};

/** The rows named train / validation / test in the split column, in file order. */
export function splitFromColumn(parsed: ParsedCsv, column: RawColumn, kept: Iterable<number>): SplitIndices {
  const parts = { train: [] as number[], validation: [] as number[], test: [] as number[] };
  const bad: number[] = [];
  for (const r of kept) {
    const part = SPLIT_VALUES[(cellText(column, r) ?? '').trim().toLowerCase()];
    if (part) parts[part].push(r);
    else bad.push(r);
  }
  if (bad.length > 0) {
    const example = cellText(column, bad[0]!) ?? '';
    throw new DataError(
      'bad-option',
      `the split column '${column.name}' holds '${example}' in ${listRows(
        bad.slice(0, 10).map((r) => fileRow(parsed, r)),
        bad.length,
      )}; each value must be train, validation or test. Fix those cells, or choose no split column.`,
      { column: column.name, row: fileRow(parsed, bad[0]!) },
    );
  }
  if (parts.train.length === 0) {
    throw new DataError(
      'too-few-rows',
      `no row is marked 'train' in the split column '${column.name}'; the preprocessing and the model learn from those rows`,
      { column: column.name },
    );
  }
  return {
    train: Int32Array.from(parts.train),
    validation: Int32Array.from(parts.validation),
    test: Int32Array.from(parts.test),
  };
}
