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
import type { CsvReadSettings, CsvSettings, DataResult, ImageBuildOptions } from '../worker/data-protocol';
import type { SessionClients } from './clients';

/** What a reopened project saved for its built-in: its column choices, or the size its images are resized to. */
export interface SavedBuiltinSettings {
  readonly csv?: CsvSettings;
  readonly images?: ImageBuildOptions | null;
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
  loadCsvFile(file: Blob, name: string, read?: CsvReadSettings): Promise<void>;
  loadCsv(file: File): Promise<void>;
  /** Reads the user's file again with other reading settings (encoding, delimiter, header, bad rows). */
  reread(read: CsvReadSettings): Promise<void> | undefined;
  retrySkippingBadRows(): Promise<void> | undefined;
  editSettings(settings: CsvSettings): Promise<void>;
  prepareCsv(): Promise<void>;
  loadZip(file: File): Promise<void>;
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
    }
  }

  async function loadCsvFile(file: Blob, name: string, read?: CsvReadSettings) {
    // Column choices belong to the columns read before: another delimiter or header renames them.
    const settings: CsvSettings = { columns: {}, ...(read && Object.keys(read).length > 0 ? { read } : {}) };
    lastFile = { file, name };
    // The page keeps the reading settings even when this read fails, so the next try starts from them.
    applyResult(await run({ type: 'parse-csv', file, name, settings }, { ...freshStart(name, 'csv'), settings }));
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
    if (lastFile) return loadCsvFile(lastFile.file, lastFile.name, read);
  }

  function retrySkippingBadRows() {
    return reread({ ...page().settings.read, skipBadRows: true });
  }

  async function editSettings(settings: CsvSettings) {
    patch({ settings });
    applyResult(await run({ type: 'infer', settings }));
  }

  async function prepareCsv() {
    applyResult(await run({ type: 'prepare-csv', settings: page().settings }));
  }

  async function loadZip(file: File) {
    source().setDatasetSource(
      { kind: 'file', name: file.name, size: file.size, type: 'images', fileInBundle: true },
      file,
    );
    applyResult(await run({ type: 'scan-zip', file, name: file.name }, freshStart(file.name, 'images')));
  }

  async function loadFolder(files: readonly { path: string; file: File }[], name: string) {
    // A folder cannot be stored: reopening the project asks for it again.
    const size = files.reduce((sum, f) => sum + f.file.size, 0);
    source().setDatasetSource({ kind: 'file', name, size, type: 'images', fileInBundle: false }, null);
    applyResult(await run({ type: 'scan-folder', files, name }, freshStart(name, 'images')));
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
    if (info.kind === 'tabular') {
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
    loadZip,
    loadFolder,
    buildImages,
    listBuiltins,
    chooseBuiltin,
    cancel,
  };
}
