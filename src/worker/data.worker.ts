/// <reference lib="webworker" />
/**
 * The data worker: a thin shell over src/data. It keeps the parsed CSV and the scanned image bytes
 * so each user edit only re-runs the (fast) schema inference, and transfers the prepared splits.
 */
import { builtinCsvText, fetchBuiltinFile, listBuiltins, loadImageBuiltin } from '../data/builtins';
import type { DataProblem } from '../data/errors';
import { resizeImageDataset } from '../data/image-resize';
import { isDataError } from '../data/errors';
import type { FolderEntry, ImageScanReport, SkippedFile } from '../data/images';
import { buildImageDataset, scanImageFolder, scanImageZip, summarizeScan } from '../data/images';
import type { ParsedCsv, PrepareTabularOptions } from '../data/tabular';
import { inferSchema, parseCsv, prepareTabular } from '../data/tabular';
import type { PreparedDataset } from '../data/types';
import type { CsvSettings, DataRequest, DataResponse, DataResult, SchemaView, ThumbnailClass } from './data-protocol';
import { assertNever } from './data-protocol';
import { classBalance, columnStats, formatHistograms, previewRows } from './data-stats';
import { decodeImage, makeClassThumbnails } from './image-decode';

const PREVIEW_ROWS = 5000;

let parsed: ParsedCsv | null = null;
let csvName = 'dataset';
let csvId = 'csv:dataset';
let scan: ImageScanReport | null = null;

class InputProblem extends Error {
  constructor(
    readonly problem: DataProblem,
    readonly skipped: readonly SkippedFile[] = [],
  ) {
    super(problem.message);
  }
}

const fail = (message: string, skipped: readonly SkippedFile[] = []): never => {
  throw new InputProblem({ severity: 'error', code: 'read-failed', message }, skipped);
};

function post(message: DataResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

function datasetBuffers(d: PreparedDataset): ArrayBuffer[] {
  const splits = [d.train, d.validation, d.test];
  const buffers = splits.flatMap((s) => [s.x.buffer, s.y.buffer]);
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

function schemaOptions(settings: CsvSettings): PrepareTabularOptions {
  return {
    columns: settings.columns,
    ...(settings.label !== undefined ? { label: settings.label } : {}),
    ...(settings.task ? { task: settings.task } : {}),
    ...(settings.missing ? { missing: settings.missing } : {}),
    ...(settings.scaling ? { scaling: settings.scaling } : {}),
    ...(settings.maxCategories ? { maxCategories: settings.maxCategories } : {}),
    ...(settings.split ? { split: settings.split } : {}),
  };
}

function schemaView(p: ParsedCsv, settings: CsvSettings): SchemaView {
  const schema = inferSchema(p, schemaOptions(settings));
  return {
    schema,
    classBalance: schema.task === 'regression' ? null : classBalance(p, schema.label),
    histograms: formatHistograms(p, schema),
  };
}

function needParsed(): ParsedCsv {
  return parsed ?? fail('no CSV is loaded: choose a file first');
}

async function loadCsv(id: number, input: Blob | string, name: string, settings: CsvSettings): Promise<DataResult> {
  parsed = null;
  scan = null;
  const total = typeof input === 'string' ? input.length : input.size;
  const p = await parseCsv(input, {
    ...settings.read,
    onProgress: (pr) =>
      post({ type: 'progress', id, progress: { phase: 'parsing', done: pr.bytesDone, total: pr.totalBytes ?? total, unit: 'bytes', rows: pr.rows } }),
  });
  parsed = p;
  csvName = name.replace(/\.[^.]*$/, '') || 'dataset';
  csvId = `csv:${csvName}`;
  const view = {
    sourceName: name,
    bytes: p.bytes,
    rowCount: p.rowCount,
    header: p.columns.map((c) => c.name),
    rows: previewRows(p, PREVIEW_ROWS),
    stats: columnStats(p),
    badRowCount: p.badRowCount,
    parseProblems: p.problems,
    delimiter: p.delimiter,
    hasHeader: p.header,
    encoding: p.encoding,
  };
  return { kind: 'csv', view, schema: schemaView(p, settings), settings };
}

function prepareCsv(settings: CsvSettings): DataResult {
  const { dataset, report } = prepareTabular(needParsed(), { ...schemaOptions(settings), name: csvName, id: csvId });
  return { kind: 'dataset', dataset, problems: report.problems, split: report.classes, skipped: [] };
}

async function thumbnails(report: ImageScanReport): Promise<ThumbnailClass[]> {
  const classes = await makeClassThumbnails(report, 8, 64);
  return Promise.all(
    classes.map(async (c) => ({
      label: c.label,
      images: await Promise.all(
        c.items.map(async ({ path, bitmap }) => {
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
          bitmap.close();
          return { path, png: await canvas.convertToBlob({ type: 'image/png' }) };
        }),
      ),
    })),
  );
}

async function scanned(id: number, run: (onProgress: (done: number, total: number | null) => void) => ReturnType<typeof scanImageZip>): Promise<DataResult> {
  parsed = null;
  scan = null;
  const result = await run((done, total) =>
    post({ type: 'progress', id, progress: { phase: 'reading', done, total, unit: 'bytes' } }),
  );
  if (!result.ok) return fail(result.error, result.skipped);
  scan = result.report;
  return { kind: 'image-scan', summary: summarizeScan(result.report), thumbnails: await thumbnails(result.report) };
}

async function handle(req: DataRequest): Promise<DataResult> {
  switch (req.type) {
    case 'parse-csv':
      return loadCsv(req.id, req.file, req.name, req.settings);
    case 'infer':
      return { kind: 'schema', schema: schemaView(needParsed(), req.settings) };
    case 'prepare-csv':
      return prepareCsv(req.settings);
    case 'scan-zip':
      return scanned(req.id, (onProgress) => scanImageZip(req.file, req.name, { onProgress }));
    case 'scan-folder': {
      const entries: FolderEntry[] = req.files.map(({ path, file }) => ({
        path,
        size: file.size,
        read: async () => new Uint8Array(await file.arrayBuffer()),
      }));
      return scanned(req.id, (onProgress) => scanImageFolder(entries, req.name, { onProgress }));
    }
    case 'build-images': {
      const report = scan ?? fail('no images are loaded: choose a ZIP or a folder first');
      let last = 0;
      const result = await buildImageDataset(report, decodeImage, req.options, {
        concurrency: 8,
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - last < 50 && done < total) return;
          last = now;
          post({ type: 'progress', id: req.id, progress: { phase: 'decoding', done, total, unit: 'images' } });
        },
      });
      if (!result.ok) return fail(result.error, result.skipped);
      const problems: DataProblem[] = result.warnings.map((message) => ({ severity: 'warning', code: 'rare-class', message }));
      return { kind: 'dataset', dataset: result.dataset, problems, split: result.counts, skipped: result.skipped };
    }
    case 'list-builtins':
      return { kind: 'builtins', list: await listBuiltins(fetchBuiltinFile(req.baseUrl)) };
    case 'builtin-csv': {
      const csv = await builtinCsvText(req.builtinId, fetchBuiltinFile(req.baseUrl));
      const columns: Record<string, { role: 'ignore' }> = {};
      for (const c of csv.ignoreColumns) columns[c] = { role: 'ignore' };
      const settings: CsvSettings = { label: csv.labelColumn, columns };
      const result = await loadCsv(req.id, csv.text, csv.info.files[0] ?? `${req.builtinId}.csv`, settings);
      csvName = csv.info.title;
      csvId = `builtin:${req.builtinId}`;
      return result;
    }
    case 'builtin-images': {
      post({ type: 'progress', id: req.id, progress: { phase: 'loading', done: 0, total: null, unit: 'bytes' } });
      parsed = null;
      scan = null;
      const stored = await loadImageBuiltin(req.builtinId, fetchBuiltinFile(req.baseUrl));
      const dataset = req.resize ? resizeImageDataset(stored, req.resize) : stored;
      return { kind: 'dataset', dataset, problems: [], split: null, skipped: [] };
    }
    default:
      return assertNever(req);
  }
}

function toFailure(id: number, e: unknown): DataResponse {
  if (e instanceof InputProblem) return { type: 'failed', id, problem: e.problem, skipped: e.skipped };
  if (isDataError(e)) return { type: 'failed', id, problem: e.toProblem() };
  const message = e instanceof Error ? e.message : String(e);
  return { type: 'failed', id, problem: { severity: 'error', code: 'read-failed', message } };
}

self.onmessage = (event: MessageEvent<DataRequest>) => {
  const req = event.data;
  handle(req).then(
    (result) => post({ type: 'done', id: req.id, result }, result.kind === 'dataset' ? datasetBuffers(result.dataset) : []),
    (e: unknown) => post(toFailure(req.id, e)),
  );
};

