/**
 * The main-thread half every worker client shares: spawns the worker lazily, holds its one
 * listener, matches replies to requests by id, and turns every way a worker can die (an `error`
 * event, an unreadable message, terminate) into rejected requests, so no caller waits forever.
 * The worker comes from an injected factory, so the lifecycle is tested in Node with a fake.
 */

/** What the client needs of a Worker; a real Worker fits, and so does a test fake. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  /** Plain Event listeners, so an EventTarget is enough for a fake; the events are read below. */
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

/** How one message from the worker bears on the pending requests; null: it answers none. */
export type Route =
  | { readonly id: number; readonly outcome: 'progress' }
  | { readonly id: number; readonly outcome: 'done' }
  | { readonly id: number; readonly outcome: 'failed'; readonly error: Error }
  | null;

export interface WorkerRpcOptions<Req, Res> {
  /** Capitalised, for messages: "The data worker". */
  readonly name: string;
  /** Makes a fresh worker: on first use, and again after a crash or terminate. */
  readonly spawn: () => WorkerLike;
  /** Classifies a reply; without it every message is an event (an event-stream worker). */
  readonly route?: (message: Res) => Route;
  /** Messages that answer no request, with the worker that sent them. */
  readonly onEvent?: (message: Res, worker: WorkerLike) => void;
  /** Runs once right after a worker is spawned, before the request that needed it is sent. */
  readonly onSpawn?: (worker: WorkerLike) => void;
  /** The worker died on its own; it is terminated and pending requests are rejected first. */
  readonly onCrash?: (reason: string) => void;
  /**
   * What an aborted request does to the worker: 'terminate' it (for work that never yields, such
   * as parsing), send the protocol's cancel message for that id, or 'forget' (the late reply is
   * dropped). The request itself always rejects at once with an AbortError.
   */
  readonly onAbort?: 'terminate' | 'forget' | ((id: number) => Req);
}

export interface RequestOptions<Res> {
  readonly transfer?: Transferable[];
  readonly signal?: AbortSignal;
  /** Messages routed as 'progress' for this request. */
  readonly onProgress?: (message: Res) => void;
}

/** A request that outlived its worker: the worker crashed or could not be read. */
export class WorkerCrashError extends Error {
  override readonly name = 'WorkerCrashError';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** The error an aborted or terminated request rejects with, as fetch does on abort. */
export function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

interface Pending<Res> {
  resolve(message: Res): void;
  reject(error: Error): void;
  onProgress?: ((message: Res) => void) | undefined;
  /** Detaches the abort listener once the request is settled. */
  release(): void;
}

export class WorkerRpc<Req, Res> {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Res>>();

  constructor(private readonly options: WorkerRpcOptions<Req, Res>) {}

  get alive(): boolean {
    return this.worker !== null;
  }

  /** Requests sent and not yet answered. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Whether `worker` is the live one (stale workers' locks and timers must not act). */
  isCurrent(worker: WorkerLike): boolean {
    return worker === this.worker;
  }

  private start(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.options.spawn();
    this.worker = worker;
    // Every listener checks the worker is still the current one: a terminated worker's queued
    // events must not settle the requests of its successor.
    worker.addEventListener('message', (event) => {
      if (worker === this.worker) this.receive((event as MessageEvent<Res>).data, worker);
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.worker) this.crash('a message from the worker could not be read');
    });
    worker.addEventListener('error', (event) => {
      if (worker !== this.worker) return;
      // Handled here: without this the browser also logs it as an uncaught page error.
      event.preventDefault();
      this.crash((event as ErrorEvent).message || 'the worker threw an error it did not report');
    });
    this.options.onSpawn?.(worker);
    return worker;
  }

  private receive(message: Res, worker: WorkerLike): void {
    const route = this.options.route?.(message) ?? null;
    if (route === null) return this.options.onEvent?.(message, worker);
    const waiting = this.pending.get(route.id);
    if (!waiting) return; // answer to an aborted request
    if (route.outcome === 'progress') return waiting.onProgress?.(message);
    this.settle(route.id);
    if (route.outcome === 'done') waiting.resolve(message);
    else waiting.reject(route.error);
  }

  private settle(id: number): void {
    this.pending.get(id)?.release();
    this.pending.delete(id);
  }

  /** Sends a message that expects no answer, spawning the worker if needed. */
  post(message: Req, transfer: Transferable[] = []): void {
    this.start().postMessage(message, transfer);
  }

  /** Sends `make(id)` and resolves with the message routed 'done' for that id. */
  request(make: (id: number) => Req, options: RequestOptions<Res> = {}): Promise<Res> {
    const { signal, transfer = [], onProgress } = options;
    if (signal?.aborted) return Promise.reject(abortError(`${this.options.name}: the request was cancelled.`));
    const worker = this.start();
    const id = this.nextId++;
    const promise = new Promise<Res>((resolve, reject) => {
      const onAbort = () => this.abort(id);
      signal?.addEventListener('abort', onAbort, { once: true });
      const release = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, { resolve, reject, onProgress, release });
    });
    worker.postMessage(make(id), transfer);
    return promise;
  }

  private abort(id: number): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.settle(id);
    waiting.reject(abortError(`${this.options.name}: the request was cancelled.`));
    const policy = this.options.onAbort ?? 'forget';
    if (policy === 'terminate') this.terminate();
    else if (typeof policy === 'function') this.worker?.postMessage(policy(id), []);
  }

  /**
   * Treats the worker as dead (also for a watchdog or a liveness lock outside this class): it is
   * terminated, pending requests reject with a WorkerCrashError, and onCrash hears the reason.
   * With `worker`, acts only if that worker is still the live one.
   */
  crash(reason: string, worker?: WorkerLike): void {
    if (!this.worker || (worker && worker !== this.worker)) return;
    this.stop(() => new WorkerCrashError(`${this.options.name} stopped: ${reason}`, reason));
    this.options.onCrash?.(reason);
  }

  /** The hard stop: the worker and its state are gone; pending requests reject with AbortError. */
  terminate(message = `${this.options.name} was stopped.`): void {
    this.stop(() => abortError(message));
  }

  private stop(error: () => Error): void {
    const worker = this.worker;
    this.worker = null;
    worker?.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) {
      p.release();
      p.reject(error());
    }
  }
}
