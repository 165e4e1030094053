/**
 * Main-thread side of the evaluation worker: promise-based requests matched by id, one worker
 * kept alive between calls, and a crash turning every pending request into a rejection (all
 * three come from WorkerRpc). An aborted request sends 'cancel' for its id: a generation stops
 * between two tokens, anything else finishes and its late reply is dropped. Terminating would
 * throw away the loaded model that try-it predictions need.
 */
import type { Split } from '../data/types';
import type {
  EvalEvent,
  EvalRequest,
  Explained,
  Exported,
  Generated,
  GenerateRequest,
  ExportRequest,
  GanLoadRequest,
  LoadRequest,
  PredictInput,
  SaveRequest,
  Scored,
} from './eval-protocol';
import type { GanScoreReport, ImageSet } from '../training/gan/scores';
import type { NearestImage } from './eval-gan';
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
      e.type === 'error'
        ? { id: e.id, outcome: 'failed', error: new Error(e.message) }
        : { id: e.id, outcome: e.type === 'generated-piece' || e.type === 'gan-progress' ? 'progress' : 'done' },
    onAbort: (id) => ({ type: 'cancel', id }),
  });

  private request(
    make: (id: number) => EvalRequest,
    transfer: Transferable[],
    signal: AbortSignal | undefined,
  ): Promise<EvalEvent> {
    return this.rpc.request(make, { transfer, ...(signal ? { signal } : {}) });
  }

  /** Loads the model with these weights and scores the test split (copied, not moved, as are the baseline windows). */
  async load(request: Omit<LoadRequest, 'type' | 'id'>, signal?: AbortSignal): Promise<Scored> {
    const copy = (s: Split): Split => ({ n: s.n, x: s.x.slice(), y: s.y.slice() });
    const test = copy(request.test);
    const baselineTrain = request.baselineTrain ? copy(request.baselineTrain) : undefined;
    const transfer = [test, ...(baselineTrain ? [baselineTrain] : [])].flatMap((s) => [
      s.x.buffer as ArrayBuffer,
      s.y.buffer as ArrayBuffer,
    ]);
    const event = await this.request(
      (id) => ({ type: 'load', id, ...request, test, ...(baselineTrain ? { baselineTrain } : {}) }),
      transfer,
      signal,
    );
    if (event.type !== 'scored') throw new Error(`Unexpected reply '${event.type}' to load`);
    return event;
  }

  async predict(input: PredictInput, signal?: AbortSignal): Promise<Prediction> {
    const event = await this.request((id) => ({ type: 'predict', id, input }), [], signal);
    if (event.type !== 'predicted') throw new Error(`Unexpected reply '${event.type}' to predict`);
    return { outputs: event.outputs, units: event.units, input: event.input };
  }

  /**
   * Samples text from the loaded language model; `onPiece` hears each token's text as it is
   * sampled. Aborting stops the worker between tokens (the request rejects with an AbortError).
   */
  async generate(
    request: Omit<GenerateRequest, 'type' | 'id'>,
    onPiece: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<Generated> {
    const event = await this.rpc.request((id) => ({ type: 'generate', id, ...request }), {
      ...(signal ? { signal } : {}),
      onProgress: (e) => {
        if (e.type === 'generated-piece') onPiece(e.text);
      },
    });
    if (event.type !== 'generated') throw new Error(`Unexpected reply '${event.type}' to generate`);
    return event;
  }

  /** A text classifier's answer for `text`: probabilities, token importance, attention maps. */
  async explain(text: string, signal?: AbortSignal): Promise<Explained> {
    const event = await this.request((id) => ({ type: 'explain', id, text }), [], signal);
    if (event.type !== 'explained') throw new Error(`Unexpected reply '${event.type}' to explain`);
    return event;
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

  /** Loads a GAN's generator and the real images (copied) that nearest-image search and scores use. */
  async ganLoad(request: Omit<GanLoadRequest, 'type' | 'id'>, signal?: AbortSignal): Promise<void> {
    const copy = (set: ImageSet): ImageSet => ({ ...set, x: set.x.slice() });
    const [train, test, validation] = [copy(request.train), copy(request.test), copy(request.validation)];
    const transfer = [train, test, validation].map((set) => set.x.buffer as ArrayBuffer);
    const event = await this.request(
      (id) => ({ type: 'gan-load', id, ...request, train, test, validation }),
      transfer,
      signal,
    );
    if (event.type !== 'gan-loaded') throw new Error(`Unexpected reply '${event.type}' to gan-load`);
  }

  /** The loaded generator's images for `n` latent vectors: `latent`'s, or (null) drawn from `seed`. */
  async ganGenerate(
    request: { latent: Float32Array | null; seed: number; n: number },
    signal?: AbortSignal,
  ): Promise<{ images: Float32Array; latent: Float32Array }> {
    const event = await this.request((id) => ({ type: 'gan-generate', id, ...request }), [], signal);
    if (event.type !== 'gan-generated') throw new Error(`Unexpected reply '${event.type}' to gan-generate`);
    return { images: event.images, latent: event.latent };
  }

  /** The training image nearest to `image` in the backbone's feature space. */
  async ganNearest(image: Float32Array, signal?: AbortSignal): Promise<NearestImage> {
    const event = await this.request((id) => ({ type: 'gan-nearest', id, image }), [], signal);
    if (event.type !== 'gan-nearest-found') throw new Error(`Unexpected reply '${event.type}' to gan-nearest`);
    return { index: event.index, distance: event.distance, image: event.image };
  }

  /** Scores generated images (latents from `seed`) with bounds; `onProgress` hears each stage. */
  async ganScore(
    seed: number,
    onProgress: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<GanScoreReport & { n: number }> {
    const event = await this.rpc.request((id) => ({ type: 'gan-score', id, seed }), {
      ...(signal ? { signal } : {}),
      onProgress: (e) => {
        if (e.type === 'gan-progress') onProgress(e.text);
      },
    });
    if (event.type !== 'gan-scored') throw new Error(`Unexpected reply '${event.type}' to gan-score`);
    return { score: event.score, bounds: event.bounds, n: event.n };
  }

  terminate(): void {
    this.rpc.terminate();
  }
}
