/**
 * Project persistence wired to the browser: IndexedDB (or memory when the browser refuses it),
 * a BroadcastChannel to the other tabs, navigator.storage, and share links in the URL hash.
 * `projectsRuntime()` starts it once; call it at app start so autosave runs on every page.
 */
import { useStore } from 'zustand';
import { appStore } from '../../store/app-store';
import { startProjects, type ProjectsRuntime } from '../../store/persistence/boot';
import { createMemoryProjectDb } from '../../store/persistence/memory-db';
import { createIdbProjectDb, openLayerloomDb, type ProjectDb } from '../../store/persistence/project-db';
import { sharePayload } from '../../store/persistence/share-link';
import { browserChannel } from '../../store/persistence/tab-lock';
import type { PersistState, PersistStore } from '../../store/persistence/types';
import { restoreDataset } from './restore-dataset';

/**
 * The app store seen with the projects slice. Until src/store/index.ts composes
 * createProjectsSlice this cast is what makes it type-check; afterwards it is a plain upcast.
 */
export const persistStore = appStore as unknown as PersistStore;

export function usePersist<T>(selector: (s: PersistState) => T): T {
  return useStore(persistStore, selector);
}

/** IndexedDB when it opens; otherwise memory, with a notice that nothing outlives the tab. */
function resilientDb(): ProjectDb {
  const idb = createIdbProjectDb();
  const memory = createMemoryProjectDb();
  const blocked = () =>
    persistStore.getState().setProjectNotice({
      kind: 'storage',
      text: 'Another Layerloom tab (an older version) is keeping the project store locked. Close or reload the other Layerloom tabs so your work can be saved.',
    });
  const chosen: Promise<ProjectDb> = openLayerloomDb(blocked).then(
    () => idb,
    (e: unknown) => {
      persistStore.getState().setProjectNotice({
        kind: 'storage',
        text: `This browser does not let Layerloom store projects (${e instanceof Error ? e.message : String(e)}). Your work lasts until the tab closes: export it (.layerloom) to keep it.`,
      });
      return memory;
    },
  );
  return {
    list: () => chosen.then((db) => db.list()),
    get: (id) => chosen.then((db) => db.get(id)),
    getWeights: (id) => chosen.then((db) => db.getWeights(id)),
    getFile: (id) => chosen.then((db) => db.getFile(id)),
    save: (record, extras, expect) => chosen.then((db) => db.save(record, extras, expect)),
    remove: (id) => chosen.then((db) => db.remove(id)),
  };
}

/** Leaves the share link's hash for the Model page, so a reload does not import it twice. */
function clearShareHash(): void {
  if (sharePayload(location.hash) !== null) history.replaceState(null, '', `${location.pathname}${location.search}#/model`);
}

let runtime: ProjectsRuntime | null = null;

export function projectsRuntime(): ProjectsRuntime {
  if (runtime) return runtime;
  const started = startProjects(persistStore, {
    db: resilientDb(),
    channel: browserChannel(),
    storage: typeof navigator !== 'undefined' ? navigator.storage : null,
    initialHash: location.hash,
    restoreDataset,
  });
  void started.ready.finally(clearShareHash);
  window.addEventListener('hashchange', () => {
    const payload = sharePayload(location.hash);
    if (payload !== null) void started.openShared(payload).finally(clearShareHash);
  });
  runtime = started;
  return started;
}
