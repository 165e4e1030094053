/** Which rows of a table go to train, validation and test: drawn by a seed, or named by a column. */
import type { ParsedCsv } from './csv/table';
import { DataError } from './errors';
import { mulberry32 } from './random';
import type { SplitIndices, SplitRatios } from './split';
import { DEFAULT_SPLIT, normalizeRatios, shuffleSplitIndices, stratifiedSplitIndices } from './split';
import { splitFromColumn } from './split-column';
import { rowsAt, valuesAt } from './tabular-rows';

export interface SplitChoice {
  /** Default 70/15/15. */
  readonly split?: SplitRatios;
  /** Default 42. */
  readonly seed?: number;
  /** A column of train / validation / test that decides instead; null or absent: drawn. */
  readonly splitColumn?: string | null;
}

/**
 * The kept data rows of each split. Drawn: stratified by class (shuffled for regression) and
 * seeded. Named: the split column's rows, which must not be the label.
 */
export function planSplit(
  parsed: ParsedCsv,
  kept: Int32Array,
  labels: { readonly y: Float64Array; readonly classNames: readonly string[] | null },
  label: string,
  choice: SplitChoice,
): SplitIndices {
  const name = choice.splitColumn ?? null;
  if (name !== null) {
    // inferSchema has already refused a column the file does not have.
    const column = parsed.columns.find((c) => c.name === name)!;
    if (name === label) {
      throw new DataError(
        'bad-option',
        `'${name}' cannot be both the label and the split column; choose another label`,
        { column: name },
      );
    }
    return splitFromColumn(parsed, column, kept);
  }
  const ratios = normalizeRatios(choice.split ?? DEFAULT_SPLIT);
  const rng = mulberry32(choice.seed ?? 42);
  // Every row kept (the usual case): positions among the kept rows are data rows already.
  const allKept = kept.length === parsed.rowCount;
  const byPosition: SplitIndices = labels.classNames
    ? stratifiedSplitIndices(allKept ? labels.y : valuesAt(labels.y, kept), ratios, rng)
    : shuffleSplitIndices(kept.length, ratios, rng);
  if (allKept) return byPosition;
  return {
    train: rowsAt(kept, byPosition.train),
    validation: rowsAt(kept, byPosition.validation),
    test: rowsAt(kept, byPosition.test),
  };
}
