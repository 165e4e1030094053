/**
 * Saves the open project to IndexedDB a moment after every change, so a crash or a reload loses
 * nothing. One save at a time; changes during a save schedule the next one. A full disk or a
 * conflict with another tab never touches the in-memory state: the user is told, and can export.
 */
import { readProject } from '../../model/project';
import type { LayerWeights } from '../../model/weights';
import type { ProjectConflict } from '../projects-slice';
import { OPENED_WEIGHTS } from '../evaluation-slice';
import { isQuotaError, type ProjectDb, type RunWeightsMap, type SaveExtras } from './project-db';
import { persistedRefs, sameRefs, snapshotProject, summarize } from './snapshot';
import type { TabLock } from './tab-lock';
import type { AppState, AppStore } from '../types';

export const AUTOSAVE_DELAY_MS = 500;
/**
 * The longest a change waits while more keep coming (a run writes its epochs every fraction of a
 * second): without it, the debounce would push the save back for as long as training lasts.
 */
export const AUTOSAVE_MAX_WAIT_MS = 2000;

/** Every weights object the open project keeps, by run id (OPENED_WEIGHTS: the model's own). */
export function weightsOf(s: AppState): RunWeightsMap {
  return s.initialWeights ? { ...s.runWeights, [OPENED_WEIGHTS]: s.initialWeights } : s.runWeights;
}

function applyDelta(base: RunWeightsMap, delta: Readonly<Record<string, LayerWeights | null>>): RunWeightsMap {
  const out: Record<string, LayerWeights> = { ...base };
  for (const [id, w] of Object.entries(delta)) {
    if (w) out[id] = w;
    else delete out[id];
  }
  return out;
}

export interface AutosaveOptions {
  readonly store: AppStore;
  readonly db: ProjectDb;
  readonly lock: TabLock;
  readonly tabId: string;
  /** Called when the database says another tab wrote (or deleted) the project first. */
  reportConflict(conflict: ProjectConflict): void;
  readonly delayMs?: number;
  readonly maxWaitMs?: number;
  readonly now?: () => Date;
}

export interface Autosave {
  /** Saves now if anything changed; resolves when the save (and any before it) is done. */
  flush(): Promise<void>;
  /** The state now in the store is revision `revision` of project `projectId` as stored. */
  adopt(projectId: string, revision: number): void;
  /** Stops saving the open project (it was deleted) until the next `adopt`. */
  detach(): void;
  /** The stored revision this tab's state is based on. */
  revision(): number;
  stop(): void;
}

export function quotaMessage(name: string): string {
  return (
    `The browser's storage for Layerloom is full, so the latest changes to “${name}” are not saved. ` +
    'Nothing is lost while this tab stays open: export the project (.layerloom) to keep a copy, or delete old projects to free space.'
  );
}

export function startAutosave(options: AutosaveOptions): Autosave {
  const { store, db, lock, tabId } = options;
  const delay = options.delayMs ?? AUTOSAVE_DELAY_MS;
  const maxWait = Math.max(delay, options.maxWaitMs ?? AUTOSAVE_MAX_WAIT_MS);
  /** Date.now() of the oldest change not yet saved, for the max wait. */
  let firstPendingAt: number | null = null;
  const now = options.now ?? (() => new Date());
  let base: { projectId: string; revision: number } | null = null;
  let savedRefs: readonly unknown[] | null = null;
  /** The refs a save was last scheduled for: a failed save is retried on the next change, not in a loop. */
  let scheduledRefs: readonly unknown[] | null = null;
  /** The weights objects last written, by run id: only runs whose object changed are written again. */
  let savedWeights: RunWeightsMap = {};
  let savedFile: Blob | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const patchStatus = (state: AppState['saveStatus']['state'], savedAt = store.getState().saveStatus.savedAt) => {
    const cur = store.getState().saveStatus;
    if (cur.state !== state || cur.savedAt !== savedAt) store.getState().patchProjects({ saveStatus: { state, savedAt } });
  };

  const extrasFor = (s: AppState): SaveExtras => {
    const extras: { weights?: Record<string, LayerWeights | null>; file?: SaveExtras['file'] } = {};
    const now = weightsOf(s);
    const changed: Record<string, LayerWeights | null> = {};
    for (const [id, w] of Object.entries(now)) if (savedWeights[id] !== w) changed[id] = w;
    for (const id of Object.keys(savedWeights)) if (!(id in now)) changed[id] = null;
    if (Object.keys(changed).length > 0) extras.weights = changed;
    if (s.datasetFile !== savedFile) {
      const ref = s.datasetRef;
      extras.file = s.datasetFile && {
        name: ref?.kind === 'file' ? ref.name : 'dataset',
        type: ref?.kind === 'file' ? ref.type : 'csv',
        blob: s.datasetFile,
      };
    }
    return extras;
  };

  const clearStorageNotice = () => {
    const notice = store.getState().projectNotice;
    if (notice?.kind === 'quota' || notice?.kind === 'storage') store.getState().setProjectNotice(null);
  };

  async function saveNow(): Promise<void> {
    const s = store.getState();
    const id = s.currentProjectId;
    if (!id || base?.projectId !== id || s.conflict || lock.isBlocked(id)) return;
    const refs = persistedRefs(s);
    if (sameRefs(savedRefs, refs)) return;
    const expected = base.revision;
    try {
      // Validate on the way out too: a project we cannot read back is not worth writing.
      const project = readProject(snapshotProject(s, now()));
      const extras = extrasFor(s);
      patchStatus('saving');
      const result = await db.save({ id, savedBy: tabId, summary: summarize(project, s.analysis.totals.total), project }, extras, expected);
      if (base?.projectId !== id) return; // another project was opened meanwhile
      if (!result.ok) {
        patchStatus('paused');
        options.reportConflict({ projectId: id, reason: result.conflict });
        return;
      }
      base = { projectId: id, revision: result.revision };
      savedRefs = refs;
      if (extras.weights) savedWeights = applyDelta(savedWeights, extras.weights);
      if ('file' in extras) savedFile = extras.file?.blob ?? null;
      lock.announceSaved(id, result.revision);
      const summary = summarize(project, s.analysis.totals.total);
      const others = store.getState().projects.filter((p) => p.id !== id);
      // Edits made while this save ran are still waiting for theirs.
      const state = sameRefs(refs, persistedRefs(store.getState())) ? 'saved' : 'pending';
      store.getState().patchProjects({ projects: [summary, ...others], saveStatus: { state, savedAt: Date.now() } });
      clearStorageNotice();
    } catch (error) {
      patchStatus('failed');
      const text = isQuotaError(error)
        ? quotaMessage(s.projectName)
        : `Autosave failed: ${error instanceof Error ? error.message : String(error)}. Your work is still open in this tab; export it (.layerloom) to keep a copy.`;
      store.getState().setProjectNotice({ kind: isQuotaError(error) ? 'quota' : 'storage', text });
    }
  }

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    firstPendingAt = null;
    chain = chain.then(saveNow, saveNow);
    return chain;
  };

  const unsubscribe = store.subscribe((s) => {
    const id = s.currentProjectId;
    if (!id || base?.projectId !== id || s.conflict) return;
    const refs = persistedRefs(s);
    if (sameRefs(savedRefs, refs) || sameRefs(scheduledRefs, refs)) return;
    scheduledRefs = refs;
    const now = Date.now();
    firstPendingAt ??= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), Math.max(0, Math.min(delay, firstPendingAt + maxWait - now)));
    if (s.saveStatus.state !== 'pending' && s.saveStatus.state !== 'saving') patchStatus('pending');
  });

  return {
    flush,
    adopt(projectId, revision) {
      if (timer) clearTimeout(timer);
      timer = null;
      const s = store.getState();
      base = { projectId, revision };
      savedRefs = persistedRefs(s);
      scheduledRefs = savedRefs;
      savedWeights = weightsOf(s);
      savedFile = s.datasetFile;
      lock.watch(projectId, revision);
      patchStatus('saved');
    },
    detach() {
      if (timer) clearTimeout(timer);
      timer = null;
      base = null;
      lock.watch(null, 0);
    },
    revision: () => base?.revision ?? 0,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      unsubscribe();
    },
  };
}

export interface StorageLike {
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
}

/** Asks the browser not to evict our data under storage pressure; true if it agreed. */
export async function requestPersistentStorage(storage: StorageLike | null | undefined): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    if (await storage.persisted?.()) return true;
    return await storage.persist();
  } catch (_unsupported) {
    return false;
  }
}
