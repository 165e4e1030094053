// Our side of vs-pytorch.bench.ts, the same in Node and in a browser worker (no Node or DOM imports).
import * as tf from '@tensorflow/tfjs';
import type { PreparedDataset } from '../src/data/types';
import { mulberry32 } from '../src/data/random';
import { buildGraph, type LayerDraft } from '../src/model/build';
import { setupWasm, wasmFeatures, wasmLabel } from '../src/training/backend-wasm';
import { seededConfig, TrainerSession } from '../src/training/session';
import { measureText, profileSteps, textSpec, type KernelTime, type TextWorkload } from './text-workloads';

export const ROWS = 2048;
export const BATCH = 64;
export const TIMED_EPOCHS = 3;

export interface OursWorkload {
  inputShape: number[];
  drafts: LayerDraft[];
}

export type { KernelTime };

/** A workload given as drafts (A, B: random features, 10 classes) or as a text template (T). */
export type AnyWorkload = OursWorkload | TextWorkload;
const isText = (w: AnyWorkload): w is TextWorkload => 'template' in w;

export interface OursResult {
  label: string;
  /** Median samples/s by workload name. */
  samplesPerSec: Record<string, number>;
  /** Median training tokens/s of the text workloads. */
  tokensPerSec?: Record<string, number>;
  /** One step of `profile`'s workload by kernel, slowest first. */
  kernels?: KernelTime[];
  /** GFLOP/s of one GEMM_SIZE³ float32 matrix product: the ceiling a training step of such products meets. */
  gemmGflops?: number;
}

/** The side of the square matrices in the GEMM ceiling (vs-pytorch.py uses the same). */
export const GEMM_SIZE = 512;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function dataset(w: OursWorkload): PreparedDataset {
  const size = w.inputShape.reduce((a, b) => a * b, 1);
  const rng = mulberry32(7);
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return {
    id: 'bench',
    name: 'bench',
    kind: 'tabular',
    task: 'multiclass',
    inputShape: w.inputShape,
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    train: {
      n: ROWS,
      x: Float32Array.from({ length: ROWS * size }, () => rng() * 2 - 1),
      y: Float32Array.from({ length: ROWS }, () => Math.floor(rng() * 10)),
    },
    validation: empty,
    test: empty,
    transform: null,
  };
}

const spec = (w: OursWorkload) => ({
  graph: buildGraph(w.drafts),
  dataset: dataset(w),
  config: seededConfig({
    epochs: 1,
    batchSize: BATCH,
    seed: 1,
    validate: false,
    optimizer: { name: 'adam', learningRate: 0.001 },
    loss: 'categorical_crossentropy',
  }),
});

/** The app's session (seeded compile, Trainer, per-batch loss read): median samples/s of the timed epochs. */
async function samplesPerSec(w: OursWorkload): Promise<number> {
  const session = await TrainerSession.create(spec(w));
  try {
    const rates: number[] = [];
    for (let epoch = 0; epoch <= TIMED_EPOCHS; epoch++) {
      const started = performance.now();
      const result = await session.run(1);
      if (result.status !== 'completed') throw new Error(`training ${result.status}: ${result.issue?.message}`);
      if (epoch > 0) rates.push(ROWS / ((performance.now() - started) / 1000));
    }
    return median(rates);
  } finally {
    session.dispose();
  }
}

/** The Trainer's step by kernel (tf.profile: wasm kernel wall time), mean of 5 steps after a warm-up. */
async function kernelTimes(w: AnyWorkload): Promise<KernelTime[]> {
  return profileSteps(isText(w) ? textSpec(w) : spec(w));
}

/** Median GFLOP/s of a GEMM_SIZE³ product on the current backend, after a warm-up. */
function gemmGflops(): number {
  const n = GEMM_SIZE;
  const rng = mulberry32(3);
  const a = tf.tensor2d(
    Float32Array.from({ length: n * n }, () => rng()),
    [n, n],
  );
  const b = tf.tensor2d(
    Float32Array.from({ length: n * n }, () => rng()),
    [n, n],
  );
  const rates: number[] = [];
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    const seconds = (performance.now() - started) / 1000;
    c.dispose();
    if (i > 0) rates.push((2 * n ** 3) / seconds / 1e9);
  }
  tf.dispose([a, b]);
  return median(rates);
}

/**
 * Starts the wasm backend with our kernels and `threads` threads, then times each workload.
 * The backend fixes its thread count when it starts, so each count needs a fresh process or worker.
 */
export async function measureOurs(
  threads: number,
  workloads: Record<string, AnyWorkload>,
  profile: string | null,
): Promise<OursResult> {
  tf.enableProdMode();
  await setupWasm({ threads });
  await tf.setBackend('wasm');
  await tf.ready();
  const label = wasmLabel(await wasmFeatures());
  const rates: Record<string, number> = {};
  const tokens: Record<string, number> = {};
  for (const [name, w] of Object.entries(workloads)) {
    if (isText(w)) {
      const r = await measureText(w, TIMED_EPOCHS);
      rates[name] = r.samplesPerSec;
      tokens[name] = r.tokensPerSec;
    } else rates[name] = await samplesPerSec(w);
  }
  const kernels = profile && workloads[profile] ? await kernelTimes(workloads[profile]) : undefined;
  return {
    label,
    samplesPerSec: rates,
    tokensPerSec: tokens,
    gemmGflops: gemmGflops(),
    ...(kernels ? { kernels } : {}),
  };
}
