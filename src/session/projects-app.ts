/**
 * Project persistence wired to the browser: IndexedDB (or memory when the browser refuses it),
 * a BroadcastChannel to the other tabs, navigator.storage, and share links in the URL hash.
 * `projectsRuntime()` starts it once; call it at app start so autosave runs on every page.
 */
import { appStore } from '../store/app-store';
import { startProjects, type ProjectsRuntime } from '../store/persistence/boot';
import { createMemoryProjectDb } from '../store/persistence/memory-db';
import { createIdbProjectDb, openLayerloomDb, type ProjectDb } from '../store/persistence/project-db';
import { sharePayload } from '../store/persistence/share-link';
import { browserChannel } from '../store/persistence/tab-lock';
import { appSession } from './app';

/** IndexedDB when it opens; otherwise memory, with a notice that nothing outlives the tab. */
function createResilientDb(): ProjectDb {
  const idb = createIdbProjectDb();
  const memory = createMemoryProjectDb();
  const blocked = () =>
    appStore.getState().setProjectNotice({
      kind: 'storage',
      text: 'Another Layerloom tab (an older version) is keeping the project store locked. Close or reload the other Layerloom tabs so your work can be saved.',
    });
  const chosen: Promise<ProjectDb> = openLayerloomDb(blocked).then(
    () => idb,
    (e: unknown) => {
      appStore.getState().setProjectNotice({
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
    usage: (id) => chosen.then((db) => db.usage(id)),
    save: (record, extras, expect) => chosen.then((db) => db.save(record, extras, expect)),
    remove: (id) => chosen.then((db) => db.remove(id)),
    removeRun: (id, runId) => chosen.then((db) => db.removeRun(id, runId)),
    checkpoints: {
      put: (id, runId, value) => chosen.then((db) => db.checkpoints.put(id, runId, value)),
      get: (id, runId) => chosen.then((db) => db.checkpoints.get(id, runId)),
      list: (id) => chosen.then((db) => db.checkpoints.list(id)),
      remove: (id, runId) => chosen.then((db) => db.checkpoints.remove(id, runId)),
    },
  };
}

let db: ProjectDb | null = null;

/** The one projects database of the app (the session stores checkpoints and run weights in it too). */
export function projectDb(): ProjectDb {
  db ??= createResilientDb();
  return db;
}

/** Leaves the share link's hash for the Model page, so a reload does not import it twice. */
function clearShareHash(): void {
  if (sharePayload(location.hash) !== null)
    history.replaceState(null, '', `${location.pathname}${location.search}#/model`);
}

let runtime: ProjectsRuntime | null = null;

export function projectsRuntime(): ProjectsRuntime {
  if (runtime) return runtime;
  const started = startProjects(appStore, {
    db: projectDb(),
    channel: browserChannel(),
    storage: typeof navigator !== 'undefined' ? navigator.storage : null,
    initialHash: location.hash,
    // The session starts right after this runtime (main.tsx), before any project opens.
    restoreDataset: (loaded) => appSession().restoreDataset(loaded),
  });
  void started.ready.finally(clearShareHash);
  window.addEventListener('hashchange', () => {
    const payload = sharePayload(location.hash);
    if (payload !== null) void started.openShared(payload).finally(clearShareHash);
  });
  runtime = started;
  return started;
}
