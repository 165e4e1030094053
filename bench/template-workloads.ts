// Any single-input template as a bench workload on seeded random data, timed through the app's TrainerSession (no Node or DOM imports).
import * as tf from '@tensorflow/tfjs';
import type { PreparedDataset, Task } from '../src/data/types';
import { mulberry32 } from '../src/data/random';
import type { Graph } from '../src/model/graph';
import { templateGraph, templates } from '../src/model/templates';
import { seededConfig, TrainerSession, type SessionSpec } from '../src/training/session';
import { textSpec } from './text-workloads';

export interface TemplateWorkload {
  /** A template id of src/model/templates.ts, trained at its own sizes. */
  template: string;
  /** Samples per epoch. */
  rows: number;
  batch: number;
}

const TEXT_DATA = new Set(['text', 'text-lm']);

/**
 * Why a template cannot be a bench workload here, or null when it can. Random features stand in
 * for one input and a class/target per sample; several inputs or an image-to-image output would
 * need data made for that graph.
 */
export function unsupportedReason(id: string): string | null {
  const t = templates.find((x) => x.id === id);
  if (!t) return `unknown template ${id}`;
  const graph = templateGraph(id);
  if (graph.nodes.filter((n) => n.type === 'Input').length !== 1) return 'several inputs';
  if (!TEXT_DATA.has(t.data[0] ?? '') && graph.nodes.at(-1)?.type !== 'Dense') return 'its output is not a Dense head';
  return null;
}

/** The task the template's last Dense layer answers: sigmoid → binary, softmax → multiclass, else regression. */
function taskOf(graph: Graph): { task: Task; classes: number } {
  const dense = graph.nodes.filter((n) => n.type === 'Dense').at(-1)!;
  const units = Number(dense.params.units);
  if (dense.params.activation === 'softmax') return { task: 'multiclass', classes: units };
  if (dense.params.activation === 'sigmoid') return { task: 'binary', classes: 2 };
  return { task: 'regression', classes: 0 };
}

function randomDataset(graph: Graph, rows: number): PreparedDataset {
  const input = graph.nodes.find((n) => n.type === 'Input')!;
  const inputShape = input.params.shape as number[];
  const size = inputShape.reduce((a, b) => a * b, 1);
  const { task, classes } = taskOf(graph);
  const rng = mulberry32(7);
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return {
    id: 'bench-template',
    name: 'bench-template',
    kind: inputShape.length === 3 ? 'image' : 'tabular',
    task,
    inputShape,
    classNames: Array.from({ length: classes }, (_, i) => String(i)),
    train: {
      n: rows,
      x: Float32Array.from({ length: rows * size }, () => rng() * 2 - 1),
      y: Float32Array.from({ length: rows }, () => (task === 'regression' ? rng() : Math.floor(rng() * classes))),
    },
    validation: empty,
    test: empty,
    transform: null,
  };
}

/** The template's graph, seeded random data sized `rows`, Adam 0.001 and the loss the app picks for its head. */
export function templateSpec(w: TemplateWorkload): SessionSpec {
  const why = unsupportedReason(w.template);
  if (why) throw new Error(`Template ${w.template} cannot be benched on random data: ${why}.`);
  const t = templates.find((x) => x.id === w.template)!;
  if (TEXT_DATA.has(t.data[0] ?? '')) {
    const text = textSpec(w);
    return { ...text, config: seededConfig(text.config) };
  }
  return graphSpec(templateGraph(w.template), w.rows, w.batch);
}

/** A graph with one input and a Dense head (CNN B of vs-pytorch, say) on seeded random data. */
export function graphSpec(graph: Graph, rows: number, batch: number): SessionSpec {
  return {
    graph,
    dataset: randomDataset(graph, rows),
    config: seededConfig({
      epochs: 1,
      batchSize: batch,
      seed: 1,
      validate: false,
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'auto',
    }),
  };
}

export interface EpochRates {
  /** Median samples/s of the timed epochs. */
  samplesPerSec: number;
  /** Bytes of tensors tfjs held at most, sampled after each epoch (weights, optimizer slots, data). */
  peakTensorBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Trains `spec` on the active backend: one warm-up epoch, then `timed` timed ones. */
export async function timeEpochs(spec: SessionSpec, timed: number): Promise<EpochRates> {
  const session = await TrainerSession.create(spec);
  let peak = tf.memory().numBytes;
  try {
    const rates: number[] = [];
    for (let epoch = 0; epoch <= timed; epoch++) {
      const started = performance.now();
      const result = await session.run(1);
      if (result.status !== 'completed') throw new Error(`training ${result.status}: ${result.issue?.message}`);
      if (epoch > 0) rates.push(spec.dataset.train.n / ((performance.now() - started) / 1000));
      peak = Math.max(peak, tf.memory().numBytes);
    }
    return { samplesPerSec: median(rates), peakTensorBytes: peak };
  } finally {
    session.dispose();
  }
}
