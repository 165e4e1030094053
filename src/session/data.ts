/**
 * The Data page's commands: run a task in the data worker, keep the page state in the store, and
 * bind the prepared dataset to the model. Also reloads a reopened project's data.
 */
import type { BuiltinInfo } from '../data/builtins';
import type { DataProblem } from '../data/errors';
import type { ImageScanSummary } from '../data/images';
import type { PreparedDataset } from '../data/types';
import { bindDataset } from '../store/bind-dataset';
import { initialDataPage, type DataPageState } from '../store/data-slice';
import type { AppStore } from '../store/types';
import type { DataClient } from '../worker/data-client';
import type {
  CsvReadSettings,
  CsvSettings,
  DataResult,
  ImageBuildOptions,
  TextSettings,
} from '../worker/data-protocol';
import type { SessionClients } from './clients';
import { textChoice } from './text-data';
import { looksLikeTable, SNIFF_BYTES } from './text-file-kind';

/** What a reopened project saved for its built-in: its column choices, or the size its images are resized to. */
export interface SavedBuiltinSettings {
  readonly csv?: CsvSettings;
  readonly images?: ImageBuildOptions | null;
  readonly text?: TextSettings | null;
}

/** Mixed sizes default to the largest side up to this: phone photos would otherwise ask for 4000 px. */
export const MAX_DEFAULT_IMAGE_SIDE = 64;
/** The largest side the Data page accepts. */
export const MAX_IMAGE_SIDE = 512;

/**
 * The Data page's starting size and colour for scanned images, from the images themselves: the
 * size they share (else the largest, capped), grayscale when every file is stored as gray.
 */
export function imageDefaults(summary: Pick<ImageScanSummary, 'largest' | 'sameSize' | 'allGray'>): {
  side: number;
  channels: 1 | 3;
} {
  const channels = summary.allGray ? 1 : 3;
  if (!summary.largest) return { side: 32, channels };
  const side = Math.max(summary.largest.width, summary.largest.height);
  return { side: Math.max(4, Math.min(side, summary.sameSize ? MAX_IMAGE_SIDE : MAX_DEFAULT_IMAGE_SIDE)), channels };
}

export interface DataSession {
  /** `text`: a reopened project's text settings (a new file starts from the defaults). */
  loadCsvFile(file: Blob, name: string, read?: CsvReadSettings, text?: TextSettings): Promise<void>;
  loadCsv(file: File): Promise<void>;
  /** Reads the user's file again with other reading settings (encoding, delimiter, header, bad rows). */
  reread(read: CsvReadSettings): Promise<void> | undefined;
  retrySkippingBadRows(): Promise<void> | undefined;
  editSettings(settings: CsvSettings): Promise<void>;
  prepareCsv(): Promise<void>;
  /** One .txt file → a language-modelling dataset; `settings` (a reopened project's) else the defaults. */
  loadTextFile(file: Blob, name: string, settings?: TextSettings): Promise<void>;
  /** A chosen .txt: a table saved as .txt is read as a CSV, anything else as a text to model. */
  loadTxt(file: File): Promise<'csv' | 'text'>;
  /** New text settings: the text (a .txt, text folders, or the CSV used as text) is prepared again with them. */
  editText(settings: TextSettings): Promise<void>;
  /** A ZIP of images, or of .txt files in class folders (routed by the files' extensions). */
  loadZip(file: File, text?: TextSettings): Promise<void>;
  loadFolder(files: readonly { path: string; file: File }[], name: string): Promise<void>;
  buildImages(options: ImageBuildOptions): Promise<void>;
  listBuiltins(): Promise<void>;
  chooseBuiltin(info: BuiltinInfo, saved?: SavedBuiltinSettings): Promise<void>;
  cancel(): void;
}

export function createDataSession(store: AppStore, clients: SessionClients): DataSession {
  type Client = Awaited<ReturnType<SessionClients['dataWorker']>>;
  // The promise, not its result, is kept: two commands sent before the worker has loaded (a
  // reopened project's data and the built-in list) must share one worker, the one holding the CSV.
  let clientPromise: Promise<Client> | null = null;
  let client: Client | null = null;
  let urls: string[] = [];

  async function getClient() {
    clientPromise ??= clients.dataWorker().catch((err: unknown) => {
      clientPromise = null; // a failed start is tried again by the next command
      throw err;
    });
    client = await clientPromise;
    return client;
  }

  const page = () => store.getState().dataPage;
  const patch = (p: Partial<DataPageState>) => store.getState().patchDataPage(p);
  const baseUrl = () => clients.baseUrl();

  function problemOf(e: unknown): DataProblem {
    const withProblem = e as { problem?: DataProblem };
    if (withProblem.problem) return withProblem.problem;
    return { severity: 'error', code: 'read-failed', message: e instanceof Error ? e.message : String(e) };
  }

  type Command = Parameters<DataClient['run']>[0];

  async function run(command: Command, reset?: Partial<DataPageState>): Promise<DataResult | null> {
    const c = await getClient();
    patch({ ...reset, busy: true, error: null, progress: null, startedAt: clients.now() });
    try {
      const result = await c.run(command, (progress) =>
        patch({ progress, elapsedS: (clients.now() - page().startedAt) / 1000 }),
      );
      patch({ busy: false, progress: null });
      return result;
    } catch (e) {
      const skipped = (e as { skipped?: DataPageState['skipped'] }).skipped;
      patch({ busy: false, progress: null, error: problemOf(e), ...(skipped?.length ? { skipped } : {}) });
      return null;
    }
  }

  function freshStart(fileName: string, source: DataPageState['source']): Partial<DataPageState> {
    for (const u of urls) clients.objectUrls.revoke(u);
    urls = [];
    const { builtins, builtinsError } = page();
    return { ...initialDataPage, builtins, builtinsError, fileName, source };
  }

  function adoptDataset(dataset: PreparedDataset) {
    store.getState().setDataset(dataset);
    bindDataset(store, dataset);
  }

  function applyResult(result: DataResult | null) {
    if (!result) return;
    switch (result.kind) {
      case 'csv':
        patch({ csv: result.view, schema: result.schema, settings: result.settings });
        return;
      case 'schema':
        patch({ schema: result.schema });
        return;
      case 'dataset':
        patch({
          problems: result.problems,
          split: result.split,
          skipped: result.skipped.length ? result.skipped : page().skipped,
        });
        adoptDataset(result.dataset);
        return;
      case 'image-scan': {
        const thumbnails = result.thumbnails.map((c) => ({
          label: c.label,
          images: c.images.map(({ path, png }) => {
            const url = clients.objectUrls.create(png);
            urls.push(url);
            return { path, url };
          }),
        }));
        patch({ images: result.summary, thumbnails, skipped: result.summary.skipped });
        return;
      }
      case 'builtins':
        patch({ builtins: result.list, builtinsError: null });
        return;
      case 'text':
        patch({
          text: result.preview,
          problems: result.problems,
          split: result.preview.classes,
          skipped: result.skipped.length ? result.skipped : page().skipped,
        });
        adoptDataset(result.dataset);
        return;
    }
  }

  async function loadCsvFile(file: Blob, name: string, read?: CsvReadSettings, text: TextSettings = {}) {
    // Column choices belong to the columns read before: another delimiter or header renames them.
    const settings: CsvSettings = { columns: {}, ...(read && Object.keys(read).length > 0 ? { read } : {}) };
    lastFile = { file, name };
    // The page keeps the reading settings even when this read fails, so the next try starts from them.
    applyResult(
      await run(
        { type: 'parse-csv', file, name, settings },
        { ...freshStart(name, 'csv'), settings, textSettings: text },
      ),
    );
    // A table that failed to read, or has no label yet, is not what training uses: drop the old dataset.
    if ((page().error || !page().schema?.schema.label) && store.getState().dataset) store.getState().setDataset(null);
  }

  let lastFile: { file: Blob; name: string } | null = null;
  /** What the project remembers of the data: a built-in id, or the user's file (kept for export). */
  const source = () => store.getState();

  function loadCsv(file: File) {
    source().setDatasetSource(
      { kind: 'file', name: file.name, size: file.size, type: 'csv', fileInBundle: true },
      file,
    );
    return loadCsvFile(file, file.name);
  }

  function reread(read: CsvReadSettings) {
    if (lastFile) return loadCsvFile(lastFile.file, lastFile.name, read, page().textSettings);
  }

  function retrySkippingBadRows() {
    return reread({ ...page().settings.read, skipBadRows: true });
  }

  async function editSettings(settings: CsvSettings) {
    patch({ settings });
    applyResult(await run({ type: 'infer', settings }));
  }

  async function prepareCsv() {
    const { settings, schema, textSettings, csv } = page();
    const text = schema?.schema
      ? textChoice({ schema: schema.schema, columns: settings.columns, preview: csv }, textSettings)
      : null;
    // The label the schema settled on, so the text table and the page agree when none was chosen.
    const withLabel = text && schema ? { ...settings, label: schema.schema.label } : settings;
    // A table's preview goes when the table is no longer text, so the page shows the table's own.
    if (!text) patch({ text: null });
    const result = await run({ type: 'prepare-csv', settings: withLabel, ...(text ? { text } : {}) });
    applyResult(result);
    // Text settings the worker refused (a vocabulary of 2) must not leave the last dataset training.
    if (!result && text) dropDataset();
  }

  async function loadTextFile(file: Blob, name: string, settings: TextSettings = {}) {
    lastFile = null;
    source().setDatasetSource({ kind: 'file', name, size: file.size, type: 'text', fileInBundle: true }, file);
    const result = await run(
      { type: 'load-text', file, name, settings },
      { ...freshStart(name, 'text'), textSettings: settings },
    );
    applyResult(result);
    if (!result) dropDataset();
  }

  async function loadTxt(file: File): Promise<'csv' | 'text'> {
    const head = await file.slice(0, SNIFF_BYTES).text();
    if (looksLikeTable(head)) {
      await loadCsv(file);
      return 'csv';
    }
    await loadTextFile(file, file.name);
    return 'text';
  }

  async function editText(settings: TextSettings) {
    patch({ textSettings: settings });
    if (page().source === 'csv') {
      if (page().schema?.schema.label != null && page().csv) await prepareCsv();
      return;
    }
    if (page().source !== 'text') return;
    const result = await run({ type: 'prepare-text', settings });
    applyResult(result);
    if (!result) dropDataset();
  }

  /** A failed text preparation leaves no dataset that disagrees with the page's settings. */
  function dropDataset() {
    if (store.getState().dataset) store.getState().setDataset(null);
    patch({ text: null });
  }

  /** After a scan: a ZIP or folder that held text is recorded as text files, so reopening reads it as text. */
  function scannedAs(
    result: DataResult | null,
    ref: { name: string; size: number; fileInBundle: boolean },
    file: Blob | null,
  ) {
    if (result?.kind === 'text') {
      source().setDatasetSource({ kind: 'file', ...ref, type: 'text-files' }, file);
      patch({ source: 'text' });
    }
    applyResult(result);
  }

  async function loadZip(file: File, text: TextSettings = {}) {
    const ref = { name: file.name, size: file.size, fileInBundle: true };
    source().setDatasetSource({ kind: 'file', ...ref, type: 'images' }, file);
    const result = await run(
      { type: 'scan-zip', file, name: file.name, text },
      { ...freshStart(file.name, 'images'), textSettings: text },
    );
    scannedAs(result, ref, file);
  }

  async function loadFolder(files: readonly { path: string; file: File }[], name: string) {
    // A folder cannot be stored: reopening the project asks for it again.
    const size = files.reduce((sum, f) => sum + f.file.size, 0);
    const ref = { name, size, fileInBundle: false };
    source().setDatasetSource({ kind: 'file', ...ref, type: 'images' }, null);
    const result = await run({ type: 'scan-folder', files, name, text: {} }, freshStart(name, 'images'));
    scannedAs(result, ref, null);
  }

  async function buildImages(options: ImageBuildOptions) {
    source().setImageSettings(options);
    applyResult(await run({ type: 'build-images', options }));
  }

  let listing: Promise<void> | null = null;
  function listBuiltins(): Promise<void> {
    listing ??= fetchBuiltinList().finally(() => {
      listing = null;
    });
    return listing;
  }

  async function fetchBuiltinList() {
    if (page().builtins) return;
    const result = await run({ type: 'list-builtins', baseUrl: baseUrl() });
    if (!result) patch({ builtinsError: page().error?.message ?? 'could not list the built-in datasets', error: null });
    applyResult(result);
  }

  async function chooseBuiltin(info: BuiltinInfo, saved: SavedBuiltinSettings = {}) {
    lastFile = null;
    source().setDatasetSource({ kind: 'builtin', id: info.id });
    if (info.kind === 'text') {
      // A classification set is read as text from the column its index names, with the tokenizer
      // the set is meant for (word-language: subwords, as whole words would all be unknown in test).
      const own = info.tokenizer;
      const tokenizer: TextSettings = own
        ? {
            tokenizer: own.kind,
            ...(own.vocabSize !== undefined ? { vocabSize: own.vocabSize } : {}),
            ...(own.seqLen !== undefined ? { seqLen: own.seqLen } : {}),
          }
        : {};
      const text: TextSettings =
        saved.text ?? (info.textColumn ? { useText: true, textColumn: info.textColumn, ...tokenizer } : tokenizer);
      const result = await run(
        { type: 'builtin-text', baseUrl: baseUrl(), builtinId: info.id, settings: text },
        { ...freshStart(info.title, info.task === 'next-token' ? 'text' : 'csv'), textSettings: text },
      );
      applyResult(result);
      if (!result || result.kind !== 'csv') return;
      // A classification set arrives as a table with a text column: prepared as text at once.
      if (saved.csv && JSON.stringify(saved.csv) !== JSON.stringify(page().settings)) await editSettings(saved.csv);
      if (!page().error) await prepareCsv();
    } else if (info.kind === 'tabular') {
      const result = await run(
        { type: 'builtin-csv', baseUrl: baseUrl(), builtinId: info.id },
        freshStart(info.title, 'csv'),
      );
      applyResult(result);
      if (!result) return;
      // Saved choices go in before the first prepare, so the model is bound once, to the final shape.
      if (saved.csv && JSON.stringify(saved.csv) !== JSON.stringify(page().settings)) await editSettings(saved.csv);
      if (!page().error) await prepareCsv();
    } else {
      // The size belongs to this built-in now; a ZIP's earlier settings must not resize it on reopening.
      const images = saved.images ?? null;
      source().setImageSettings(images);
      const resize = images ? { width: images.width, height: images.height, channels: images.channels } : undefined;
      applyResult(
        await run(
          { type: 'builtin-images', baseUrl: baseUrl(), builtinId: info.id, ...(resize ? { resize } : {}) },
          freshStart(info.title, 'builtin-images'),
        ),
      );
    }
  }

  function cancel() {
    client?.cancel();
  }

  return {
    loadCsvFile,
    loadCsv,
    reread,
    retrySkippingBadRows,
    editSettings,
    prepareCsv,
    loadTextFile,
    loadTxt,
    editText,
    loadZip,
    loadFolder,
    buildImages,
    listBuiltins,
    chooseBuiltin,
    cancel,
  };
}
