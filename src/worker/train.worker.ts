/// <reference lib="webworker" />
/**
 * The training worker: a thin shell over src/training. It keeps the model and Trainer between
 * runs so "train N more epochs" continues with the same optimizer state and history.
 */
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { compile } from '../compiler/compile';
import { applyWeights, extractWeights } from '../compiler/weights';
import type { PreparedDataset } from '../data/types';
import type { Graph } from '../model/graph';
import { chooseBackend } from '../training/backend';
import { layersModelTrial } from '../training/backend-trial';
import { setupWasm } from '../training/backend-wasm';
import { defaultLoss, trainConfig } from '../training/config';
import { TrainingControl } from '../training/control';
import { evaluate } from '../training/evaluate';
import { encodeLabels } from '../training/losses';
import { compileSeeded } from '../training/train';
import { Trainer } from '../training/trainer';
import type { BatchProgress, TrainResult } from '../training/types';
import { assertNever, checkpointBuffers, type StartRequest, type TestMetrics, type TrainEvent, type TrainRequest } from './train-protocol';

declare const self: DedicatedWorkerGlobalScope;

// The CSP has no 'unsafe-eval' (SECURITY.md): zod must not compile validators with new Function.
z.config({ jitless: true });

const BATCH_FLUSH_MS = 33;

interface Session {
  graph: Graph;
  dataset: PreparedDataset;
  model: tf.LayersModel;
  trainer: Trainer;
}

let session: Session | null = null;
let control = new TrainingControl();
let busy = false;
let crashRequested = false;

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
      { type: 'batch', series, epoch: last.epoch, batch: last.batch, batchesPerEpoch: last.batchesPerEpoch, samplesPerSec: last.samplesPerSec },
      [series.epoch.buffer, series.batch.buffer, series.loss.buffer, series.metric.buffer, series.lr.buffer],
    );
  }
}

function outputUnits(model: tf.LayersModel): number {
  const shape = model.outputs[0]?.shape ?? [];
  return Number(shape[shape.length - 1] ?? 1);
}

async function setup(req: StartRequest): Promise<Session> {
  const config = trainConfig(req.config);
  const { graph, dataset } = req;
  await setupWasm();
  const batchSize = Math.min(config.batchSize, Math.max(1, dataset.train.n));
  const sampleSize = dataset.inputShape.reduce((a, b) => a * b, 1);
  const choice = await chooseBackend({
    force: req.forceBackend,
    createTrial: () =>
      layersModelTrial(
        () => {
          const model = compile(graph);
          const units = outputUnits(model);
          const loss = config.loss === 'auto' ? defaultLoss(dataset.task, units) : config.loss;
          // Sparse labels become one-hot here: the trial only times a step of the same size.
          const tfLoss = loss.includes('categorical') ? 'categoricalCrossentropy' : loss === 'binary_crossentropy' ? 'binaryCrossentropy' : 'meanSquaredError';
          model.compile({ optimizer: tf.train.adam(), loss: tfLoss });
          return model;
        },
        () => {
          const xs = tf.tensor(dataset.train.x.subarray(0, batchSize * sampleSize), [batchSize, ...dataset.inputShape]);
          const probe = compile(graph);
          const units = outputUnits(probe);
          probe.dispose();
          const y = dataset.train.y.subarray(0, batchSize);
          const ys = dataset.task === 'regression' ? tf.tensor2d(y, [batchSize, 1]).tile([1, units]) : encodeLabels('categorical_crossentropy', y, units);
          return { xs, ys };
        },
      ),
  });
  post({ type: 'backend', backend: choice.backend, label: choice.label, reason: choice.reason, notices: choice.notices });
  const seed = config.seed ?? Math.floor(Math.random() * 2 ** 32);
  const model = compileSeeded(graph, seed);
  if (req.initialWeights && !req.checkpoint) {
    try {
      applyWeights(model, req.initialWeights);
    } catch (err) {
      model.dispose();
      throw new Error(`The starting weights do not fit this model (${err instanceof Error ? err.message : String(err)}); reload them or start from fresh weights.`);
    }
  }
  const trainer = new Trainer(model, dataset, { ...config, seed });
  if (req.checkpoint) await trainer.restore(req.checkpoint);
  return { graph, dataset, model, trainer };
}

async function testMetrics(s: Session): Promise<TestMetrics | null> {
  if (s.dataset.test.n === 0) return null;
  const e = await evaluate(s.model, s.dataset.test, s.dataset.task);
  return { loss: e.loss, metrics: e.metrics, n: e.n };
}

async function runEpochs(s: Session, epochs: number): Promise<void> {
  control = new TrainingControl();
  const batches = new BatchBuffer();
  const result: TrainResult = await s.trainer.run(
    {
      control,
      onStart: (info) => post({ type: 'start', info }),
      onBatch: (p) => {
        if (crashRequested) {
          crashRequested = false;
          // Escape the trainer's error handling so the page sees a real worker failure.
          setTimeout(() => {
            throw new Error('Crash requested by the page (test hook).');
          });
        }
        batches.add(p);
      },
      onEpoch: (log) => {
        batches.flush();
        post({ type: 'epoch', log });
      },
      onCheckpoint: (checkpoint) => post({ type: 'checkpoint', checkpoint }, checkpointBuffers(checkpoint)),
    },
    { epochs },
  );
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
  const test = result.status === 'failed' ? null : await testMetrics(s);
  const weights = extractWeights(s.model, s.graph);
  const transfer = Object.values(weights).flatMap((list) => list.map((w) => w.values.buffer as ArrayBuffer));
  post({ type: 'done', result, test, weights }, [...new Set(transfer)]);
}

function dispose(): void {
  if (!session) return;
  session.trainer.dispose();
  session.model.dispose();
  session = null;
}

async function handle(req: TrainRequest): Promise<void> {
  switch (req.type) {
    case 'start': {
      if (busy) return post({ type: 'error', kind: 'error', message: 'Training is already running; stop it first.' });
      busy = true;
      try {
        dispose();
        try {
          session = await setup(req);
        } catch (err) {
          return post({ type: 'error', kind: 'setup', message: err instanceof Error ? err.message : String(err) });
        }
        await runEpochs(session, req.epochs);
      } finally {
        busy = false;
      }
      return;
    }
    case 'continue': {
      if (busy || !session)
        return post({ type: 'error', kind: 'error', message: session ? 'Training is already running.' : 'Nothing to continue: start a run first.' });
      busy = true;
      try {
        await runEpochs(session, req.epochs);
      } finally {
        busy = false;
      }
      return;
    }
    case 'pause':
      return control.pause();
    case 'resume':
      return control.resume();
    case 'stop':
      return control.stop();
    case 'evaluate':
      return post({ type: 'evaluated', test: session && !busy ? await testMetrics(session) : null });
    case 'crash':
      crashRequested = true;
      return;
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
