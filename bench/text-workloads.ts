// The text templates as bench workloads (no Node or DOM imports: runs in Node and in a browser worker).
import * as tf from '@tensorflow/tfjs';
import type { PreparedDataset } from '../src/data/types';
import { mulberry32 } from '../src/data/random';
import type { Graph } from '../src/model/graph';
import { templateGraph } from '../src/model/templates';
import type { TrainConfig } from '../src/training/config';
import { stepTrial } from '../src/training/backend-trial';
import { seededConfig, TrainerSession } from '../src/training/session';
import { compileSeeded } from '../src/training/train';

export interface TextWorkload {
  /** A template id of src/model/templates.ts, trained at its own sizes. */
  template: string;
  /** Training windows per epoch. */
  rows: number;
  batch: number;
}

export interface KernelTime {
  kernel: string;
  ms: number;
  calls: number;
}

/** The template's input length, vocabulary and output units, read from its graph. */
export function textSizes(graph: Graph): { seqLen: number; vocab: number; classes: number; lm: boolean } {
  const input = graph.nodes.find((n) => n.type === 'Input')!;
  const seqLen = (input.params.shape as number[])[0]!;
  const emb = graph.nodes.find((n) => n.type === 'Embedding' || n.type === 'TokenAndPositionEmbedding')!;
  const vocab = Number(emb.params.input_dim ?? emb.params.vocabulary_size);
  const dense = graph.nodes.filter((n) => n.type === 'Dense').at(-1)!;
  const classes = Number(dense.params.units);
  // A language model predicts the vocabulary at every position.
  const lm =
    classes === vocab && dense.params.activation === 'softmax' && !graph.nodes.some((n) => n.type.startsWith('Global'));
  return { seqLen, vocab, classes, lm };
}

/** Seeded random token windows; labels: a class per window, or the next token at each position. */
function textDataset(graph: Graph, rows: number): PreparedDataset {
  const { seqLen, vocab, classes, lm } = textSizes(graph);
  const rng = mulberry32(7);
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  const x = Float32Array.from({ length: rows * seqLen }, () => 1 + Math.floor(rng() * (vocab - 1)));
  const y = lm
    ? Float32Array.from({ length: rows * seqLen }, () => Math.floor(rng() * vocab))
    : Float32Array.from({ length: rows }, () => Math.floor(rng() * classes));
  return {
    id: 'bench-text',
    name: 'bench-text',
    kind: 'text',
    task: lm ? 'next-token' : classes === 1 ? 'binary' : 'multiclass',
    inputShape: [seqLen],
    classNames: Array.from({ length: Math.max(classes, 2) }, (_, i) => String(i)),
    train: { n: rows, x, y },
    validation: empty,
    test: empty,
    transform: null,
  };
}

export function textSpec(w: TextWorkload): { graph: Graph; dataset: PreparedDataset; config: TrainConfig } {
  const graph = templateGraph(w.template);
  const { classes } = textSizes(graph);
  return {
    graph,
    dataset: textDataset(graph, w.rows),
    config: seededConfig({
      epochs: 1,
      batchSize: w.batch,
      seed: 1,
      validate: false,
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: classes === 1 ? 'binary_crossentropy' : 'sparse_categorical_crossentropy',
    }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface TextRate {
  /** Training tokens (window positions) per second, median of the timed epochs. */
  tokensPerSec: number;
  samplesPerSec: number;
  /** Bytes of tensors tfjs held at most, sampled after each epoch (weights, optimizer slots, data). */
  peakTensorBytes: number;
  /** The wasm heap's size after training: its high-water mark in this process (it never shrinks); null off wasm. */
  wasmHeapBytes: number | null;
}

function wasmHeapBytes(): number | null {
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? null;
}

/** The app's TrainerSession: `timed` epochs after a warm-up one. */
export async function measureText(w: TextWorkload, timed = 3): Promise<TextRate> {
  const spec = textSpec(w);
  const { seqLen } = textSizes(spec.graph);
  const session = await TrainerSession.create(spec);
  let peak = 0;
  try {
    const rates: number[] = [];
    for (let epoch = 0; epoch <= timed; epoch++) {
      const started = performance.now();
      const result = await session.run(1);
      if (result.status !== 'completed')
        throw new Error(`${w.template}: training ${result.status}: ${result.issue?.message}`);
      if (epoch > 0) rates.push(w.rows / ((performance.now() - started) / 1000));
      peak = Math.max(peak, tf.memory().numBytes);
    }
    const samplesPerSec = median(rates);
    return {
      samplesPerSec,
      tokensPerSec: samplesPerSec * seqLen,
      peakTensorBytes: peak,
      wasmHeapBytes: wasmHeapBytes(),
    };
  } finally {
    session.dispose();
  }
}

/** Per-kernel time of one Trainer step (tf.profile), mean of `steps` steps after a warm-up. */
export async function profileSteps(
  spec: { graph: Graph; dataset: PreparedDataset; config: TrainConfig },
  steps = 5,
): Promise<KernelTime[]> {
  const trial = stepTrial({ build: () => compileSeeded(spec.graph, 1), dataset: spec.dataset, config: spec.config });
  try {
    await trial.step();
    const profile = await tf.profile(async () => {
      for (let i = 0; i < steps; i++) await trial.step();
    });
    const by = new Map<string, { ms: number; calls: number }>();
    for (const k of profile.kernels) {
      const e = by.get(k.name) ?? { ms: 0, calls: 0 };
      e.ms += Number(k.kernelTimeMs) / steps;
      e.calls += 1 / steps;
      by.set(k.name, e);
    }
    return [...by]
      .map(([kernel, e]) => ({ kernel, ms: +e.ms.toFixed(2), calls: Math.round(e.calls) }))
      .sort((a, b) => b.ms - a.ms);
  } finally {
    trial.dispose();
  }
}
