/**
 * Main-thread side of the evaluation worker: promise-based requests matched by id, one worker
 * kept alive between calls, and a crash turning every pending request into a rejection.
 */
import type { Split } from '../data/types';
import type { EvalEvent, EvalRequest, Exported, ExportRequest, LoadRequest, PredictInput, SaveRequest, Scored } from './eval-protocol';

type Pending = { resolve(event: EvalEvent): void; reject(err: Error): void };

export interface Prediction {
  readonly outputs: Float32Array;
  readonly units: number;
}

export class EvalClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private spawn(): Worker {
    const worker = new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module', name: 'layerloom-eval' });
    worker.addEventListener('message', (e: MessageEvent<EvalEvent>) => {
      const waiting = this.pending.get(e.data.id);
      if (!waiting) return;
      this.pending.delete(e.data.id);
      if (e.data.type === 'error') waiting.reject(new Error(e.data.message));
      else waiting.resolve(e.data);
    });
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.fail(`The evaluation worker stopped: ${e.message || 'unknown error'}. Try again.`);
    });
    return worker;
  }

  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  private request(make: (id: number) => EvalRequest, transfer: Transferable[]): Promise<EvalEvent> {
    this.worker ??= this.spawn();
    const id = this.nextId++;
    const promise = new Promise<EvalEvent>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage(make(id), transfer);
    return promise;
  }

  /** Loads the model with these weights and scores the test split (which is copied, not moved). */
  async load(request: Omit<LoadRequest, 'type' | 'id'>): Promise<Scored> {
    const test: Split = { n: request.test.n, x: request.test.x.slice(), y: request.test.y.slice() };
    const event = await this.request((id) => ({ type: 'load', id, ...request, test }), [test.x.buffer as ArrayBuffer, test.y.buffer as ArrayBuffer]);
    if (event.type !== 'scored') throw new Error(`Unexpected reply '${event.type}' to load`);
    return event;
  }

  async predict(input: PredictInput): Promise<Prediction> {
    const event = await this.request((id) => ({ type: 'predict', id, input }), []);
    if (event.type !== 'predicted') throw new Error(`Unexpected reply '${event.type}' to predict`);
    return { outputs: event.outputs, units: event.units };
  }

  /** The export ZIP and snippets (the weights are copied, not moved). */
  async exportModel(request: Omit<ExportRequest, 'type' | 'id'>): Promise<Exported> {
    const event = await this.request((id) => ({ type: 'export', id, ...request }), []);
    if (event.type !== 'exported') throw new Error(`Unexpected reply '${event.type}' to export`);
    return event;
  }

  async saveToBrowser(request: Omit<SaveRequest, 'type' | 'id'>): Promise<{ url: string; bytes: number }> {
    const event = await this.request((id) => ({ type: 'save-browser', id, ...request }), []);
    if (event.type !== 'saved') throw new Error(`Unexpected reply '${event.type}' to save`);
    return { url: event.url, bytes: event.bytes };
  }

  terminate(): void {
    this.fail('The evaluation worker was stopped.');
  }
}
