/**
 * The last epoch's checkpoint in IndexedDB (db 'layerloom', store 'checkpoints', key 'current'),
 * so a run cut short by a reload can resume. Anything that fails to load is ignored, never trusted.
 */
import type { IDBPDatabase } from 'idb';
import { openLayerloomDb, type LayerloomDbSchema } from '../../store/persistence/project-db';
import type { TrainConfigInput } from '../../training/config';
import type { Checkpoint, EpochLog } from '../../training/types';

export interface SavedCheckpoint {
  readonly version: 1;
  readonly runId: string;
  readonly config: TrainConfigInput;
  readonly backendLabel: string;
  readonly history: readonly EpochLog[];
  readonly checkpoint: Checkpoint;
  /** True once the run completed: nothing to resume then. */
  readonly finished: boolean;
}

const STORE = 'checkpoints';
const KEY = 'current';

let db: Promise<IDBPDatabase<LayerloomDbSchema>> | null = null;

function open(): Promise<IDBPDatabase<LayerloomDbSchema>> {
  // One database for the app: the projects code owns its version and upgrades (it keeps this store).
  db ??= openLayerloomDb();
  return db;
}

export async function saveCheckpoint(saved: SavedCheckpoint): Promise<void> {
  try {
    await (await open()).put(STORE, saved, KEY);
  } catch (_unavailable) {
    // Private mode or a full disk: the in-memory weights still work.
  }
}

export async function markCheckpointFinished(): Promise<void> {
  try {
    const database = await open();
    const saved = (await database.get(STORE, KEY)) as SavedCheckpoint | undefined;
    if (saved) await database.put(STORE, { ...saved, finished: true }, KEY);
  } catch (_unavailable) {
    // see saveCheckpoint
  }
}

function isSaved(value: unknown): value is SavedCheckpoint {
  const v = value as Partial<SavedCheckpoint> | null;
  return (
    v != null &&
    v.version === 1 &&
    typeof v.runId === 'string' &&
    Array.isArray(v.history) &&
    v.checkpoint != null &&
    Array.isArray(v.checkpoint.weights) &&
    v.checkpoint.weights.every((w) => w.values instanceof Float32Array)
  );
}

/** The saved checkpoint of an unfinished run, or null. */
export async function loadUnfinishedCheckpoint(): Promise<SavedCheckpoint | null> {
  try {
    const saved: unknown = await (await open()).get(STORE, KEY);
    return isSaved(saved) && !saved.finished ? saved : null;
  } catch (_unavailable) {
    return null;
  }
}
