import { expect, type Page, type Worker as PageWorker } from '@playwright/test';

/**
 * Fault injection for e2e/faults.spec.ts and e2e/train.spec.ts. Everything here works from outside
 * the app (Playwright init scripts, or code evaluated inside a worker) and needs no hook in it: it
 * simulates what the browser does to a page (a worker that dies, a disk that fills up), never a
 * user gesture.
 */

interface FaultWindow {
  /** Every training worker the page created, newest last. */
  __faultTrainWorkers?: Worker[];
  /** While true, every IndexedDB put() throws QuotaExceededError, as a full disk does. */
  __faultQuotaFull?: boolean;
}

/** Records the training workers the app creates, so a test can terminate one as the browser would. */
export async function recordTrainWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as FaultWindow & { Worker: typeof Worker };
    const Native = w.Worker;
    const created: Worker[] = [];
    w.__faultTrainWorkers = created;
    w.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name === 'layerloom-train') created.push(this);
      }
    };
  });
}

/**
 * Terminates the newest training worker behind the app's back (no error event reaches the page,
 * as when the browser kills a worker), then watches the page for `text` in an alert. Resolves
 * with the ms from the kill to the message, or null if it did not show within `waitMs`.
 */
export function killTrainWorkerAndTime(page: Page, text: string, waitMs: number): Promise<number | null> {
  return page.evaluate(
    ({ text, waitMs }) =>
      new Promise<number | null>((resolve) => {
        const worker = (window as unknown as FaultWindow).__faultTrainWorkers?.at(-1);
        if (!worker) throw new Error('no training worker was created');
        const shown = () =>
          [...document.querySelectorAll('[role="alert"]')].some((el) => el.textContent?.includes(text));
        const killedAt = performance.now();
        worker.terminate();
        const done = (ms: number | null) => {
          observer.disconnect();
          clearTimeout(timer);
          resolve(ms);
        };
        const observer = new MutationObserver(() => shown() && done(performance.now() - killedAt));
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const timer = setTimeout(() => done(null), waitMs);
      }),
    { text, waitMs },
  );
}

/** The name the app gives its training worker (`new Worker(…, { name })` in train-client.ts). */
const TRAIN_WORKER_NAME = 'layerloom-train';

/**
 * The app's live training worker. page.workers() also lists tfjs's own threads and, for a moment,
 * a worker just terminated by a new run, so each is asked its name and the newest match wins.
 */
export async function trainWorker(page: Page): Promise<PageWorker> {
  let found: PageWorker | null = null;
  await expect
    .poll(
      async () => {
        for (const worker of [...page.workers()].reverse()) {
          const name = await worker.evaluate(() => self.name).catch(() => null); // a closed worker throws
          if (name === TRAIN_WORKER_NAME) {
            found = worker;
            return true;
          }
        }
        return false;
      },
      { message: 'a training worker is running', timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

/**
 * Makes the training worker throw an error nothing catches, as a bug in tfjs or the trainer would:
 * thrown from a timer, it escapes every handler in the worker, so the page gets the Worker's
 * `error` event (a throw inside evaluate() would only reject the evaluate call).
 */
export async function crashWorker(worker: PageWorker): Promise<void> {
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('injected crash');
    });
  });
}

/** Finds the training worker and crashes it (see crashWorker). */
export async function crashTrainWorker(page: Page): Promise<void> {
  await crashWorker(await trainWorker(page));
}

/**
 * Starts timing now; the first alert holding `text` marks the end, and the ms between land in
 * `window.__faultAlertMs` (read it with alertMs). Call it right before injecting the fault.
 */
export async function watchAlert(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const w = window as unknown as { __faultAlertMs?: number };
    delete w.__faultAlertMs;
    const startedAt = performance.now();
    const observer = new MutationObserver(() => {
      if (![...document.querySelectorAll('[role="alert"]')].some((el) => el.textContent?.includes(text))) return;
      w.__faultAlertMs = performance.now() - startedAt;
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
}

/** The ms watchAlert measured, once the alert has shown (polled: the observer may lag a frame). */
export async function alertMs(page: Page): Promise<number> {
  const read = () => page.evaluate(() => (window as unknown as { __faultAlertMs?: number }).__faultAlertMs ?? null);
  await expect.poll(read, { message: 'the alert was timed', timeout: 10_000 }).not.toBeNull();
  return (await read())!;
}

/** Wraps IDBObjectStore.put so it throws QuotaExceededError while `__faultQuotaFull` is set. */
export async function simulateQuota(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as FaultWindow).__faultQuotaFull)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}

export async function setQuotaFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((full) => {
    (window as unknown as FaultWindow).__faultQuotaFull = full;
  }, full);
}

/** The open project as stored in IndexedDB right now (read with the raw API, not the app's code). */
export function storedProject(
  page: Page,
  id: string,
): Promise<{ revision: number; graph: { nodes: { name: string }[] } } | null> {
  return page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('layerloom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('projects').objectStore('projects').get(id);
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            const r = get.result as { revision: number; project: { graph: { nodes: { name: string }[] } } } | undefined;
            resolve(r ? { revision: r.revision, graph: r.project.graph } : null);
          };
        };
      }),
    id,
  );
}

/** Waits until the top bar says the open project is saved. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 15_000 });
}
