/**
 * A GAN training worker for the session tests that follows the real protocol (train-gan.ts):
 * backend, then per epoch its steps, gan-epoch and gan-checkpoint, waiting for checkpointSaved
 * before the next epoch; gan-done with the last finished epoch's weights. Each network's one
 * weight holds the number of epochs trained, so a test can tell which epoch a weight is from.
 */
import type { PreparedDataset } from '../data/types';
import type { LayerWeights } from '../model/weights';
import type { GanCheckpoint } from '../training/gan/trainer';
import type { GanClientHandlers } from '../worker/gan-client';
import type { GanStartRequest, GanWeights } from '../worker/train-protocol';
import type { GanWorker } from './gan-training';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const one = (name: string, v: number): LayerWeights => ({
  [name]: [{ name: 'kernel', shape: [1], values: new Float32Array([v]) }],
});

/** Both networks after `epoch` epochs, as the fake trains them. */
/** Blank 8×8 grey images, `train` / `validation` / `test` of them: a GAN's data in the session tests. */
export function fakeDigits(train = 128, validation = 0, test = 0): PreparedDataset {
  const split = (n: number) => ({ n, x: new Float32Array(n * 64), y: new Float32Array(n) });
  return {
    id: 'digits',
    name: 'Digits',
    kind: 'image',
    task: 'multiclass',
    inputShape: [8, 8, 1],
    classNames: ['0'],
    train: split(train),
    validation: split(validation),
    test: split(test),
    transform: null,
  };
}

export const fakeGanWeights = (epoch: number): GanWeights => ({
  generator: one('g_dense', epoch),
  discriminator: one('d_dense', -epoch),
});

export function fakeGanCheckpoint(epoch: number): GanCheckpoint {
  const state = { iterations: epoch * 4, slots: [], scalars: {} };
  return {
    epoch,
    ...fakeGanWeights(epoch),
    optimizers: { generator: state, discriminator: state },
    rng: { shuffle: epoch, noise: epoch },
    steps: epoch * 4,
  };
}

export class FakeGanWorker implements GanWorker {
  alive = true;
  readonly starts: Omit<GanStartRequest, 'type'>[] = [];
  /** Epochs whose checkpoint the page said it stored. */
  readonly acked: number[] = [];
  /** Epochs begun, in order. */
  readonly begun: number[] = [];
  /** The epoch this worker waits to begin until release(), or null. */
  holdBefore: number | null = null;
  private stopRequested = false;
  private paused = false;
  private ack: ((epoch: number) => void) | null = null;
  private gate: (() => void) | null = null;

  constructor(private readonly handlers: GanClientHandlers) {}

  private emit(event: Parameters<GanClientHandlers['onEvent']>[0]): void {
    if (this.alive) this.handlers.onEvent(event);
  }

  start(request: Omit<GanStartRequest, 'type'>): void {
    this.starts.push(request);
    void this.run(request);
  }

  private async run(request: Omit<GanStartRequest, 'type'>): Promise<void> {
    await tick();
    this.emit({ type: 'backend', backend: 'cpu', label: 'cpu', reason: 'the fake GAN worker', notices: [] });
    const from = request.checkpoint?.epoch ?? 0;
    let done = from;
    for (let epoch = from + 1; epoch <= from + request.epochs; epoch++) {
      if (this.holdBefore === epoch) await new Promise<void>((resolve) => (this.gate = resolve));
      while (this.paused && !this.stopRequested) await tick();
      if (this.stopRequested || !this.alive) break;
      this.begun.push(epoch);
      const point = { epoch, step: epoch * 4, dLoss: 1, gLoss: 1, realScore: 0.6, fakeScore: 0.4 };
      this.emit({ type: 'gan-steps', steps: [point] });
      const diversity = { samples: 0.5, real: 0.5, ratio: 1, collapsed: false, warning: null };
      this.emit({
        type: 'gan-epoch',
        log: { epoch, dLoss: 1, gLoss: epoch === 2 ? NaN : 1, realScore: 0.6, fakeScore: 0.4, seconds: 1, diversity },
      });
      const stored = new Promise<number>((resolve) => (this.ack = resolve));
      this.emit({ type: 'gan-checkpoint', checkpoint: fakeGanCheckpoint(epoch) });
      this.acked.push(await stored);
      done = epoch;
    }
    const weights = done > 0 ? fakeGanWeights(done) : null;
    this.emit({ type: 'gan-done', status: this.stopRequested ? 'stopped' : 'completed', epochs: done, weights });
  }

  /** Lets a held worker begin its epoch. */
  release(): void {
    this.gate?.();
    this.gate = null;
  }

  /** The worker dies (the page sees onCrash, as from a worker-rpc timeout). */
  crash(reason: string): void {
    this.alive = false;
    this.handlers.onCrash(reason);
  }

  checkpointSaved(epoch: number): void {
    this.ack?.(epoch);
    this.ack = null;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  stop(): void {
    this.stopRequested = true;
    this.release();
  }

  terminate(): void {
    this.alive = false;
    this.release();
  }
}
