/**
 * Main-thread side of a GAN run in the training worker: its own worker (a fresh one per run, so a
 * normal run and a GAN never share tfjs state), GanEvents and the worker's backend and error events.
 */
import {
  copyDataset,
  datasetBuffers,
  type GanEvent,
  type GanStartRequest,
  type TrainEvent,
  type TrainRequest,
} from './train-protocol';
import { WorkerRpc } from './worker-rpc';

export interface GanClientHandlers {
  onEvent(event: TrainEvent | GanEvent): void;
  onCrash(reason: string): void;
}

export class GanClient {
  private readonly rpc: WorkerRpc<TrainRequest, TrainEvent | GanEvent>;

  constructor(handlers: GanClientHandlers) {
    this.rpc = new WorkerRpc<TrainRequest, TrainEvent | GanEvent>({
      name: 'The training worker',
      spawn: () =>
        new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'layerloom-train-gan' }),
      onEvent: (event) => handlers.onEvent(event),
      onCrash: (reason) => handlers.onCrash(reason),
    });
  }

  /** Starts the run in a fresh worker; the page's dataset is copied, so it stays usable. */
  start(request: Omit<GanStartRequest, 'type'>): void {
    this.rpc.terminate();
    const dataset = copyDataset(request.dataset);
    this.rpc.post({ type: 'train-gan', ...request, dataset }, datasetBuffers(dataset));
  }

  pause(): void {
    if (this.rpc.alive) this.rpc.post({ type: 'pause' }, []);
  }

  resume(): void {
    if (this.rpc.alive) this.rpc.post({ type: 'resume' }, []);
  }

  stop(): void {
    if (this.rpc.alive) this.rpc.post({ type: 'stop' }, []);
  }

  /** The page has stored epoch `epoch`'s checkpoint: the worker may begin the next epoch. */
  checkpointSaved(epoch: number): void {
    if (this.rpc.alive) this.rpc.post({ type: 'checkpoint-saved', epoch }, []);
  }

  terminate(): void {
    this.rpc.terminate();
  }
}
