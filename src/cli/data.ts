/**
 * `layerloom data <file>`: what Layerloom makes of a dataset — for a CSV the inferred schema
 * (type, role, missing values, a short statistic per column), the task, the row count, the model
 * input width and every problem found; for a ZIP or folder of images the classes and counts.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import type { TabularSchema } from '../data/columns';
import { inferSchema } from '../data/columns';
import type { DataProblem } from '../data/errors';
import { formatBytes, isDataError, plural } from '../data/errors';
import { parseCsv } from '../data/csv/parse';
import type { ParsedCsv } from '../data/csv/table';
import type { ImageScanResult } from '../data/images/scan';
import { scanImageFolder, scanImageZip, summarizeScan } from '../data/images/scan';
import type { TabularReport } from '../data/tabular';
import { prepareTabular } from '../data/tabular';
import { WHITESPACE } from '../data/csv/whitespace';
import type { DataChoices } from './data-options';
import { withFixHint } from './data-options';

const EMPTY_CHOICES: DataChoices = { parse: {}, columns: {} };

export interface DataCommandOptions {
  readonly json?: boolean;
  readonly label?: string;
  /** --encoding, --delimiter, --header, --number-format, --task, --skip-bad-rows. */
  readonly choices?: DataChoices;
}

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
  [WHITESPACE]: 'whitespace',
};

/** Prints the summary through `out`; returns the exit code (0: usable, 1: not). */
export async function runData(file: string, options: DataCommandOptions, out: (line: string) => void): Promise<number> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new Error(`Cannot read ${file}: no such file`);
  }
  if (info.isDirectory() || extname(file).toLowerCase() === '.zip')
    return runImages(file, info.isDirectory(), options, out);

  const choices = options.choices ?? EMPTY_CHOICES;
  let parsed: ParsedCsv;
  try {
    parsed = await parseCsv(createReadStream(file), { totalBytes: info.size, ...choices.parse });
  } catch (err) {
    if (!isDataError(err)) throw err;
    if (options.json) {
      out(JSON.stringify({ file, ok: false, error: err.toProblem() }));
      return 1;
    }
    throw new Error(`${file}: ${withFixHint(err.message, err.fix)}`);
  }
  const schemaOptions = {
    ...(options.label !== undefined ? { label: options.label } : {}),
    ...(choices.task ? { task: choices.task } : {}),
    ...(choices.numberFormat ? { numberFormat: choices.numberFormat } : {}),
    columns: choices.columns,
  };
  // The schema alone never fails on a usable label choice; preparing the dataset finds the rest.
  let schema: TabularSchema;
  try {
    schema = inferSchema(parsed, schemaOptions);
  } catch (err) {
    if (!isDataError(err)) throw err;
    throw new Error(`${file}: ${withFixHint(err.message, err.fix)}`);
  }
  let report: TabularReport | null = null;
  let failure: DataProblem | null = schema.problems.find((p) => p.severity === 'error') ?? null;
  if (!failure && schema.label !== null) {
    try {
      report = prepareTabular(parsed, { ...schemaOptions, label: schema.label, name: basename(file, extname(file)) })
        .report;
    } catch (err) {
      if (!isDataError(err)) throw err;
      failure = err.toProblem();
    }
  }
  const problems = report
    ? [...report.problems]
    : [...parsed.problems, ...schema.problems.filter((p) => p !== failure)];
  if (failure && !problems.includes(failure)) problems.unshift(failure);
  if (options.json) out(JSON.stringify(csvJson(file, parsed, schema, report, problems, failure === null)));
  else for (const line of csvText(file, parsed, schema, report, problems)) out(line);
  return failure ? 1 : 0;
}

function csvJson(
  file: string,
  parsed: ParsedCsv,
  schema: TabularSchema,
  report: TabularReport | null,
  problems: readonly DataProblem[],
  ok: boolean,
) {
  const names = parsed.columns.map((c) => c.name);
  return {
    file,
    ok,
    rows: parsed.rowCount,
    columns: parsed.columns.length,
    bytes: parsed.bytes,
    delimiter: parsed.delimiter,
    header: parsed.header,
    encoding: parsed.encoding,
    schema: schema.columns.map((c) => ({
      name: c.name,
      type: c.type,
      role: c.role,
      missing: c.missing,
      distinct: c.distinct,
      summary: c.summary,
      ...(c.stats ? { min: c.stats.min, max: c.stats.max, mean: c.stats.mean } : {}),
      ...(c.type === 'numeric' ? { numberFormat: c.numberFormat } : {}),
      notes: c.notes,
    })),
    label: schema.label,
    task: schema.task,
    classes: report?.classes?.map((c) => c.name) ?? null,
    inputWidth: report?.width ?? null,
    split: report?.split ?? null,
    problems,
    records: parsed.preview.slice(0, 20).map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] ?? null]))),
  };
}

function csvText(
  file: string,
  parsed: ParsedCsv,
  schema: TabularSchema,
  report: TabularReport | null,
  problems: readonly DataProblem[],
): string[] {
  const how = [
    `${DELIMITER_NAMES[parsed.delimiter] ?? `'${parsed.delimiter}'`}-delimited`,
    parsed.header ? 'header row' : 'no header row',
    parsed.encoding.toUpperCase(),
    formatBytes(parsed.bytes),
  ];
  const lines = [
    `${file}: ${plural(parsed.rowCount, 'row')}, ${plural(parsed.columns.length, 'column')} (${how.join(', ')})`,
    '',
  ];
  const rows = schema.columns.map((c) => [c.name, c.type, c.role, String(c.missing), c.summary]);
  const head = ['column', 'type', 'role', 'missing', 'summary'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === 4 ? cell : i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(format(head), ...rows.map(format), '');
  if (schema.label === null) lines.push('task: none — no label column (choose one with --label)');
  else if (report) {
    const classes = report.classes?.map((c) => c.name) ?? null;
    const what = classes
      ? `${plural(classes.length, 'class', 'classes')}: ${classes.slice(0, 10).join(', ')}${classes.length > 10 ? ', …' : ''}`
      : 'numeric target';
    lines.push(`task: ${report.task} — label '${schema.label}', ${what}`);
    const n = (v: number) => v.toLocaleString('en-US');
    lines.push(
      `model inputs: ${report.width}; rows used ${n(report.rows.used)}, split ${n(report.split.train)} / ${n(report.split.validation)} / ${n(report.split.test)} (train / validation / test)`,
    );
  } else lines.push(`task: ${schema.task ?? 'unknown'} — label '${schema.label}'`);
  lines.push('');
  if (problems.length === 0) lines.push('no problems found');
  else {
    lines.push(`problems (${problems.length}):`);
    for (const p of problems) lines.push(`  ${p.severity}: ${withFixHint(p.message, p.fix)}`);
  }
  return lines;
}

async function runImages(
  path: string,
  isFolder: boolean,
  options: DataCommandOptions,
  out: (line: string) => void,
): Promise<number> {
  const name = basename(path);
  const result: ImageScanResult = isFolder
    ? await scanImageFolder(await folderEntries(path), name)
    : await scanImageZip(new Uint8Array(await readFile(path)), name);
  if (!result.ok) {
    if (options.json)
      out(JSON.stringify({ file: path, ok: false, kind: 'image', error: result.error, warnings: result.warnings }));
    else throw new Error(`${path}: ${result.error}`);
    return 1;
  }
  const summary = summarizeScan(result.report);
  if (options.json) {
    out(JSON.stringify({ file: path, ok: true, kind: 'image', ...summary }));
    return 0;
  }
  out(
    `${path}: image dataset, ${plural(summary.sampleCount, 'image')} in ${plural(summary.classes.length, 'class', 'classes')} (${summary.layout})`,
  );
  for (const c of summary.classes) out(`  ${c.name}: ${c.count}`);
  if (summary.skipped.length > 0)
    out(
      `skipped ${plural(summary.skipped.length, 'file')}, e.g. ${summary.skipped[0]!.path}: ${summary.skipped[0]!.reason}`,
    );
  for (const w of summary.warnings) out(`warning: ${w}`);
  return 0;
}

/** A folder on disk as the image scanner reads it: every file below it, by relative path, read on demand. */
export async function folderEntries(dir: string) {
  const names = await readdir(dir, { recursive: true });
  const entries = [];
  for (const name of names) {
    const full = join(dir, name);
    const info = await stat(full);
    if (!info.isFile()) continue;
    entries.push({
      path: relative(dir, full).split(sep).join('/'),
      size: info.size,
      read: async () => new Uint8Array(await readFile(full)),
    });
  }
  return entries;
}
