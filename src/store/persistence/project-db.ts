/**
 * Where projects live in the browser: IndexedDB database 'layerloom' with one store per kind of
 * data, so listing projects never loads weights or dataset files:
 * - projects: ProjectRecord (summary + the project JSON), keyed by project id;
 * - runWeights: each run's LayerWeights (Float32Arrays, stored as they are), keyed
 *   [projectId, runId]; the weights a model came with use the run id OPENED_WEIGHTS;
 * - files: the user's dataset file of a project (a Blob);
 * - runCheckpoints: each run's last finished epoch (weights, optimizer state, history, curve),
 *   keyed [projectId, runId], so a reload or a crash loses at most the unfinished epoch.
 *
 * Everything goes through the small ProjectDb interface, so tests (and browsers where IndexedDB
 * is unavailable) use the in-memory version in memory-db.ts.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Project } from '../../model/project-schema';
import type { LayerWeights } from '../../model/weights';
import type { ProjectSummary } from '../projects-slice';

export interface ProjectRecord {
  readonly id: string;
  /** Bumped by every write; a tab that saves compares it with the revision it last saw. */
  readonly revision: number;
  /** The tab that wrote this revision. */
  readonly savedBy: string;
  readonly summary: ProjectSummary;
  readonly project: Project;
}

export interface StoredFile {
  readonly name: string;
  readonly type: 'csv' | 'images' | 'text' | 'text-files';
  readonly blob: Blob;
}

/** Weights by run id (OPENED_WEIGHTS for the weights the model came with). */
export type RunWeightsMap = Readonly<Record<string, LayerWeights>>;

/** undefined: leave as stored; null: delete; a value: replace. */
export interface SaveExtras {
  /** Only the runs named change: a value replaces that run's weights, null deletes them. */
  readonly weights?: Readonly<Record<string, LayerWeights | null>>;
  readonly file?: StoredFile | null;
}

export type SaveResult =
  | { readonly ok: true; readonly revision: number }
  | { readonly ok: false; readonly conflict: 'newer-revision' | 'deleted'; readonly revision: number };

export interface ProjectDb {
  list(): Promise<ProjectRecord[]>;
  get(id: string): Promise<ProjectRecord | undefined>;
  /** Every stored run's weights of a project (empty when none). */
  getWeights(id: string): Promise<RunWeightsMap>;
  /** Bytes a project takes: its record, every run's weights, checkpoints and its dataset file. */
  usage(id: string): Promise<number>;
  getFile(id: string): Promise<StoredFile | undefined>;
  /**
   * Writes the record (revision + 1) and the extras in one transaction, but only while the stored
   * revision is still `expectRevision` (0: the project must not exist yet; null: write regardless).
   */
  save(record: Omit<ProjectRecord, 'revision'>, extras: SaveExtras, expectRevision: number | null): Promise<SaveResult>;
  remove(id: string): Promise<void>;
  /** Deletes one run's weights and checkpoint (the project record is saved separately). */
  removeRun(id: string, runId: string): Promise<void>;
  readonly checkpoints: CheckpointDb;
}

/** Resumable checkpoints, one per project and run (see src/session/checkpoints.ts for the value). */
export interface CheckpointDb {
  put(projectId: string, runId: string, value: unknown): Promise<void>;
  get(projectId: string, runId: string): Promise<unknown>;
  /** Every checkpoint of a project, newest write last is not guaranteed: callers sort. */
  list(projectId: string): Promise<unknown[]>;
  remove(projectId: string, runId: string): Promise<void>;
}

/** Bytes of a weights object's values. */
export function weightsBytes(w: LayerWeights | undefined | null): number {
  return w ? Object.values(w).reduce((n, list) => n + list.reduce((m, t) => m + t.values.byteLength, 0), 0) : 0;
}

/** The stored revision against the one the caller expects: null when the write may go ahead. */
export function revisionConflict(stored: ProjectRecord | undefined, expect: number | null): SaveResult | null {
  const current = stored?.revision ?? 0;
  if (expect === null || current === expect) return null;
  return { ok: false, conflict: stored ? 'newer-revision' : 'deleted', revision: current };
}

/** Browsers name a full disk differently; Firefox also wraps it in a transaction abort. */
export function isQuotaError(error: unknown): boolean {
  const names = ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'];
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.name === 'string' && names.includes(e.name)) return true;
  return isQuotaError(e.inner) || isQuotaError(e.cause);
}

export const DB_NAME = 'layerloom';
/**
 * 1: checkpoints only (the Train page). 2: projects, weights and files added. 3: weights and
 * checkpoints per project and run (the old one-per-project weights move to their run).
 */
export const DB_VERSION = 3;

type RunKey = [string, string];

export interface LayerloomDbSchema extends DBSchema {
  projects: { key: string; value: ProjectRecord };
  runWeights: { key: RunKey; value: LayerWeights };
  files: { key: string; value: StoredFile };
  runCheckpoints: { key: RunKey; value: unknown };
}

/** The stores of version 3; `weights` and `checkpoints` (versions 1–2) are migrated and dropped. */
const STORE_NAMES = ['projects', 'runWeights', 'files', 'runCheckpoints'] as const;

/** Every key [projectId, …]: arrays sort after strings, so [id, []] bounds all run ids. */
const ofProject = (id: string) => IDBKeyRange.bound([id], [id, []]);

let opening: Promise<IDBPDatabase<LayerloomDbSchema>> | null = null;

/**
 * Opens (and on first use upgrades) the app's database. The upgrade only creates stores that are
 * missing, so the checkpoint saved by version 1 survives. Every part of the app that touches the
 * database should open it here, so that all ask for the same version.
 */
export function openLayerloomDb(onBlocked?: () => void): Promise<IDBPDatabase<LayerloomDbSchema>> {
  opening ??= openFresh(onBlocked).catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

async function openFresh(onBlocked?: () => void): Promise<IDBPDatabase<LayerloomDbSchema>> {
  const db = await openDB<LayerloomDbSchema>(DB_NAME, DB_VERSION, {
    // A tab still running an older Layerloom holds the old version open; the upgrade waits for it.
    blocked: () => onBlocked?.(),
    async upgrade(database, oldVersion, _newVersion, tx) {
      for (const name of STORE_NAMES) {
        if (!database.objectStoreNames.contains(name)) database.createObjectStore(name);
      }
      if (oldVersion >= 2 && oldVersion < 3) await moveProjectWeightsToRuns(tx as unknown as UpgradeTx);
      // The old single 'current' checkpoint belonged to no project; it cannot be resumed safely.
      const names = database.objectStoreNames as unknown as DOMStringList;
      if (names.contains('checkpoints')) database.deleteObjectStore('checkpoints' as never);
    },
  });
  // A newer tab wants to upgrade: step aside so it is not blocked; the next call reopens.
  db.addEventListener('versionchange', () => {
    db.close();
    opening = null;
  });
  return db;
}

interface UpgradeTx {
  objectStore(name: string): {
    getAllKeys(): Promise<IDBValidKey[]>;
    get(key: IDBValidKey): Promise<unknown>;
    put(value: unknown, key: IDBValidKey): Promise<unknown>;
  };
}

/** Version 2 kept one weights object per project: it becomes the weights of the run it names. */
async function moveProjectWeightsToRuns(tx: UpgradeTx): Promise<void> {
  const db = (tx as unknown as { db: IDBPDatabase }).db;
  if (!db.objectStoreNames.contains('weights')) return;
  const old = tx.objectStore('weights');
  for (const id of await old.getAllKeys()) {
    const record = (await tx.objectStore('projects').get(id)) as ProjectRecord | undefined;
    const runId = record?.project.weights?.runId ?? 'opened';
    await tx.objectStore('runWeights').put(await old.get(id), [String(id), runId]);
  }
  db.deleteObjectStore('weights');
}

/** ProjectDb over IndexedDB. */
export function createIdbProjectDb(
  open: () => Promise<IDBPDatabase<LayerloomDbSchema>> = () => openLayerloomDb(),
): ProjectDb {
  const checkpoints: CheckpointDb = {
    async put(projectId, runId, value) {
      await (await open()).put('runCheckpoints', value, [projectId, runId]);
    },
    async get(projectId, runId) {
      return (await open()).get('runCheckpoints', [projectId, runId]);
    },
    async list(projectId) {
      return (await open()).getAll('runCheckpoints', ofProject(projectId));
    },
    async remove(projectId, runId) {
      await (await open()).delete('runCheckpoints', [projectId, runId]);
    },
  };
  return {
    checkpoints,
    async list() {
      return (await open()).getAll('projects');
    },
    async get(id) {
      return (await open()).get('projects', id);
    },
    async getWeights(id) {
      const db = await open();
      const tx = db.transaction('runWeights');
      const [keys, values] = await Promise.all([
        tx.store.getAllKeys(ofProject(id)),
        tx.store.getAll(ofProject(id)),
        tx.done,
      ]);
      return Object.fromEntries(keys.map((k, i) => [k[1], values[i]!]));
    },
    async getFile(id) {
      return (await open()).get('files', id);
    },
    async usage(id) {
      const db = await open();
      const [record, weights, cps, file] = await Promise.all([
        db.get('projects', id),
        db.getAll('runWeights', ofProject(id)),
        db.getAll('runCheckpoints', ofProject(id)),
        db.get('files', id),
      ]);
      const cpBytes = cps.reduce<number>((n, c) => n + checkpointBytes(c), 0);
      return (
        (record ? JSON.stringify(record).length : 0) +
        weights.reduce((n, w) => n + weightsBytes(w), 0) +
        cpBytes +
        (file?.blob.size ?? 0)
      );
    },
    async save(record, extras, expectRevision) {
      const db = await open();
      const tx = db.transaction(['projects', 'runWeights', 'files'], 'readwrite');
      const stored = await tx.objectStore('projects').get(record.id);
      const conflict = revisionConflict(stored, expectRevision);
      if (conflict) {
        await tx.done;
        return conflict;
      }
      const revision = (stored?.revision ?? 0) + 1;
      const writes: Promise<unknown>[] = [tx.objectStore('projects').put({ ...record, revision }, record.id)];
      for (const [runId, w] of Object.entries(extras.weights ?? {})) {
        const key: RunKey = [record.id, runId];
        writes.push(w ? tx.objectStore('runWeights').put(w, key) : tx.objectStore('runWeights').delete(key));
      }
      if (extras.file === null) writes.push(tx.objectStore('files').delete(record.id));
      else if (extras.file) writes.push(tx.objectStore('files').put(extras.file, record.id));
      // All together, so a quota abort rejects once and no request's rejection goes unhandled.
      await Promise.all([...writes, tx.done]);
      return { ok: true, revision };
    },
    async remove(id) {
      const db = await open();
      const tx = db.transaction(['projects', 'runWeights', 'files', 'runCheckpoints'], 'readwrite');
      await Promise.all([
        tx.objectStore('projects').delete(id),
        tx.objectStore('runWeights').delete(ofProject(id)),
        tx.objectStore('runCheckpoints').delete(ofProject(id)),
        tx.objectStore('files').delete(id),
        tx.done,
      ]);
    },
    async removeRun(id, runId) {
      const db = await open();
      const tx = db.transaction(['runWeights', 'runCheckpoints'], 'readwrite');
      await Promise.all([
        tx.objectStore('runWeights').delete([id, runId]),
        tx.objectStore('runCheckpoints').delete([id, runId]),
        tx.done,
      ]);
    },
  };
}

/** Bytes of the typed arrays inside a stored checkpoint (its weights and optimizer slots). */
export function checkpointBytes(value: unknown): number {
  let n = 0;
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) n += v.byteLength;
    else for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return n;
}
