/**
 * Main-thread side of the training worker: one listener, crash detection (worker 'error' and
 * 'messageerror' events plus a watchdog for a worker that goes silent), terminate as the hard stop.
 */
import { copyDataset, datasetBuffers, type StartRequest, type TrainEvent, type TrainRequest } from './train-protocol';

export interface TrainClientHandlers {
  onEvent(event: TrainEvent): void;
  /** The worker died or went silent; it has been terminated. */
  onCrash(reason: string): void;
}

let lockCounter = 0;

/** How long a running worker may stay silent (backend trials and a slow first batch included). */
const WATCHDOG_MS = 120_000;

export class TrainClient {
  private worker: Worker | null = null;
  private lastHeard = 0;
  private watching = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly handlers: TrainClientHandlers) {}

  get alive(): boolean {
    return this.worker !== null;
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'layerloom-train' });
    const lockName = `layerloom-train-alive-${++lockCounter}-${Math.random().toString(36).slice(2)}`;
    if (typeof navigator !== 'undefined' && navigator.locks) worker.postMessage({ type: 'hold-lock', name: lockName } satisfies TrainRequest);
    worker.addEventListener('message', (e: MessageEvent<TrainEvent>) => {
      this.lastHeard = performance.now();
      const event = e.data;
      if (event.type === 'lock-held') return this.watchLock(worker, lockName);
      if (event.type === 'done' || (event.type === 'error' && event.kind === 'setup')) this.watching = false;
      this.handlers.onEvent(event);
    });
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(e.message || 'the worker threw an error it did not report');
    });
    worker.addEventListener('messageerror', () => this.crash('a message from the worker could not be read'));
    this.timer = setInterval(() => {
      if (this.watching && performance.now() - this.lastHeard > WATCHDOG_MS)
        this.crash(`the worker sent nothing for ${WATCHDOG_MS / 1000} s`);
    }, 1000);
    return worker;
  }

  /**
   * Waits for the worker's liveness lock: it is granted only once the worker is gone. If this
   * client did not end it (terminate() clears `this.worker` first), the browser or the system did.
   */
  private watchLock(worker: Worker, lockName: string): void {
    void navigator.locks.request(lockName, () => {
      if (this.worker === worker) this.crash('the training worker was terminated (by the browser or the system)');
    });
  }

  private crash(reason: string): void {
    if (!this.worker) return;
    this.terminate();
    this.handlers.onCrash(reason);
  }

  private send(message: TrainRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  /** Starts a fresh run in a fresh worker; the page's dataset is copied, so it stays usable. */
  start(request: Omit<StartRequest, 'type'>): void {
    this.terminate();
    this.worker = this.spawn();
    const dataset = copyDataset(request.dataset);
    this.arm();
    this.send({ type: 'start', ...request, dataset }, datasetBuffers(dataset));
  }

  continue(epochs: number): void {
    this.arm();
    this.send({ type: 'continue', epochs });
  }

  pause(): void {
    this.watching = false;
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.arm();
    this.send({ type: 'resume' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  /** Test hook: makes the worker fail at its next batch. */
  crashForTest(): void {
    this.send({ type: 'crash' });
  }

  private arm(): void {
    this.watching = true;
    this.lastHeard = performance.now();
  }

  /** Hard stop: the worker and everything in it (model, optimizer) are gone. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.watching = false;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
