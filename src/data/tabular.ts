/**
 * `prepareTabular`: a parsed CSV → a `PreparedDataset` (Float32Array splits) and a report. Rows
 * without a label, and rows missing a value in a column set to 'drop', are removed first; the
 * rest is split (stratified for classification, seeded); every statistic — fill values, scaling,
 * categories — is learned on the training split alone, then applied to all three splits.
 */
import type { ColumnSchema, SchemaOptions, TabularSchema } from './columns';
import { inferSchema } from './columns';
import type { DataProblem } from './errors';
import { checkFloat32Range } from './float-range';
import { DataError, formatBytes, listRows, plural } from './errors';
import type { ParsedCsv } from './csv/table';
import { fileRow } from './csv/table';
import type { FeatureSpec } from './preprocess-fit';
import type { MissingPolicy, PreprocessOptions, Scaling, TabularTransform } from './preprocess';
import { DEFAULT_MAX_CATEGORIES, DEFAULT_SCALING, checkMaxCategories, missingPolicyFor } from './preprocess';
import type { TextFeatureOptions } from './preprocess-own';
import type { OwnInputSpec } from './tabular-fit';
import { encodeLayout, fitLayout } from './tabular-fit';
import type { SplitRatios } from './split';
import { DEFAULT_SPLIT, normalizeRatios } from './split';
import { checkClasses, checkNumericLabel, classLabels, labelTransform, regressionLabels } from './tabular-label';
import { classProblems, featureNames, splitCountsByClass, widthProblems } from './tabular-report';
import { inFileOrder, isMissing } from './tabular-rows';
import { planSplit } from './tabular-split';
import type { PreparedDataset, Split, Task } from './types';

export const DEFAULT_MAX_OUTPUT_BYTES = 1.5 * 1024 ** 3;

/** `tokenizer`, `seqLen` and `truncate` apply to a column with the `text` role. */
export interface ColumnOptions extends TextFeatureOptions {
  readonly type?: ColumnSchema['type'];
  readonly role?: ColumnSchema['role'];
  readonly numberFormat?: ColumnSchema['numberFormat'];
  readonly missing?: MissingPolicy;
  readonly scaling?: Scaling;
  readonly maxCategories?: number;
}

export interface PrepareTabularOptions extends PreprocessOptions, Omit<SchemaOptions, 'columns'> {
  readonly columns?: Readonly<Record<string, ColumnOptions>>;
  /** Default 70/15/15. */
  readonly split?: SplitRatios;
  /** Seed of the split (default 42): the same file, options and seed give the same dataset. */
  readonly seed?: number;
  /**
   * A column of train / validation / test that decides the split instead of `split` and `seed`
   * (a built-in's, so its baseline and the model are scored on the same rows); never a feature.
   */
  readonly splitColumn?: string | null;
  readonly id?: string;
  readonly name?: string;
  /** Refuse when the Float32 inputs and targets would take more bytes than this (default 1.5 GB). */
  readonly maxOutputBytes?: number;
}

export interface ClassSplitCounts {
  readonly name: string;
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export interface TabularReport {
  readonly schema: TabularSchema;
  readonly task: Task;
  readonly rows: {
    readonly total: number;
    readonly used: number;
    readonly missingLabel: number;
    readonly droppedMissingValues: number;
  };
  readonly split: { readonly train: number; readonly validation: number; readonly test: number };
  /** Which data rows (0-based, as in the ParsedCsv) each split holds, in the split's order. */
  readonly splitRows: { readonly train: Int32Array; readonly validation: Int32Array; readonly test: Int32Array };
  /** Rows per class and split (classification), else null. */
  readonly classes: readonly ClassSplitCounts[] | null;
  readonly width: number;
  readonly featureNames: readonly string[];
  /** The model Inputs the rows feed, as on the dataset; null for one Input (no text or id column). */
  readonly inputs: PreparedDataset['inputs'] | null;
  /** Everything worth telling, from parsing on (warnings and notes). */
  readonly problems: readonly DataProblem[];
}

export function prepareTabular(
  parsed: ParsedCsv,
  options: PrepareTabularOptions = {},
): { dataset: PreparedDataset; report: TabularReport } {
  const splitName = options.splitColumn ?? null;
  // The split column is never a feature.
  const schema = inferSchema(
    parsed,
    splitName === null
      ? options
      : {
          ...options,
          columns: { ...options.columns, [splitName]: { ...options.columns?.[splitName], role: 'ignore' } },
        },
  );
  const fatal = schema.problems.find((p) => p.severity === 'error');
  if (fatal)
    throw new DataError(fatal.code as DataError['code'], fatal.message, {
      ...(fatal.column ? { column: fatal.column } : {}),
      ...(fatal.row ? { row: fatal.row } : {}),
      ...(fatal.fix ? { fix: fatal.fix } : {}),
    });
  if (schema.label === null || schema.task === null) {
    throw new DataError('no-label', 'choose the label column: the column the model should predict');
  }
  if (schema.task === 'next-token') {
    throw new DataError(
      'label-unusable',
      'next-token prediction learns from text, not from a table; choose a classification or regression task',
    );
  }
  const problems: DataProblem[] = [...parsed.problems, ...schema.problems];
  const labelIndex = schema.columns.findIndex((c) => c.name === schema.label);
  const labelSchema = schema.columns[labelIndex]!;
  const labelColumn = parsed.columns[labelIndex]!;
  const task = schema.task;
  const features = schema.columns.filter((c) => c.role === 'feature' && c.type !== 'text');
  const specs = features.map((c): FeatureSpec => {
    const own = options.columns?.[c.name];
    return {
      column: parsed.columns[c.index]!,
      type: c.type as FeatureSpec['type'],
      missing: missingPolicyFor(c.type, c.name, own?.missing, options.missing),
      scaling: own?.scaling ?? options.scaling ?? DEFAULT_SCALING,
      maxCategories: checkMaxCategories(own?.maxCategories ?? options.maxCategories ?? DEFAULT_MAX_CATEGORIES, c.name),
      numberFormat: c.numberFormat,
    };
  });
  // Columns with an Input of their own; a missing cell is empty text or id 0 unless its rows are dropped.
  const own = schema.columns.flatMap((c): OwnInputSpec[] =>
    c.role === 'text' || c.role === 'id'
      ? [
          {
            role: c.role,
            column: parsed.columns[c.index]!,
            missing: missingPolicyFor(c.type, c.name, options.columns?.[c.name]?.missing, options.missing),
            numeric: c.type === 'numeric',
            ...(options.columns?.[c.name] ? { text: options.columns[c.name] } : {}),
          },
        ]
      : [],
  );

  // Rows kept: a label, and a value in every column whose missing rows are dropped.
  const dropColumns = [...specs, ...own].filter((s) => s.missing === 'drop').map((s) => s.column);
  const complete = (row: number) => dropColumns.length === 0 || dropColumns.every((c) => !isMissing(c, row));
  const labels =
    task === 'regression'
      ? regressionLabels(labelColumn, labelSchema.numberFormat)
      : classLabels(labelColumn, labelSchema.type, complete);
  if (task === 'regression') {
    checkNumericLabel(schema.label, labelColumn, labels.y);
    checkFloat32Range(parsed, labelColumn, schema.label, labelSchema.numberFormat);
  }
  for (const spec of specs)
    if (spec.type === 'numeric') checkFloat32Range(parsed, spec.column, spec.column.name, spec.numberFormat);
  const keptRows = new Int32Array(parsed.rowCount);
  let keptCount = 0;
  const noLabel: number[] = [];
  let droppedMissingValues = 0;
  for (let row = 0; row < parsed.rowCount; row++) {
    const y = labels.y[row]!;
    if (y !== y) noLabel.push(row);
    else if (dropColumns.length > 0 && !complete(row)) droppedMissingValues++;
    else keptRows[keptCount++] = row;
  }
  const kept = keptRows.subarray(0, keptCount);
  if (noLabel.length > 0) {
    const rows = noLabel.slice(0, 10).map((r) => fileRow(parsed, r));
    problems.push({
      severity: 'warning',
      code: 'missing-labels',
      column: schema.label,
      row: rows[0]!,
      message: `dropped ${plural(noLabel.length, 'row')} with no ${task === 'regression' ? 'numeric ' : ''}label in '${schema.label}': ${listRows(rows, noLabel.length)}`,
    });
  }
  if (droppedMissingValues > 0) {
    const names = dropColumns.map((c) => c.name).join(', ');
    problems.push({
      severity: 'info',
      code: 'missing-values-dropped',
      message: `dropped ${plural(droppedMissingValues, 'row')} with a missing value in ${names}`,
    });
  }
  if (labels.classNames) checkClasses(schema.label, task, labels.classNames, kept.length);
  if (kept.length < 2) {
    throw new DataError(
      'too-few-rows',
      `only ${plural(kept.length, 'usable row')} left; training needs at least 2 (add rows, or fill missing values instead of dropping rows)`,
    );
  }

  const plan = planSplit(parsed, kept, labels, schema.label, options);

  // Statistics do not depend on row order; in file order the column reads are sequential.
  const trainInOrder = inFileOrder(plan.train, parsed.rowCount);
  const fitted = fitLayout(specs, own, trainInOrder, problems);
  const { layout } = fitted;
  const width = layout.width;
  if (width === 0)
    throw new DataError(
      'no-features',
      'no input feature is left (every feature column is empty in the training split); set at least one usable column to feature',
    );
  const outputBytes = kept.length * (width + 1) * 4;
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  if (outputBytes > maxOutput) {
    throw new DataError(
      'too-large',
      `the prepared dataset would take ${formatBytes(outputBytes)} (${plural(kept.length, 'row')} × ${plural(width, 'input')}); ` +
        `the limit is ${formatBytes(maxOutput)}. Cap or ignore wide categorical columns, or use a sample of the rows.`,
    );
  }
  problems.push(...widthProblems(fitted.ordinary, width));

  const label = labelTransform(schema.label, labelColumn.index, task, labels, plan.train);
  const transform: TabularTransform = {
    kind: 'tabular',
    version: 1,
    width,
    columns: parsed.columns.map((c) => c.name),
    features: layout.features,
    featureNames: layout.features.flatMap(featureNames),
    label,
    missingTokens: parsed.missingTokens,
  };
  const encoded = encodeLayout(fitted, plan, labels.y);
  const makeSplit = (name: keyof typeof plan): Split => ({ n: plan[name].length, ...encoded[name] });
  const classes = labels.classNames ? splitCountsByClass(labels.classNames, encoded) : null;
  if (classes) problems.push(...classProblems(classes));
  for (const name of ['validation', 'test'] as const) {
    if (plan[name].length === 0 && (splitName !== null || normalizeRatios(options.split ?? DEFAULT_SPLIT)[name] > 0)) {
      problems.push({
        severity: 'warning',
        code: 'empty-split',
        message:
          splitName === null
            ? `the ${name} split is empty: there are too few rows (${kept.length}) for it`
            : `the ${name} split is empty: no kept row of the split column '${splitName}' says ${name}`,
      });
    }
  }
  const name = options.name ?? 'dataset';
  const dataset: PreparedDataset = {
    id: options.id ?? `tabular-${name}-${options.seed ?? 42}`,
    name,
    kind: 'tabular',
    task,
    inputShape: [width],
    classNames: labels.classNames,
    train: makeSplit('train'),
    validation: makeSplit('validation'),
    test: makeSplit('test'),
    transform,
    ...(layout.inputs ? { inputs: layout.inputs } : {}),
  };
  const report: TabularReport = {
    schema,
    task,
    rows: { total: parsed.rowCount, used: kept.length, missingLabel: noLabel.length, droppedMissingValues },
    split: { train: plan.train.length, validation: plan.validation.length, test: plan.test.length },
    splitRows: plan,
    classes,
    width,
    featureNames: transform.featureNames,
    inputs: layout.inputs,
    problems,
  };
  return { dataset, report };
}

// One import for the whole tabular pipeline: parse, inspect, prepare, apply.
export { parseCsv } from './csv/parse';
export type { ParseCsvOptions, ParseProgress } from './csv/parse';
export type { CsvInput } from './csv/source';
export type { ParsedCsv, RawColumn } from './csv/table';
export { inferSchema } from './columns';
export type { ColumnRole, ColumnSchema, ColumnType, TabularSchema } from './columns';
export { applyTransform } from './preprocess-apply';
export type { RawRecord, RawValue } from './preprocess-apply';
export type { FeatureTransform, MissingPolicy, Scaling, TabularTransform } from './preprocess';
