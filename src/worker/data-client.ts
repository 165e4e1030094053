/**
 * Page side of the data worker: one listener, one request at a time, progress callbacks, and
 * cancellation by terminating the worker (the hard stop: parsing and decoding do not yield).
 */
import type { DataProblem } from '../data/errors';
import type { SkippedFile } from '../data/images';
import type { DataRequest, DataResponse, DataResult, Progress } from './data-protocol';
import { assertNever } from './data-protocol';

/** Distributes Omit over a union, so each request keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type DataCommand = WithoutId<DataRequest>;

export class DataTaskError extends Error {
  constructor(
    readonly problem: DataProblem,
    readonly skipped: readonly SkippedFile[] = [],
  ) {
    super(problem.message);
  }
}

export const CANCELLED_MESSAGE = 'Cancelled.';

interface Pending {
  readonly id: number;
  resolve(result: DataResult): void;
  reject(error: DataTaskError): void;
  onProgress?: (p: Progress) => void;
}

export class DataClient {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  /** Commands run one after another: an edit sent while a file is parsing waits for it. */
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'data' });
    worker.onmessage = (event: MessageEvent<DataResponse>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.settleError({ severity: 'error', code: 'read-failed', message: `the data worker stopped: ${event.message}` });
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private receive(msg: DataResponse) {
    const p = this.pending;
    if (!p || msg.id !== p.id) return;
    switch (msg.type) {
      case 'progress':
        p.onProgress?.(msg.progress);
        return;
      case 'done':
        this.pending = null;
        p.resolve(msg.result);
        return;
      case 'failed':
        this.pending = null;
        p.reject(new DataTaskError(msg.problem, msg.skipped));
        return;
      default:
        assertNever(msg);
    }
  }

  private settleError(problem: DataProblem) {
    const p = this.pending;
    this.pending = null;
    p?.reject(new DataTaskError(problem));
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Runs one command after those already sent; rejects with a DataTaskError on bad input or cancel. */
  run(command: DataCommand, onProgress?: (p: Progress) => void): Promise<DataResult> {
    const generation = this.generation;
    const task = this.queue.then(() => {
      if (generation !== this.generation) throw new DataTaskError(cancelled());
      const worker = this.start();
      const id = this.nextId++;
      return new Promise<DataResult>((resolve, reject) => {
        this.pending = { id, resolve, reject, ...(onProgress ? { onProgress } : {}) };
        worker.postMessage({ ...command, id } as DataRequest);
      });
    });
    this.queue = task.catch(() => undefined);
    return task;
  }

  /**
   * Stops the running command and drops the queued ones at once. The worker (and the file it
   * held) is discarded, so later edits to a CSV need the file read again.
   */
  cancel() {
    this.generation++;
    if (!this.pending) return;
    this.worker?.terminate();
    this.worker = null;
    this.settleError(cancelled());
  }

  dispose() {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }
}

const cancelled = (): DataProblem => ({ severity: 'info', code: 'aborted', message: CANCELLED_MESSAGE });
