import { describe, expect, it, vi } from 'vitest';
import {
  isAbortError,
  WorkerCrashError,
  WorkerRpc,
  type Route,
  type WorkerLike,
  type WorkerRpcOptions,
} from './worker-rpc';

type Req = { readonly type: 'ask' | 'cancel'; readonly id: number; readonly text?: string };
type Res =
  | { readonly type: 'progress'; readonly id: number; readonly done: number }
  | { readonly type: 'answer'; readonly id: number; readonly text: string }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  | { readonly type: 'event'; readonly text: string };

/**
 * A Worker stand-in on an EventTarget: the test plays the worker's side by calling reply(),
 * failMessage() and throwInside(), which dispatch what a real Worker dispatches on the page.
 */
class FakeWorker extends EventTarget implements WorkerLike {
  readonly sent: unknown[] = [];
  terminated = false;
  /** Whether the client called preventDefault() on the last error event. */
  errorHandled = false;

  postMessage(message: unknown): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.sent.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(data: Res): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  failMessage(): void {
    this.dispatchEvent(new MessageEvent('messageerror'));
  }

  throwInside(message: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.dispatchEvent(event);
    this.errorHandled = event.defaultPrevented;
  }
}

const route = (m: Res): Route => {
  if (m.type === 'event') return null;
  if (m.type === 'progress') return { id: m.id, outcome: 'progress' };
  if (m.type === 'error') return { id: m.id, outcome: 'failed', error: new Error(m.message) };
  return { id: m.id, outcome: 'done' };
};

function setup(extra: Partial<WorkerRpcOptions<Req, Res>> = {}) {
  const workers: FakeWorker[] = [];
  const onCrash = vi.fn<(reason: string) => void>();
  const onEvent = vi.fn<(m: Res) => void>();
  const spawn = () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  };
  const rpc = new WorkerRpc<Req, Res>({ name: 'The test worker', spawn, route, onCrash, onEvent, ...extra });
  const ask = (text: string, signal?: AbortSignal, onProgress?: (m: Res) => void) =>
    rpc.request((id) => ({ type: 'ask', id, text }), {
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
  return { rpc, workers, onCrash, onEvent, ask, last: () => workers.at(-1)! };
}

describe('WorkerRpc', () => {
  it('spawns lazily, once, and resolves each request with the reply carrying its id', async () => {
    const { rpc, workers, ask, last } = setup();
    expect(workers).toHaveLength(0);
    expect(rpc.alive).toBe(false);
    const progress = vi.fn();
    const a = ask('a', undefined, progress);
    const b = ask('b');
    expect(workers).toHaveLength(1);
    expect(last().sent).toEqual([
      { type: 'ask', id: 1, text: 'a' },
      { type: 'ask', id: 2, text: 'b' },
    ]);
    last().reply({ type: 'progress', id: 1, done: 5 });
    last().reply({ type: 'answer', id: 2, text: 'B' });
    last().reply({ type: 'answer', id: 1, text: 'A' });
    await expect(a).resolves.toEqual({ type: 'answer', id: 1, text: 'A' });
    await expect(b).resolves.toEqual({ type: 'answer', id: 2, text: 'B' });
    expect(progress).toHaveBeenCalledExactlyOnceWith({ type: 'progress', id: 1, done: 5 });
    expect(rpc.pendingCount).toBe(0);
  });

  it('rejects a request with the error its reply routes to, and passes events on', async () => {
    const { onEvent, ask, last } = setup();
    const p = ask('x');
    last().reply({ type: 'event', text: 'hello' });
    last().reply({ type: 'error', id: 1, message: 'bad input' });
    await expect(p).rejects.toThrow(/^bad input$/);
    expect(onEvent).toHaveBeenCalledExactlyOnceWith({ type: 'event', text: 'hello' }, last());
  });

  it('an aborted request rejects with an AbortError and its late reply is dropped', async () => {
    const { rpc, ask, last } = setup();
    const controller = new AbortController();
    const p = ask('slow', controller.signal);
    const other = ask('other');
    controller.abort();
    const error = await p.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(rpc.pendingCount).toBe(1);
    last().reply({ type: 'answer', id: 1, text: 'late' }); // ignored, no throw
    last().reply({ type: 'answer', id: 2, text: 'ok' });
    await expect(other).resolves.toMatchObject({ text: 'ok' });
    expect(last().terminated).toBe(false);
  });

  it('an already aborted signal rejects without spawning a worker', async () => {
    const { workers, ask } = setup();
    const error = await ask('x', AbortSignal.abort()).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(workers).toHaveLength(0);
  });

  it('abort sends the protocol cancel message, or terminates, as configured', async () => {
    const cancelling = setup({ onAbort: (id) => ({ type: 'cancel', id }) });
    const c1 = new AbortController();
    const p1 = cancelling.ask('x', c1.signal);
    c1.abort();
    await expect(p1).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelling.last().sent.at(-1)).toEqual({ type: 'cancel', id: 1 });

    const terminating = setup({ onAbort: 'terminate' });
    const c2 = new AbortController();
    const p2 = terminating.ask('x', c2.signal);
    c2.abort();
    await expect(p2).rejects.toMatchObject({ name: 'AbortError' });
    expect(terminating.last().terminated).toBe(true);
    expect(terminating.rpc.alive).toBe(false);
    expect(terminating.onCrash).not.toHaveBeenCalled();
  });

  it('messageerror rejects every pending request, terminates the worker and reports a crash', async () => {
    const { rpc, ask, last, onCrash } = setup();
    const a = ask('a');
    const b = ask('b');
    last().failMessage();
    for (const p of [a, b]) {
      const error = await p.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerCrashError);
      expect((error as Error).message).toBe('The test worker stopped: a message from the worker could not be read');
    }
    expect(last().terminated).toBe(true);
    expect(rpc.alive).toBe(false);
    expect(onCrash).toHaveBeenCalledExactlyOnceWith('a message from the worker could not be read');
  });

  it('an error event rejects pending requests with its message, and the next request gets a fresh worker', async () => {
    const { workers, ask, last, onCrash } = setup();
    const p = ask('a');
    const crashed = last();
    crashed.throwInside('injected crash');
    await expect(p).rejects.toThrow('The test worker stopped: injected crash');
    expect(crashed.errorHandled).toBe(true);
    expect(crashed.terminated).toBe(true);
    expect(onCrash).toHaveBeenCalledExactlyOnceWith('injected crash');

    // The dead worker's queued events no longer count; a new worker answers.
    const next = ask('b');
    expect(workers).toHaveLength(2);
    crashed.reply({ type: 'answer', id: 2, text: 'from the dead' });
    crashed.throwInside('late');
    expect(onCrash).toHaveBeenCalledTimes(1);
    last().reply({ type: 'answer', id: 2, text: 'fresh' });
    await expect(next).resolves.toMatchObject({ text: 'fresh' });
  });

  it('terminate is the hard stop: pending requests reject, the worker is gone, no crash is reported', async () => {
    const { rpc, ask, last, onCrash } = setup();
    const p = ask('a');
    const worker = last();
    rpc.terminate('Stopped by the user.');
    const error = await p.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect((error as Error).message).toBe('Stopped by the user.');
    expect(worker.terminated).toBe(true);
    expect(rpc.alive).toBe(false);
    expect(rpc.pendingCount).toBe(0);
    expect(onCrash).not.toHaveBeenCalled();
  });

  it('crash() from outside (watchdog, liveness lock) acts only on the live worker', async () => {
    const { rpc, ask, last, onCrash } = setup();
    const p = ask('a');
    const first = last();
    rpc.crash('gone silent', new FakeWorker());
    expect(onCrash).not.toHaveBeenCalled();
    rpc.crash('gone silent', first);
    await expect(p).rejects.toBeInstanceOf(WorkerCrashError);
    expect(onCrash).toHaveBeenCalledExactlyOnceWith('gone silent');
    rpc.crash('again');
    expect(onCrash).toHaveBeenCalledTimes(1);
  });
});
