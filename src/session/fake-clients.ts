/**
 * Test doubles for the session's clients: a training "worker" that follows the real protocol
 * (backend, start, batches, epoch, checkpoint — then waits for checkpointSaved — and done) with
 * weights and scores that are functions of the run's settings, so tests can tell runs apart.
 * Only the unit tests import this file.
 */
import type { PreparedDataset } from '../data/types';
import type { LayerWeights } from '../model/weights';
import { createMemoryProjectDb, type MemoryProjectDb } from '../store/persistence/memory-db';
import type { TrainConfigInput } from '../training/config';
import type { Checkpoint, EpochLog } from '../training/types';
import type { LanguageModelMetrics } from '../training/text/lm-metrics';
import type { StartRequest, TrainEvent } from '../worker/train-protocol';
import type { EvalWorker, SessionClients, TrainHandlers, TrainWorker } from './clients';

/** A run's learning rate: the fake's scores and weights depend on it. */
export const lrOf = (config: TrainConfigInput) =>
  (config.optimizer as { learningRate?: number } | undefined)?.learningRate ?? 0.001;

/** The weights a fake run holds after `epoch` epochs. */
export function fakeWeights(config: TrainConfigInput, epoch: number): LayerWeights {
  return { out: [{ name: 'kernel', shape: [4, 3], values: new Float32Array(12).fill(lrOf(config) * 1000 + epoch) }] };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export class FakeTrainWorker implements TrainWorker {
  alive = true;
  starts: Omit<StartRequest, 'type'>[] = [];
  private state: { config: TrainConfigInput; epoch: number; history: EpochLog[] } | null = null;
  private stopRequested = false;
  private ack: ((epoch: number) => void) | null = null;
  private openGate: (() => void) | null = null;
  /** The epoch this worker is waiting to begin (see FakeClients.holdBefore), or null. */
  waitingAt: number | null = null;
  /** Set: the run is a language model and its test score carries these scores. */
  languageModel: ((config: TrainConfigInput) => LanguageModelMetrics) | null = null;

  constructor(
    private readonly handlers: TrainHandlers,
    /** Test accuracy of a finished run, from its settings. */
    private readonly accuracy: (config: TrainConfigInput) => number,
    /** Waits before beginning this epoch until release() (to act "during training"). */
    private readonly holdBefore: () => number | null,
    /** What the worker did, in order ("begin 2"), for tests of ordering. */
    private readonly trace: string[],
  ) {}

  private emit(event: TrainEvent): void {
    if (this.alive) this.handlers.onEvent(event);
  }

  release(): void {
    this.waitingAt = null;
    this.openGate?.();
    this.openGate = null;
  }

  start(request: Omit<StartRequest, 'type'>): void {
    this.starts.push(request);
    this.alive = true;
    this.stopRequested = false;
    const cp = request.checkpoint;
    this.state = { config: request.config, epoch: cp?.epoch ?? 0, history: [...(cp?.trainer.history ?? [])] };
    this.emit({ type: 'backend', backend: 'cpu', label: 'CPU (fake)', reason: 'the fake worker', notices: [] });
    void this.leg(request.epochs);
  }

  continue(epochs: number): void {
    void this.leg(epochs);
  }

  private async leg(epochs: number): Promise<void> {
    const st = this.state!;
    const end = st.epoch + epochs;
    await tick();
    this.emit({
      type: 'start',
      info: {
        seed: 1,
        loss: 'categorical_crossentropy',
        metric: 'accuracy',
        startEpoch: st.epoch,
        endEpoch: end,
        batchesPerEpoch: 2,
        trainSamples: 4,
        validationSamples: 2,
      },
    });
    let status: 'completed' | 'stopped' = 'completed';
    while (st.epoch < end) {
      if (this.holdBefore() === st.epoch + 1) {
        this.waitingAt = st.epoch + 1;
        await new Promise<void>((r) => (this.openGate = r));
      }
      if (!this.alive) return;
      this.trace.push(`begin ${st.epoch + 1}`);
      const e = st.epoch + 1;
      const batch = (b: number) => {
        const series = {
          epoch: Float64Array.of(e),
          batch: Float64Array.of(b),
          loss: Float64Array.of((1.1 - b / 10) / e),
          metric: Float64Array.of(0.4 + b / 10),
          lr: Float64Array.of(0.001),
        };
        this.emit({ type: 'batch', series, epoch: e, batch: b, batchesPerEpoch: 2, samplesPerSec: 100 });
      };
      batch(1);
      // As the real trainer, a stop asked for during an epoch ends it after the batch in progress.
      if (this.stopRequested) {
        status = 'stopped';
        break;
      }
      batch(2);
      const log: EpochLog = {
        epoch: e,
        loss: 1 / e,
        metric: 0.5,
        valLoss: 1 / e,
        valMetric: this.accuracy(st.config),
        lr: 0.001,
        seconds: 0.01,
        samplesPerSec: 100,
      };
      st.epoch = e;
      st.history.push(log);
      this.emit({ type: 'epoch', log });
      const checkpoint: Checkpoint = {
        epoch: e,
        weights: [{ name: 'out/kernel', shape: [4, 3], values: new Float32Array(12).fill(e) }],
        optimizer: { name: 'adam', iterations: e, slots: [] } as unknown as Checkpoint['optimizer'],
        trainer: {
          epoch: e,
          lr: 0.001,
          shuffleRng: 1,
          noiseRng: 1,
          plateau: { best: null, wait: 0, cooldown: 0 },
          history: [...st.history],
        },
      };
      const stored = new Promise<void>((resolve) => (this.ack = (n) => n === e && resolve()));
      this.emit({ type: 'checkpoint', checkpoint, weights: fakeWeights(st.config, e) });
      await stored;
    }
    if (!this.alive) return;
    const accuracy = this.accuracy(st.config);
    this.emit({
      type: 'done',
      result: {
        status,
        issue: null,
        epochsRun: epochs,
        epoch: st.epoch,
        history: [...st.history],
        seed: 1,
        loss: 'categorical_crossentropy',
        metric: 'accuracy',
        restoredEpoch: null,
        warnings: [],
      },
      test: {
        loss: 1 - accuracy,
        n: 10,
        metrics: { kind: 'classification', accuracy } as never,
        ...(this.languageModel ? { languageModel: this.languageModel(st.config) } : {}),
      },
      weights: fakeWeights(st.config, st.epoch),
    });
  }

  pause(): void {}
  resume(): void {}
  stop(): void {
    this.stopRequested = true;
  }
  checkpointSaved(epoch: number): void {
    this.ack?.(epoch);
  }
  /** What a worker killed by the browser looks like to the page. */
  crash(reason = 'killed in a test'): void {
    this.alive = false;
    this.release();
    this.handlers.onCrash(reason);
  }
  terminate(): void {
    this.alive = false;
    this.release();
  }
}

export interface FakeClients extends SessionClients {
  readonly db: MemoryProjectDb;
  /** Workers wait before beginning this epoch until released (null: never). */
  holdBefore: number | null;
  /** Every worker's actions in order ("begin 2"); tests may push their own entries. */
  readonly trace: string[];
  /** Every training worker made, newest last. */
  readonly workers: FakeTrainWorker[];
  readonly downloads: { fileName: string; bytes: Uint8Array }[];
  readonly exported: Parameters<EvalWorker['exportModel']>[0][];
  /** Workers made from now on report these language-model test scores (null: none). */
  languageModel: ((config: TrainConfigInput) => LanguageModelMetrics) | null;
}

export function fakeClients(accuracy: (config: TrainConfigInput) => number = () => 0.8): FakeClients {
  const db = createMemoryProjectDb();
  const workers: FakeTrainWorker[] = [];
  const downloads: FakeClients['downloads'] = [];
  const exported: FakeClients['exported'] = [];
  const evalWorker: EvalWorker = {
    load: async () => {
      throw new Error('not used in these tests');
    },
    predict: async () => {
      throw new Error('not used in these tests');
    },
    generate: async () => {
      throw new Error('not used in these tests');
    },
    explain: async () => {
      throw new Error('not used in these tests');
    },
    exportModel: async (req) => {
      exported.push(req);
      return {
        type: 'exported',
        id: 1,
        zip: new Uint8Array([1, 2, 3]),
        files: [],
        snippets: { browser: '', node: '', python: '' },
        warnings: [],
      };
    },
    saveToBrowser: async (req) => ({ type: 'saved', id: 1, url: `indexeddb://${req.name}` }) as never,
  };
  const clients: FakeClients = {
    holdBefore: null,
    languageModel: null,
    trace: [],
    db,
    workers,
    downloads,
    exported,
    async trainWorker(handlers) {
      const w = new FakeTrainWorker(handlers, accuracy, () => clients.holdBefore, clients.trace);
      w.languageModel = clients.languageModel;
      workers.push(w);
      return w;
    },
    evalWorker: async () => evalWorker,
    dataWorker: async () => {
      throw new Error('these tests bind datasets directly');
    },
    baseUrl: () => 'http://localhost/',
    objectUrls: { create: () => 'blob:fake', revoke: () => undefined },
    storage: db,
    now: () => Date.now(),
    nextFrame(fn) {
      const t = setTimeout(fn, 0);
      return () => clearTimeout(t);
    },
    saveProject: async () => {
      clients.trace.push('saved project');
    },
    download(bytes, fileName) {
      downloads.push({ fileName, bytes });
    },
  };
  return clients;
}

/** A 4-feature, 3-class dataset with a few rows: enough for the session's checks. */
export function tinyDataset(): PreparedDataset {
  const split = (n: number) => ({ n, x: new Float32Array(n * 4), y: new Float32Array(n) });
  return {
    id: 'tiny',
    name: 'tiny',
    kind: 'tabular',
    task: 'multiclass',
    inputShape: [4],
    classNames: ['a', 'b', 'c'],
    train: split(4),
    validation: split(2),
    test: split(2),
    transform: null,
  };
}
