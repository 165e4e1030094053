/**
 * `prepareTextTable`: a parsed CSV with a text column and a label column → text classification.
 * A split column (values train / validation / test, as the built-in datasets ship so that a
 * scikit-learn baseline uses the same rows) decides the split when present; otherwise the split is
 * stratified and seeded, like a table's.
 */
import type { TextDatasetOptions, TextReport } from './classify';
import { prepareClassifiedTexts } from './classify';
import { inferSchema } from '../columns';
import type { ParsedCsv, RawColumn } from '../csv/table';
import { cellText, fileRow } from '../csv/table';
import type { DataProblem } from '../errors';
import { DataError, listRows, plural } from '../errors';
import { mulberry32 } from '../random';
import type { SplitIndices } from '../split';
import { DEFAULT_SPLIT, stratifiedSplitIndices } from '../split';
import { splitFromColumn } from '../split-column';
import { checkClasses, classLabels } from '../tabular-label';
import type { PreparedDataset } from '../types';

export interface TextTableOptions extends TextDatasetOptions {
  /** The column holding the text (default: the first column typed 'text'). */
  readonly textColumn?: string;
  /** The label column (default: as a table's label is chosen). */
  readonly labelColumn?: string;
  /** The split column; default a column named 'split' when there is one; null: none. */
  readonly splitColumn?: string | null;
}

export function prepareTextTable(
  parsed: ParsedCsv,
  options: TextTableOptions = {},
): { dataset: PreparedDataset; report: TextReport } {
  const byName = (name: string, role: string): RawColumn => {
    const column = parsed.columns.find((c) => c.name === name);
    if (!column) {
      throw new DataError(
        'unknown-column',
        `there is no column '${name}' for the ${role}; the columns are ${parsed.columns.map((c) => `'${c.name}'`).join(', ')}`,
        { column: name },
      );
    }
    return column;
  };
  const splitName =
    options.splitColumn === undefined
      ? (parsed.columns.find((c) => c.name.trim().toLowerCase() === 'split')?.name ?? null)
      : options.splitColumn;
  const splitColumn = splitName === null ? null : byName(splitName, 'split');
  const schema = inferSchema(parsed, {
    label: options.labelColumn ?? null,
    columns: splitName === null ? {} : { [splitName]: { role: 'ignore' } },
  });
  const textSchema = options.textColumn
    ? schema.columns[byName(options.textColumn, 'text').index]!
    : schema.columns.find((c) => c.type === 'text' && c.name !== options.labelColumn && c.name !== splitName);
  if (!textSchema) {
    throw new DataError(
      'no-features',
      `no column holds free text (the columns are ${parsed.columns.map((c) => `'${c.name}'`).join(', ')}); choose the text column`,
    );
  }
  const labelName =
    options.labelColumn ??
    inferSchema(parsed, {
      columns: { [textSchema.name]: { role: 'ignore' }, ...(splitName ? { [splitName]: { role: 'ignore' } } : {}) },
    }).label;
  if (labelName === null || labelName === textSchema.name) {
    throw new DataError('no-label', `choose the label column: the class of each text in '${textSchema.name}'`);
  }
  const labelColumn = byName(labelName, 'label');
  const textColumn = parsed.columns[textSchema.index]!;
  const labelType = schema.columns[labelColumn.index]!.type;

  const texts: string[] = [];
  const problems: DataProblem[] = [...parsed.problems];
  const hasText = new Uint8Array(parsed.rowCount);
  for (let r = 0; r < parsed.rowCount; r++) {
    const t = cellText(textColumn, r) ?? '';
    texts.push(t);
    hasText[r] = t.trim() === '' ? 0 : 1;
  }
  const labels = classLabels(labelColumn, labelType, (r) => hasText[r] === 1);
  const kept: number[] = [];
  const noLabel: number[] = [];
  const noText: number[] = [];
  for (let r = 0; r < parsed.rowCount; r++) {
    if (!hasText[r]) noText.push(r);
    else if (Number.isNaN(labels.y[r])) noLabel.push(r);
    else kept.push(r);
  }
  if (kept.length === 0 && noText.length > 0) {
    throw new DataError(
      'no-features',
      `every text in column '${textSchema.name}' is empty; choose the column that holds the text`,
      { column: textSchema.name },
    );
  }
  checkClasses(labelName, labels.classNames!.length === 2 ? 'binary' : 'multiclass', labels.classNames!, kept.length);
  const rowsOf = (rows: number[]) =>
    listRows(
      rows.slice(0, 10).map((r) => fileRow(parsed, r)),
      rows.length,
    );
  if (noLabel.length > 0) {
    problems.push({
      severity: 'warning',
      code: 'missing-labels',
      column: labelName,
      message: `${plural(noLabel.length, 'row')} without a label in '${labelName}' left out (${rowsOf(noLabel)})`,
    });
  }
  if (noText.length > 0) {
    problems.push({
      severity: 'warning',
      code: 'missing-values-dropped',
      column: textSchema.name,
      message: `${plural(noText.length, 'row')} with an empty text in '${textSchema.name}' left out (${rowsOf(noText)})`,
    });
  }
  const plan = splitColumn
    ? splitFromColumn(parsed, splitColumn, kept)
    : keptPlan(
        kept,
        stratifiedSplitIndices(
          kept.map((r) => labels.y[r]!),
          options.split ?? DEFAULT_SPLIT,
          mulberry32(options.seed ?? 42),
        ),
      );
  return prepareClassifiedTexts(
    {
      texts,
      labels: labels.y,
      classNames: labels.classNames!,
      plan,
      textColumn: textSchema.name,
      labelColumn: labelName,
      problems,
    },
    options,
    { id: 'text-table', name: `${textSchema.name} → ${labelName}` },
  );
}

function keptPlan(kept: readonly number[], plan: SplitIndices): SplitIndices {
  const at = (positions: Int32Array) => Int32Array.from(positions, (p) => kept[p]!);
  return { train: at(plan.train), validation: at(plan.validation), test: at(plan.test) };
}
