import * as tf from '@tensorflow/tfjs';
import { mulberry32, rngFor, withSeededRandom } from '../data/random';
import { dcganTemplate } from '../model/gan-template';
import type { Graph } from '../model/graph';
import { templateGraph } from '../model/templates';
import type { BackendName } from './backend-trial';
import { lossFunction } from './losses';
import { compileSeeded } from './train';

/**
 * Backend parity (issue 18): the same graph, the same seeded weights and the same tiny batch
 * trained for a few SGD steps on each backend; losses and gradients are compared with cpu's.
 * The e2e test (e2e/backend-parity.spec.ts) runs it in the real train worker, where WebGPU and
 * WebGL are real code paths (on SwiftShader in CI); the Node test runs cpu against wasm.
 */

export interface ParityOptions {
  /** Samples in the one batch (default 2). */
  batch?: number;
  /** SGD steps; each one's loss and gradients are recorded (default 2). */
  steps?: number;
  seed?: number;
  /** SGD learning rate between the steps (default 0.1). */
  learningRate?: number;
  /**
   * Record the kernels the steps use (`tf.profile`; default false). Profiling reads every
   * kernel's output back, which makes GPU steps several times slower: the table records cpu's only.
   */
  recordKernels?: boolean;
}

/** What one backend computed: per step, the loss and each trainable weight's gradient. */
export interface ParityTrace {
  losses: number[];
  /** grads[step][i] is the gradient of the i-th trainable weight (model order). */
  grads: Float32Array[][];
  /** Names of the trainable weights, in the same order. */
  weights: string[];
  /** Kernels the steps asked for (empty unless recordKernels). */
  kernels: string[];
}

/** How far one backend's trace is from the reference (cpu). */
export interface ParityDiff {
  /** max over steps of |loss − ref| / max(|ref|, 1e-3). */
  lossRel: number;
  /** max over steps and weights of max|g − ref| / max(max|ref|, 1e-6): error relative to that gradient's scale. */
  gradRel: number;
  /** max over steps and weights of max|g − ref|. */
  gradAbs: number;
  /** The weight (and step) with the largest gradRel. */
  worst: string;
}

/** The GAN template's two networks (sized for 8×8 digits), checked beside the model templates. */
export const GAN_PARITY_IDS = ['dcgan-generator', 'dcgan-discriminator'] as const;

/** A template's graph by id; the DCGAN's networks as `dcgan-generator` and `dcgan-discriminator`. */
export function parityGraph(id: string): Graph {
  if (id === 'dcgan-generator') return dcganTemplate([8, 8, 1]).generator;
  if (id === 'dcgan-discriminator') return dcganTemplate([8, 8, 1]).discriminator;
  return templateGraph(id);
}

/** The output layer's activation decides the loss and the targets, as a user of the template would train it. */
function lossFor(model: tf.LayersModel): 'categorical_crossentropy' | 'binary_crossentropy' | 'mse' {
  const last = model.outputs[0]!.sourceLayer;
  const activation = (last.getConfig() as { activation?: string }).activation;
  if (activation === 'softmax') return 'categorical_crossentropy';
  if (activation === 'sigmoid') return 'binary_crossentropy';
  return 'mse';
}

function batchFor(model: tf.LayersModel, n: number, seed: number): { xs: tf.Tensor[]; ys: tf.Tensor } {
  const rng = mulberry32(seed);
  const vocab = Math.min(
    10,
    ...model.layers
      .filter((l) => l.getClassName() === 'Embedding')
      .map((l) => (l.getConfig() as { inputDim: number }).inputDim),
  );
  const xs = model.inputs.map((input) => {
    const shape = [n, ...(input.shape.slice(1) as number[])];
    const size = shape.reduce((a, b) => a * b, 1);
    return input.dtype === 'int32'
      ? tf.tensor(
          Int32Array.from({ length: size }, () => Math.floor(rng() * vocab)),
          shape,
          'int32',
        )
      : tf.tensor(
          Float32Array.from({ length: size }, () => rng()),
          shape,
          'float32',
        );
  });
  const outShape = [n, ...(model.outputs[0]!.shape.slice(1) as number[])];
  const size = outShape.reduce((a, b) => a * b, 1);
  const loss = lossFor(model);
  let ys: tf.Tensor;
  if (loss === 'categorical_crossentropy') {
    const classes = outShape.at(-1)!;
    const rows = size / classes;
    ys = tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: rows }, () => Math.floor(rng() * classes)),
        'int32',
      ),
      classes,
    );
    ys = tf.reshape(ys, outShape);
  } else {
    ys = tf.tensor(
      Float32Array.from({ length: size }, () => (loss === 'mse' ? rng() * 2 - 1 : rng())),
      outShape,
    );
  }
  return { xs, ys };
}

/**
 * Trains a fresh seeded compile of `graph` on the active backend for `steps` SGD steps on one
 * fixed batch, recording each step's loss and gradients (read back before they are applied).
 */
export async function parityTrace(graph: Graph, options: ParityOptions = {}): Promise<ParityTrace> {
  const { batch = 2, steps = 2, seed = 7, learningRate = 0.1, recordKernels = false } = options;
  const model = compileSeeded(graph, seed);
  const { xs, ys } = batchFor(model, batch, seed);
  const lossFn = lossFunction(lossFor(model));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.sgd(learningRate);
  const noise = rngFor(seed, 'noise');
  const trace: ParityTrace = {
    losses: [],
    grads: [],
    weights: model.trainableWeights.map((w) => w.originalName),
    kernels: [],
  };
  const kernels = new Set<string>();
  try {
    for (let s = 0; s < steps; s++) {
      const step = async () => {
        const { value, grads } = withSeededRandom(noise, () =>
          tf.variableGrads(() => {
            const pred = model.apply(xs.length === 1 ? xs[0]! : xs, { training: true }) as tf.Tensor;
            return lossFn(ys, pred);
          }, variables),
        );
        trace.losses.push((await value.data())[0]!);
        trace.grads.push(await Promise.all(variables.map(async (v) => (await grads[v.name]!.data()) as Float32Array)));
        optimizer.applyGradients(grads);
        tf.dispose([value, ...Object.values(grads)]);
      };
      if (!recordKernels) await step();
      else for (const k of (await tf.profile(step)).kernelNames) kernels.add(k);
    }
  } finally {
    optimizer.dispose();
    model.dispose();
    tf.dispose([...xs, ys]);
  }
  trace.kernels = [...kernels].sort();
  return trace;
}

/** Compares `trace` with `ref` step by step (both from `parityTrace` of the same graph and options). */
export function parityDiff(ref: ParityTrace, trace: ParityTrace): ParityDiff {
  const diff: ParityDiff = { lossRel: 0, gradRel: 0, gradAbs: 0, worst: '' };
  ref.losses.forEach((l, s) => {
    const other = trace.losses[s] ?? Number.NaN;
    const rel = Math.abs(other - l) / Math.max(Math.abs(l), 1e-3);
    diff.lossRel = Number.isNaN(rel) ? Number.POSITIVE_INFINITY : Math.max(diff.lossRel, rel);
  });
  ref.grads.forEach((step, s) =>
    step.forEach((g, i) => {
      const h = trace.grads[s]?.[i];
      let abs = h && h.length === g.length ? 0 : Number.POSITIVE_INFINITY;
      let scale = 0;
      for (let k = 0; k < g.length && h; k++) {
        const d = Math.abs(h[k]! - g[k]!);
        abs = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(abs, d);
        scale = Math.max(scale, Math.abs(g[k]!));
      }
      const rel = abs / Math.max(scale, 1e-6);
      diff.gradAbs = Math.max(diff.gradAbs, abs);
      if (rel >= diff.gradRel) {
        diff.gradRel = rel;
        diff.worst = `${ref.weights[i]} (step ${s + 1})`;
      }
    }),
  );
  return diff;
}

/** One template × backend row of the parity table. */
export interface ParityRow extends Partial<ParityDiff> {
  model: string;
  backend: BackendName;
  losses?: number[];
  ms?: number;
  /** Why the backend could not train it: a missing kernel, a failed start, a thrown step. */
  error?: string;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

/**
 * The parity table: for each model, cpu's trace first, then each other backend's, compared with
 * it. A backend lacking a kernel that cpu's steps used is named with the kernels (no step is run);
 * a backend that fails to start or throws gets its error. `activate` makes a backend active
 * (defaultProbes' prepare + activate in the worker). cpu stays active at the end.
 */
export async function parityTable(
  models: ReadonlyArray<{ id: string; graph: Graph }>,
  backends: readonly BackendName[],
  activate: (backend: BackendName) => Promise<void>,
  options: ParityOptions = {},
): Promise<ParityRow[]> {
  const rows: ParityRow[] = [];
  for (const { id, graph } of models) {
    await activate('cpu');
    const ref = await parityTrace(graph, { ...options, recordKernels: true });
    const real = ref.kernels.filter((k) => tf.getKernel(k, 'cpu') != null);
    rows.push({ model: id, backend: 'cpu', losses: ref.losses, lossRel: 0, gradRel: 0, gradAbs: 0 });
    for (const backend of backends.filter((b) => b !== 'cpu')) {
      const row: ParityRow = { model: id, backend };
      rows.push(row);
      try {
        await activate(backend);
      } catch (err) {
        row.error = `failed to start: ${errorText(err)}`;
        continue;
      }
      const missing = real.filter((k) => tf.getKernel(k, backend) == null);
      if (missing.length > 0) {
        row.error = `lacks kernels ${missing.join(', ')}`;
        continue;
      }
      const started = performance.now();
      try {
        const trace = await parityTrace(graph, { ...options, recordKernels: false });
        Object.assign(row, parityDiff(ref, trace), { losses: trace.losses });
      } catch (err) {
        row.error = `a step failed: ${errorText(err)}`;
      }
      row.ms = Math.round(performance.now() - started);
    }
  }
  await activate('cpu');
  return rows;
}
