/**
 * The app's one session: the app store, the real worker clients (imported lazily, so tfjs stays
 * out of the app shell), IndexedDB through the projects database, and the tab's close guard.
 */
import { appStore } from '../store/app-store';
import type { ProjectDb } from '../store/persistence/project-db';
import type { EvalClient } from '../worker/eval-client';
import { downloadBlob } from './download';
import { createSession, type Session } from './index';

let session: Session | null = null;
let evalClient: Promise<EvalClient> | null = null;

/**
 * Starts the app's session on `db` (the projects database) with `saveProject` (autosave's flush);
 * call once at app start.
 */
export function startAppSession(db: ProjectDb, saveProject: () => Promise<void>): Session {
  if (session) return session;
  session = createSession(appStore, {
    async trainWorker(handlers) {
      const { TrainClient } = await import('../worker/train-client');
      return new TrainClient(handlers);
    },
    evalWorker() {
      evalClient ??= import('../worker/eval-client').then(({ EvalClient }) => new EvalClient());
      return evalClient;
    },
    async dataWorker() {
      const { DataClient } = await import('../worker/data-client');
      return new DataClient();
    },
    baseUrl: () => new URL(import.meta.env.BASE_URL, location.href).href,
    objectUrls: { create: (blob) => URL.createObjectURL(blob), revoke: (url) => URL.revokeObjectURL(url) },
    storage: db,
    now: () => performance.now(),
    nextFrame(fn) {
      const id = requestAnimationFrame(fn);
      return () => cancelAnimationFrame(id);
    },
    saveProject,
    download: (bytes, fileName, type) => downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), fileName),
  });
  const current = session;
  window.addEventListener('beforeunload', (e) => {
    const warning = current.closeWarning();
    if (!warning) return;
    e.preventDefault();
    // Browsers show their own words; setting returnValue is what makes them ask.
    e.returnValue = warning;
  });
  return session;
}

/** The app's session; throws if the app has not started it (a programming error, not a user one). */
export function appSession(): Session {
  if (!session) throw new Error('The app session has not started: call startAppSession() in main.tsx.');
  return session;
}
