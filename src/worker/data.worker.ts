/// <reference lib="webworker" />
/**
 * The data worker: a thin shell over src/data. It keeps the parsed CSV and the scanned image bytes
 * so each user edit only re-runs the (fast) schema inference, and transfers the prepared splits.
 */
import { builtinCsvText, fetchBuiltinFile, listBuiltins, loadImageBuiltin, loadTextBuiltin } from '../data/builtins';
import type { DataProblem } from '../data/errors';
import { resizeImageDataset } from '../data/image-resize';
import { isDataError } from '../data/errors';
import type { FolderEntry, ImageScanReport, SkippedFile } from '../data/images';
import { buildImageDataset, readFolder, readZip, scanImageFiles, summarizeScan } from '../data/images';
import type { CollectResult } from '../data/images';
import type { ParsedCsv, PrepareTabularOptions } from '../data/tabular';
import { inferSchema, parseCsv, prepareTabular } from '../data/tabular';
import type { PreparedDataset } from '../data/types';
import type {
  CsvSettings,
  DataRequest,
  DataResponse,
  DataResult,
  SchemaView,
  TextSettings,
  ThumbnailClass,
} from './data-protocol';
import { archiveKind, corpusRatios, decodeTextFile, prepareTextSource, type TextSource } from './data-text';
import { assertNever } from './data-protocol';
import { classBalance, columnStats, formatHistograms, previewRows } from './data-stats';
import { decodeImage, makeClassThumbnails } from './image-decode';

const PREVIEW_ROWS = 5000;

let parsed: ParsedCsv | null = null;
let csvName = 'dataset';
let csvId = 'csv:dataset';
/** A text built-in's split column (the rows its baseline was scored on); undefined: found by name. */
let builtinSplit: string | null | undefined;
let scan: ImageScanReport | null = null;
/** The text a .txt, text folders or a text built-in gave; a CSV prepared as text is read from `parsed`. */
let text: TextSource | null = null;

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
    ...(settings.splitColumn ? { splitColumn: settings.splitColumn } : {}),
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
  text = null;
  builtinSplit = undefined;
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

function textResult(source: TextSource, settings: TextSettings): DataResult {
  const prepared = prepareTextSource(source, settings);
  return { kind: 'text', ...prepared };
}

function prepareCsv(settings: CsvSettings, textSettings?: TextSettings | null): DataResult {
  if (textSettings) {
    return textResult(
      {
        kind: 'table',
        parsed: needParsed(),
        csv: settings,
        name: csvName,
        id: csvId,
        ...(builtinSplit !== undefined ? { splitColumn: builtinSplit } : {}),
      },
      textSettings,
    );
  }
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

async function scanned(
  id: number,
  name: string,
  textSettings: TextSettings | undefined,
  read: (onProgress: (done: number, total: number | null) => void) => Promise<CollectResult>,
): Promise<DataResult> {
  parsed = null;
  scan = null;
  text = null;
  const files = await read((done, total) =>
    post({ type: 'progress', id, progress: { phase: 'reading', done, total, unit: 'bytes' } }),
  );
  if (!files.ok) return fail(files.error);
  if (archiveKind(files.files.entries.map((e) => e.path)) === 'text') {
    const entries = files.files.entries.filter((e) => e.path.toLowerCase().endsWith('.txt'));
    text = { kind: 'folders', entries, name: name.replace(/\.zip$/i, '') || 'text', id: `text:${name}` };
    return textResult(text, textSettings ?? {});
  }
  const result = scanImageFiles(files.files);
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
      return prepareCsv(req.settings, req.text);
    case 'load-text': {
      parsed = null;
      scan = null;
      text = null;
      post({
        type: 'progress',
        id: req.id,
        progress: { phase: 'reading', done: 0, total: req.file.size, unit: 'bytes' },
      });
      const body = decodeTextFile(req.name, new Uint8Array(await req.file.arrayBuffer()));
      text = { kind: 'corpus', text: body, name: req.name.replace(/\.[^.]*$/, '') || 'text', id: `text:${req.name}` };
      return textResult(text, req.settings);
    }
    case 'prepare-text':
      return textResult(
        text ?? fail('no text is loaded: choose a .txt file, or a ZIP or folder of .txt files'),
        req.settings,
      );
    case 'builtin-text': {
      post({ type: 'progress', id: req.id, progress: { phase: 'loading', done: 0, total: null, unit: 'bytes' } });
      parsed = null;
      scan = null;
      text = null;
      const loaded = await loadTextBuiltin(req.builtinId, fetchBuiltinFile(req.baseUrl));
      const { info } = loaded;
      if (info.corpus) {
        text = {
          kind: 'corpus',
          text: loaded.text,
          name: info.title,
          id: `builtin:${info.id}`,
          split: corpusRatios(info.corpus.splits),
        };
        return textResult(text, req.settings);
      }
      const columns: Record<string, { role: 'ignore' } | { type: 'text' }> = {};
      if (info.splitColumn) columns[info.splitColumn] = { role: 'ignore' };
      // A column of single words would read as categorical: the index says it is the text.
      if (info.textColumn) columns[info.textColumn] = { type: 'text' };
      const settings: CsvSettings = { label: info.labelColumn, columns };
      const result = await loadCsv(req.id, loaded.text, info.files[0] ?? `${info.id}.csv`, settings);
      csvName = info.title;
      csvId = `builtin:${info.id}`;
      builtinSplit = info.splitColumn;
      return result;
    }
    case 'scan-zip':
      return scanned(req.id, req.name, req.text, (onProgress) =>
        readZip(req.file, req.name, { onProgress, readText: true }),
      );
    case 'scan-folder': {
      const entries: FolderEntry[] = req.files.map(({ path, file }) => ({
        path,
        size: file.size,
        read: async () => new Uint8Array(await file.arrayBuffer()),
      }));
      return scanned(req.id, req.name, req.text, (onProgress) =>
        readFolder(entries, req.name, { onProgress, readText: true }),
      );
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
      // The roles the built-in asks for: its ignored columns, and id columns (movie-ratings' user and item).
      const settings: CsvSettings = {
        label: csv.labelColumn,
        columns: { ...csv.columnRoles },
        ...(csv.splitColumn ? { splitColumn: csv.splitColumn } : {}),
      };
      const result = await loadCsv(req.id, csv.text, csv.info.files[0] ?? `${req.builtinId}.csv`, settings);
      csvName = csv.info.title;
      csvId = `builtin:${req.builtinId}`;
      return result;
    }
    case 'builtin-images': {
      post({ type: 'progress', id: req.id, progress: { phase: 'loading', done: 0, total: null, unit: 'bytes' } });
      parsed = null;
      scan = null;
      text = null;
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
    (result) =>
      post(
        { type: 'done', id: req.id, result },
        result.kind === 'dataset' || result.kind === 'text' ? datasetBuffers(result.dataset) : [],
      ),
    (e: unknown) => post(toFailure(req.id, e)),
  );
};
