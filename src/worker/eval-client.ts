/**
 * Main-thread side of the evaluation worker: promise-based requests matched by id, one worker
 * kept alive between calls, and a crash turning every pending request into a rejection (all
 * three come from WorkerRpc). An aborted request is only forgotten: the protocol has no cancel
 * message, and terminating would throw away the loaded model that try-it predictions need.
 */
import type { Split } from '../data/types';
import type {
  EvalEvent,
  EvalRequest,
  Exported,
  ExportRequest,
  LoadRequest,
  PredictInput,
  SaveRequest,
  Scored,
} from './eval-protocol';
import { WorkerRpc } from './worker-rpc';

export interface Prediction {
  readonly outputs: Float32Array;
  readonly units: number;
  /** The model input after preprocessing, as the model saw it. */
  readonly input: Float32Array;
}

export class EvalClient {
  private readonly rpc = new WorkerRpc<EvalRequest, EvalEvent>({
    name: 'The evaluation worker',
    spawn: () => new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module', name: 'layerloom-eval' }),
    // Every reply answers one request; 'error' carries the worker's own message.
    route: (e) =>
      e.type === 'error' ? { id: e.id, outcome: 'failed', error: new Error(e.message) } : { id: e.id, outcome: 'done' },
    onAbort: 'forget',
  });

  private request(
    make: (id: number) => EvalRequest,
    transfer: Transferable[],
    signal: AbortSignal | undefined,
  ): Promise<EvalEvent> {
    return this.rpc.request(make, { transfer, ...(signal ? { signal } : {}) });
  }

  /** Loads the model with these weights and scores the test split (which is copied, not moved). */
  async load(request: Omit<LoadRequest, 'type' | 'id'>, signal?: AbortSignal): Promise<Scored> {
    const test: Split = { n: request.test.n, x: request.test.x.slice(), y: request.test.y.slice() };
    const transfer = [test.x.buffer as ArrayBuffer, test.y.buffer as ArrayBuffer];
    const event = await this.request((id) => ({ type: 'load', id, ...request, test }), transfer, signal);
    if (event.type !== 'scored') throw new Error(`Unexpected reply '${event.type}' to load`);
    return event;
  }

  async predict(input: PredictInput, signal?: AbortSignal): Promise<Prediction> {
    const event = await this.request((id) => ({ type: 'predict', id, input }), [], signal);
    if (event.type !== 'predicted') throw new Error(`Unexpected reply '${event.type}' to predict`);
    return { outputs: event.outputs, units: event.units, input: event.input };
  }

  /** The export ZIP and snippets (the weights are copied, not moved). */
  async exportModel(request: Omit<ExportRequest, 'type' | 'id'>, signal?: AbortSignal): Promise<Exported> {
    const event = await this.request((id) => ({ type: 'export', id, ...request }), [], signal);
    if (event.type !== 'exported') throw new Error(`Unexpected reply '${event.type}' to export`);
    return event;
  }

  async saveToBrowser(
    request: Omit<SaveRequest, 'type' | 'id'>,
    signal?: AbortSignal,
  ): Promise<{ url: string; bytes: number }> {
    const event = await this.request((id) => ({ type: 'save-browser', id, ...request }), [], signal);
    if (event.type !== 'saved') throw new Error(`Unexpected reply '${event.type}' to save`);
    return { url: event.url, bytes: event.bytes };
  }

  terminate(): void {
    this.rpc.terminate();
  }
}
