/**
 * Page side of the data worker: one request at a time, progress callbacks, and cancellation by
 * terminating the worker (the hard stop: parsing and decoding do not yield). The worker's
 * lifecycle lives in WorkerRpc; this file maps its outcomes onto DataTaskError.
 */
import type { DataProblem } from '../data/errors';
import type { SkippedFile } from '../data/images';
import type { DataRequest, DataResponse, DataResult, Progress } from './data-protocol';
import { assertNever } from './data-protocol';
import { isAbortError, WorkerRpc, type Route } from './worker-rpc';

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

function route(msg: DataResponse): Route {
  switch (msg.type) {
    case 'progress':
      return { id: msg.id, outcome: 'progress' };
    case 'done':
      return { id: msg.id, outcome: 'done' };
    case 'failed':
      return { id: msg.id, outcome: 'failed', error: new DataTaskError(msg.problem, msg.skipped) };
    default:
      return assertNever(msg);
  }
}

/** Every rejection the page sees is a DataTaskError: cancels say 'aborted', crashes 'read-failed'. */
function toTaskError(error: unknown): DataTaskError {
  if (error instanceof DataTaskError) return error;
  if (isAbortError(error)) return new DataTaskError(cancelled());
  return new DataTaskError({
    severity: 'error',
    code: 'read-failed',
    message: error instanceof Error ? error.message : String(error),
  });
}

export class DataClient {
  private readonly rpc = new WorkerRpc<DataRequest, DataResponse>({
    name: 'The data worker',
    spawn: () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'data' }),
    route,
    onAbort: 'terminate',
  });
  /** Commands run one after another: an edit sent while a file is parsing waits for it. */
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;

  get busy(): boolean {
    return this.rpc.pendingCount > 0;
  }

  /**
   * Runs one command after those already sent; rejects with a DataTaskError on bad input or
   * cancel. Aborting `signal` cancels just this command (a queued one rejects when its turn comes).
   */
  run(command: DataCommand, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<DataResult> {
    const generation = this.generation;
    const task = this.queue
      .then(async () => {
        if (generation !== this.generation) throw new DataTaskError(cancelled());
        const reply = await this.rpc.request((id) => ({ ...command, id }) as DataRequest, {
          ...(signal ? { signal } : {}),
          onProgress: (msg) => {
            if (msg.type === 'progress') onProgress?.(msg.progress);
          },
        });
        if (reply.type !== 'done') throw new Error(`Unexpected reply '${reply.type}' from the data worker`);
        return reply.result;
      })
      .catch((error: unknown) => {
        throw toTaskError(error);
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
    if (this.busy) this.rpc.terminate(CANCELLED_MESSAGE);
  }

  dispose() {
    this.generation++;
    this.rpc.terminate(CANCELLED_MESSAGE);
  }
}

const cancelled = (): DataProblem => ({ severity: 'info', code: 'aborted', message: CANCELLED_MESSAGE });
