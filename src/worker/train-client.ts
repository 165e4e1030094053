/**
 * Main-thread side of the training worker, an event stream rather than request/response. WorkerRpc
 * owns the lifecycle (one listener, 'error' and 'messageerror' as crashes, terminate as the hard
 * stop); this file adds what only training needs: a Web Lock that reveals a worker killed without
 * any event, and a watchdog for a worker that goes silent mid-run.
 */
import { copyDataset, datasetBuffers, type StartRequest, type TrainEvent, type TrainRequest } from './train-protocol';
import { WorkerRpc, type WorkerLike } from './worker-rpc';

export interface TrainClientHandlers {
  onEvent(event: TrainEvent): void;
  /** The worker died or went silent; it has been terminated. */
  onCrash(reason: string): void;
}

let lockCounter = 0;

/** How long a running worker may stay silent (backend trials and a slow first batch included). */
const WATCHDOG_MS = 120_000;

export class TrainClient {
  private readonly rpc: WorkerRpc<TrainRequest, TrainEvent>;
  /** The liveness lock of the current worker (events only ever come from the current one). */
  private lockName = '';
  private lastHeard = 0;
  private watching = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly handlers: TrainClientHandlers) {
    this.rpc = new WorkerRpc<TrainRequest, TrainEvent>({
      name: 'The training worker',
      spawn: () =>
        new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'layerloom-train' }),
      onSpawn: (worker) => this.spawned(worker),
      onEvent: (event, worker) => this.receive(event, worker),
      onCrash: (reason) => {
        this.disarm();
        this.handlers.onCrash(reason);
      },
    });
  }

  get alive(): boolean {
    return this.rpc.alive;
  }

  private spawned(worker: WorkerLike): void {
    this.lockName = `layerloom-train-alive-${++lockCounter}-${Math.random().toString(36).slice(2)}`;
    if (typeof navigator !== 'undefined' && navigator.locks)
      worker.postMessage({ type: 'hold-lock', name: this.lockName } satisfies TrainRequest, []);
    this.timer = setInterval(() => {
      if (this.watching && performance.now() - this.lastHeard > WATCHDOG_MS)
        this.rpc.crash(`the worker sent nothing for ${WATCHDOG_MS / 1000} s`);
    }, 1000);
  }

  private receive(event: TrainEvent, worker: WorkerLike): void {
    this.lastHeard = performance.now();
    if (event.type === 'lock-held') return this.watchLock(worker, this.lockName);
    if (event.type === 'done' || (event.type === 'error' && event.kind === 'setup')) this.watching = false;
    this.handlers.onEvent(event);
  }

  /**
   * Waits for the worker's liveness lock: it is granted only once the worker is gone. If this
   * client did not end it (terminate() forgets the worker first), the browser or the system did.
   */
  private watchLock(worker: WorkerLike, lockName: string): void {
    void navigator.locks.request(lockName, () => {
      this.rpc.crash('the training worker was terminated (by the browser or the system)', worker);
    });
  }

  /** To the live worker only: a pause or stop must not spawn a fresh, empty one. */
  private send(message: TrainRequest, transfer: Transferable[] = []): void {
    if (this.rpc.alive) this.rpc.post(message, transfer);
  }

  /** Starts a fresh run in a fresh worker; the page's dataset is copied, so it stays usable. */
  start(request: Omit<StartRequest, 'type'>): void {
    this.terminate();
    const dataset = copyDataset(request.dataset);
    this.arm();
    this.rpc.post({ type: 'start', ...request, dataset }, datasetBuffers(dataset));
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

  /** The page stored epoch `epoch`'s checkpoint: the worker may go on. */
  checkpointSaved(epoch: number): void {
    this.send({ type: 'checkpoint-saved', epoch });
  }

  private arm(): void {
    this.watching = true;
    this.lastHeard = performance.now();
  }

  private disarm(): void {
    this.watching = false;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Hard stop: the worker and everything in it (model, optimizer) are gone. */
  terminate(): void {
    this.rpc.terminate();
    this.disarm();
  }
}
