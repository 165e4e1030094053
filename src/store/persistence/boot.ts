/**
 * Starts project persistence for a store: loads the project list, opens the share link in the
 * URL or else the most recent project (or a blank one), then autosaves every change. Works in
 * Node with injected parts (tests) and in the browser with the real ones (see ui/projects/runtime).
 */
import type { ProjectConflict } from '../projects-slice';
import { requestPersistentStorage, startAutosave, weightsOf, type StorageLike } from './autosave';
import { newProjectId, readProject } from '../../model/project';
import { errorText, notify, refreshList, storeNew, type PersistenceContext } from './context';
import { projectActions, type ProjectActions } from './project-actions';
import type { ProjectDb } from './project-db';
import { sharePayload } from './share-link';
import { snapshotProject, type LoadedProject } from './snapshot';
import { createTabLock, type ChannelLike } from './tab-lock';
import { transferActions, type TransferActions } from './transfer-actions';
import type { AppStore } from '../types';

export interface ProjectsOptions {
  readonly db: ProjectDb;
  /** BroadcastChannel to the other tabs (null: none; the revision check still guards saves). */
  readonly channel: ChannelLike | null;
  /** navigator.storage, to ask for persistent storage once. */
  readonly storage?: StorageLike | null;
  readonly restoreDataset?: (loaded: LoadedProject) => void | Promise<void>;
  /** location.hash at start: a `#/share/…` hash opens as a new project. */
  readonly initialHash?: string;
  readonly tabId?: string;
  readonly now?: () => Date;
  readonly autosaveDelayMs?: number;
  readonly undoMs?: number;
}

export interface ProjectsRuntime extends ProjectActions, TransferActions {
  /** Resolves once a project is open (or opening failed, with a notice). */
  readonly ready: Promise<void>;
  readonly tabId: string;
  /** Saves the open project now if anything changed (a run starting: a reload must find its data and settings). */
  saveNow(): Promise<void>;
  /** Stops autosaving and closes the channel. */
  dispose(): void;
}

export const UNDO_DELETE_MS = 5000;

export function conflictText(conflict: ProjectConflict, name: string): string {
  return conflict.reason === 'deleted'
    ? `“${name}” was deleted in another tab. Autosave is paused here; save your work as a copy to keep it.`
    : `“${name}” was changed in another tab. Autosave is paused here so neither tab overwrites the other: reload the other tab's version, or save this tab's work as a copy.`;
}

export function startProjects(store: AppStore, options: ProjectsOptions): ProjectsRuntime {
  const tabId = options.tabId ?? crypto.randomUUID();
  let list: (() => Promise<void>) | null = null;

  const reportConflict = (conflict: ProjectConflict) => {
    const s = store.getState();
    if (s.currentProjectId !== conflict.projectId || s.conflict) return;
    s.patchProjects({ conflict, saveStatus: { state: 'paused', savedAt: s.saveStatus.savedAt } });
    s.setProjectNotice({ kind: 'conflict', text: conflictText(conflict, s.projectName) });
  };
  const lock = createTabLock({
    tabId,
    channel: options.channel,
    onConflict: reportConflict,
    onOtherTabChange: () => void list?.().catch(() => undefined),
  });
  const autosave = startAutosave({
    store,
    db: options.db,
    lock,
    tabId,
    reportConflict,
    ...(options.autosaveDelayMs !== undefined ? { delayMs: options.autosaveDelayMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const ctx: PersistenceContext = {
    store,
    db: options.db,
    autosave,
    lock,
    tabId,
    now: options.now ?? (() => new Date()),
    undoMs: options.undoMs ?? UNDO_DELETE_MS,
    ...(options.restoreDataset ? { restoreDataset: options.restoreDataset } : {}),
  };
  const projects = projectActions(ctx);
  const transfer = transferActions(ctx);
  list = () => refreshList(ctx);

  async function boot(): Promise<void> {
    void requestPersistentStorage(options.storage);
    try {
      await refreshList(ctx);
    } catch (e) {
      notify(ctx, 'storage', `Projects cannot be stored in this browser (${errorText(e)}). Your work stays in this tab only: export it (.layerloom) to keep a copy.`);
      return;
    }
    const payload = sharePayload(options.initialHash ?? '');
    if (payload !== null && (await transfer.openShared(payload))) return;
    const latest = store.getState().projects[0];
    if (latest && (await projects.open(latest.id))) return;
    if (!latest) await adoptCurrentState();
  }

  /** First run: what is on screen already becomes the first project. */
  async function adoptCurrentState(): Promise<void> {
    try {
      const id = newProjectId();
      const s = store.getState();
      const project = readProject(snapshotProject(s, ctx.now(), id));
      const revision = await storeNew(ctx, project, weightsOf(s), null);
      s.patchProjects({ currentProjectId: id, projectCreatedAt: project.createdAt });
      autosave.adopt(id, revision);
      await refreshList(ctx);
    } catch (e) {
      notify(ctx, 'storage', `Could not store the first project (${errorText(e)}). Your work stays in this tab: export it (.layerloom) to keep a copy.`);
    }
  }

  return {
    ...projects,
    ...transfer,
    tabId,
    ready: boot(),
    saveNow: () => autosave.flush(),
    dispose() {
      autosave.stop();
      lock.close();
    },
  };
}
