/**
 * Where projects live in the browser: IndexedDB database 'layerloom' with one store per kind of
 * data, so listing projects never loads weights or dataset files:
 * - projects: ProjectRecord (summary + the project JSON), keyed by project id;
 * - weights: the trained LayerWeights of a project (Float32Arrays, stored as they are);
 * - files: the user's dataset file of a project (a Blob);
 * - checkpoints: the Train page's resumable checkpoint (src/ui/train/saved-checkpoint.ts).
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
  readonly type: 'csv' | 'images';
  readonly blob: Blob;
}

/** undefined: leave as stored; null: delete; a value: replace. */
export interface SaveExtras {
  readonly weights?: LayerWeights | null;
  readonly file?: StoredFile | null;
}

export type SaveResult =
  | { readonly ok: true; readonly revision: number }
  | { readonly ok: false; readonly conflict: 'newer-revision' | 'deleted'; readonly revision: number };

export interface ProjectDb {
  list(): Promise<ProjectRecord[]>;
  get(id: string): Promise<ProjectRecord | undefined>;
  getWeights(id: string): Promise<LayerWeights | undefined>;
  getFile(id: string): Promise<StoredFile | undefined>;
  /**
   * Writes the record (revision + 1) and the extras in one transaction, but only while the stored
   * revision is still `expectRevision` (0: the project must not exist yet; null: write regardless).
   */
  save(record: Omit<ProjectRecord, 'revision'>, extras: SaveExtras, expectRevision: number | null): Promise<SaveResult>;
  remove(id: string): Promise<void>;
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
/** 1: checkpoints only (the Train page). 2: projects, weights and files added. */
export const DB_VERSION = 2;

export interface LayerloomDbSchema extends DBSchema {
  projects: { key: string; value: ProjectRecord };
  weights: { key: string; value: LayerWeights };
  files: { key: string; value: StoredFile };
  checkpoints: { key: string; value: unknown };
}

const STORE_NAMES = ['projects', 'weights', 'files', 'checkpoints'] as const;

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
    upgrade(database) {
      for (const name of STORE_NAMES) {
        if (!database.objectStoreNames.contains(name)) database.createObjectStore(name);
      }
    },
  });
  // A newer tab wants to upgrade: step aside so it is not blocked; the next call reopens.
  db.addEventListener('versionchange', () => {
    db.close();
    opening = null;
  });
  return db;
}

/** ProjectDb over IndexedDB. */
export function createIdbProjectDb(open: () => Promise<IDBPDatabase<LayerloomDbSchema>> = () => openLayerloomDb()): ProjectDb {
  return {
    async list() {
      return (await open()).getAll('projects');
    },
    async get(id) {
      return (await open()).get('projects', id);
    },
    async getWeights(id) {
      return (await open()).get('weights', id);
    },
    async getFile(id) {
      return (await open()).get('files', id);
    },
    async save(record, extras, expectRevision) {
      const db = await open();
      const tx = db.transaction(['projects', 'weights', 'files'], 'readwrite');
      const stored = await tx.objectStore('projects').get(record.id);
      const conflict = revisionConflict(stored, expectRevision);
      if (conflict) {
        await tx.done;
        return conflict;
      }
      const revision = (stored?.revision ?? 0) + 1;
      const writes: Promise<unknown>[] = [tx.objectStore('projects').put({ ...record, revision }, record.id)];
      if (extras.weights === null) writes.push(tx.objectStore('weights').delete(record.id));
      else if (extras.weights) writes.push(tx.objectStore('weights').put(extras.weights, record.id));
      if (extras.file === null) writes.push(tx.objectStore('files').delete(record.id));
      else if (extras.file) writes.push(tx.objectStore('files').put(extras.file, record.id));
      // All together, so a quota abort rejects once and no request's rejection goes unhandled.
      await Promise.all([...writes, tx.done]);
      return { ok: true, revision };
    },
    async remove(id) {
      const db = await open();
      const tx = db.transaction(['projects', 'weights', 'files'], 'readwrite');
      await Promise.all([
        tx.objectStore('projects').delete(id),
        tx.objectStore('weights').delete(id),
        tx.objectStore('files').delete(id),
        tx.done,
      ]);
    },
  };
}
