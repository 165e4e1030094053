/// <reference lib="webworker" />
/**
 * The training worker: a thin shell over src/training's TrainerSession. It picks the backend,
 * keeps the session between legs so "train N more epochs" continues with the same optimizer state
 * and history, and turns the session's callbacks into TrainEvents.
 */
import { z } from 'zod';
import { chooseBackend } from '../training/backend';
import { largestTensorBytes } from '../training/backend-limits';
import { parityGraph, parityTable } from '../training/backend-parity';
import { defaultProbes } from '../training/backend-probes';
import { setupWasm } from '../training/backend-wasm';
import { charsPerTokenOf } from '../data/text/preview';
import { seededConfig, sessionTrial, TrainerSession, type SessionSpec } from '../training/session';
import type { BatchProgress } from '../training/types';
import { TrainingControl } from '../training/control';
import { runGan } from './train-gan';
import {
  assertNever,
  checkpointBuffers,
  type StartRequest,
  type TrainEvent,
  type TrainRequest,
} from './train-protocol';

declare const self: DedicatedWorkerGlobalScope;

// The CSP has no 'unsafe-eval' (SECURITY.md): zod must not compile validators with new Function.
z.config({ jitless: true });

const BATCH_FLUSH_MS = 33;

let session: TrainerSession | null = null;
let busy = false;
/** The running GAN's control; null when no GAN runs (pause and stop then go to the session). */
let ganControl: TrainingControl | null = null;

function post(event: TrainEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

/** Collects every batch's numbers and posts them at most every BATCH_FLUSH_MS. */
class BatchBuffer {
  private rows: BatchProgress[] = [];
  private lastPost = 0;

  add(p: BatchProgress): void {
    this.rows.push(p);
    if (performance.now() - this.lastPost >= BATCH_FLUSH_MS) this.flush();
  }

  flush(): void {
    const last = this.rows.at(-1);
    if (!last) return;
    const pick = (f: (p: BatchProgress) => number) => Float64Array.from(this.rows, f);
    const series = {
      epoch: pick((p) => p.epoch),
      batch: pick((p) => p.batch),
      loss: pick((p) => p.loss),
      metric: pick((p) => p.metric),
      lr: pick((p) => p.lr),
    };
    this.rows = [];
    this.lastPost = performance.now();
    post(
      {
        type: 'batch',
        series,
        epoch: last.epoch,
        batch: last.batch,
        batchesPerEpoch: last.batchesPerEpoch,
        samplesPerSec: last.samplesPerSec,
      },
      [series.epoch.buffer, series.batch.buffer, series.loss.buffer, series.metric.buffer, series.lr.buffer],
    );
  }
}

/** Times the run's real step on each candidate backend, reports the choice, then builds the session on it. */
async function open(req: StartRequest): Promise<TrainerSession> {
  const t = req.dataset.transform;
  const spec: SessionSpec = {
    graph: req.graph,
    dataset: req.dataset,
    config: seededConfig(req.config),
    // Next-token runs: bits per character need the characters each token stands for.
    ...(req.dataset.task === 'next-token' && t?.kind === 'text' ? { charsPerToken: charsPerTokenOf(t.tokenizer) } : {}),
  };
  await setupWasm();
  const choice = await chooseBackend({
    force: req.forceBackend,
    createTrial: sessionTrial(spec),
    largestTensorBytes: largestTensorBytes(spec.graph, spec.config.batchSize),
  });
  post({
    type: 'backend',
    backend: choice.backend,
    label: choice.label,
    reason: choice.reason,
    notices: choice.notices,
  });
  return TrainerSession.create(spec, { checkpoint: req.checkpoint, initialWeights: req.initialWeights ?? null });
}

/** How long the next epoch waits for the page to store a checkpoint (a stalled page must not stall training). */
const CHECKPOINT_ACK_MS = 10_000;
let ackWaiter: { epoch: number; resolve: () => void } | null = null;

function checkpointStored(epoch: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CHECKPOINT_ACK_MS);
    ackWaiter = {
      epoch,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    };
  });
}

async function runLeg(s: TrainerSession, epochs: number): Promise<void> {
  const batches = new BatchBuffer();
  const result = await s.run(epochs, {
    onStart: (info) => post({ type: 'start', info }),
    onBatch: (p) => batches.add(p),
    onEpoch: (log) => {
      batches.flush();
      post({ type: 'epoch', log });
    },
    onCheckpoint: async (checkpoint) => {
      const weights = s.weights();
      const own = Object.values(weights).flatMap((list) => list.map((w) => w.values.buffer as ArrayBuffer));
      const stored = checkpointStored(checkpoint.epoch);
      post({ type: 'checkpoint', checkpoint, weights }, [...new Set([...checkpointBuffers(checkpoint), ...own])]);
      // The next epoch starts once the page has stored this one, so a reload loses at most one.
      await stored;
    },
  });
  batches.flush();
  const issue = result.issue;
  if (issue) {
    post({
      type: 'error',
      kind: issue.kind,
      message: issue.message,
      ...(issue.kind === 'non-finite-loss' ? { epoch: issue.epoch, batch: issue.batch } : {}),
    });
  }
  const test = result.status === 'failed' ? null : await s.score();
  const weights = s.weights();
  const transfer = Object.values(weights).flatMap((list) => list.map((w) => w.values.buffer as ArrayBuffer));
  post({ type: 'done', result, test, weights }, [...new Set(transfer)]);
}

/** Runs `work` unless a leg is already running, which is answered with an error event instead. */
async function exclusive(work: () => Promise<void>): Promise<void> {
  if (busy) return post({ type: 'error', kind: 'error', message: 'Training is already running; stop it first.' });
  busy = true;
  try {
    await work();
  } finally {
    busy = false;
  }
}

async function handle(req: TrainRequest): Promise<void> {
  switch (req.type) {
    case 'start':
      return exclusive(async () => {
        session?.dispose();
        session = null;
        try {
          session = await open(req);
        } catch (err) {
          return post({ type: 'error', kind: 'setup', message: err instanceof Error ? err.message : String(err) });
        }
        await runLeg(session, req.epochs);
      });
    case 'continue': {
      const s = session;
      if (!s) return post({ type: 'error', kind: 'error', message: 'Nothing to continue: start a run first.' });
      if (busy) return post({ type: 'error', kind: 'error', message: 'Training is already running.' });
      return exclusive(() => runLeg(s, req.epochs));
    }
    case 'train-gan':
      return exclusive(async () => {
        ganControl = new TrainingControl();
        try {
          await runGan(req, {
            control: ganControl,
            post: (event, transfer = []) => self.postMessage(event, transfer),
            checkpointStored,
          });
        } finally {
          ganControl = null;
        }
      });
    case 'pause':
      return ganControl ? ganControl.pause() : session?.pause();
    case 'resume':
      return ganControl ? ganControl.resume() : session?.resume();
    case 'stop':
      return ganControl ? ganControl.stop() : session?.stop();
    case 'evaluate':
      return post({ type: 'evaluated', test: session && !busy ? await session.score() : null });
    case 'checkpoint-saved':
      if (ackWaiter?.epoch === req.epoch) ackWaiter.resolve();
      return;
    case 'parity':
      return exclusive(async () => {
        await setupWasm();
        const probes = defaultProbes();
        const models = req.templates.map((id) => ({ id, graph: parityGraph(id) }));
        const rows = await parityTable(models, req.backends, async (b) => {
          await probes.prepare(b);
          await probes.activate(b);
        });
        post({ type: 'parity', rows });
      });
    case 'hold-lock':
      // Never resolves: the lock lives exactly as long as this worker.
      void navigator.locks.request(req.name, () => {
        post({ type: 'lock-held' });
        return new Promise<never>(() => {});
      });
      return;
    default:
      return assertNever(req);
  }
}

self.addEventListener('message', (event: MessageEvent<TrainRequest>) => {
  handle(event.data).catch((err: unknown) => {
    post({ type: 'error', kind: 'error', message: err instanceof Error ? err.message : String(err) });
  });
});
