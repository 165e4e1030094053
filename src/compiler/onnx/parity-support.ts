import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { analyzeGraph } from '../../model/analyze';
import type { Graph } from '../../model/graph';
import { num, str } from '../../model/params';
import type { LayerWeights } from '../../model/weights';
import { compile } from '../compile';
import { findTestPython } from '../python/python-env';
import { applyWeights, extractWeights } from '../weights';
import { exportOnnx } from './export';

/**
 * Test-only (never imported by app code): runs an exported ONNX model in onnxruntime-node and the
 * same graph in tfjs on the same inputs, and checks files with Debian's onnx checker. Meant to be
 * reused by every parity test (layer families here, templates and fixture models elsewhere).
 */

export interface FeedTensor {
  readonly data: Float32Array | Int32Array;
  /** With the batch first, channels last: the same array feeds tfjs and ONNX. */
  readonly shape: readonly number[];
}

export type Feeds = Record<string, FeedTensor>;

export interface OutputTensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** A small seeded generator (mulberry32), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random inputs for every Input layer, keyed by its name: floats in [-1, 1); token ids below the
 * smallest vocabulary of the Embeddings it feeds; free sizes (-1) become `freeSize`; `batch` rows
 * unless the Input fixes its batch size.
 */
export function randomFeeds(graph: Graph, options: { batch?: number; seed?: number; freeSize?: number } = {}): Feeds {
  const { batch = 3, seed = 1, freeSize = 5 } = options;
  const random = seededRandom(seed);
  const feeds: Feeds = {};
  for (const node of graph.nodes.filter((n) => n.type === 'Input')) {
    // An Input with a fixed batch size (stateful models) takes exactly that many rows.
    const rows = typeof node.params.batch_size === 'number' ? node.params.batch_size : batch;
    const shape = [rows, ...((node.params.shape as readonly number[]) ?? []).map((d) => (d === -1 ? freeSize : d))];
    const size = shape.reduce((a, b) => a * b, 1);
    if (str(node.params, 'dtype', 'float32') === 'int32') {
      const vocabularies = graph.edges
        .filter((e) => e.source === node.id)
        .map((e) => graph.nodes.find((n) => n.id === e.target))
        .filter((n) => n?.type === 'Embedding')
        .map((n) => num(n!.params, 'input_dim', 10));
      const top = Math.min(10, ...vocabularies);
      feeds[node.name] = { data: Int32Array.from({ length: size }, () => Math.floor(random() * top)), shape };
    } else {
      feeds[node.name] = { data: Float32Array.from({ length: size }, () => random() * 2 - 1), shape };
    }
  }
  return feeds;
}

/**
 * Seeded random weights, so biases, moving statistics and gate blocks that initialise to zeros or
 * ones are checked too. 'replace' draws every value from [-0.5, 0.5) (variances from [0.5, 1.5));
 * 'perturb' adds ±0.05 to the initial values, keeping a deep model's activations at the scale its
 * initializers give (where 'replace' would saturate a softmax and hide any difference).
 */
export function randomizeWeights(
  weights: LayerWeights,
  seed = 7,
  mode: 'replace' | 'perturb' = 'replace',
): LayerWeights {
  const random = seededRandom(seed);
  const out: LayerWeights = {};
  for (const [layer, list] of Object.entries(weights)) {
    out[layer] = list.map((w) => ({
      ...w,
      values: Float32Array.from(w.values, (v) => {
        if (mode === 'perturb') return v + (random() - 0.5) * 0.1;
        return w.name.endsWith('moving_variance') ? 0.5 + random() : random() - 0.5;
      }),
    }));
  }
  return out;
}

/** Runs the ONNX model in onnxruntime-node (CPU); outputs keyed by name. */
export async function onnxPredict(bytes: Uint8Array, feeds: Feeds): Promise<Record<string, OutputTensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      inputs[name] = new ort.Tensor(t.data instanceof Int32Array ? 'int32' : 'float32', t.data, [...t.shape]);
    }
    const results = await session.run(inputs);
    const out: Record<string, OutputTensor> = {};
    for (const name of session.outputNames) {
      const r = results[name]!;
      out[name] = { data: Float32Array.from(r.data as Float32Array), shape: r.dims.map(Number) };
    }
    return out;
  } finally {
    await session.release();
  }
}

/** tfjs's prediction for the same feeds, keyed by output layer name (in the model's output order). */
export function tfjsPredict(model: tf.LayersModel, graph: Graph, feeds: Feeds): Record<string, OutputTensor> {
  const analysis = analyzeGraph(graph);
  const names = (ids: readonly string[]) => ids.map((id) => graph.nodes.find((n) => n.id === id)!.name);
  const xs = names(analysis.inputs).map((name) => {
    const f = feeds[name]!;
    return tf.tensor(f.data, [...f.shape], f.data instanceof Int32Array ? 'int32' : 'float32');
  });
  const ys = model.predict(xs.length === 1 ? xs[0]! : xs);
  const list = Array.isArray(ys) ? ys : [ys];
  const out: Record<string, OutputTensor> = {};
  names(analysis.outputs).forEach((name, i) => {
    out[name] = { data: Float32Array.from(list[i]!.dataSync()), shape: list[i]!.shape };
  });
  tf.dispose([...xs, ...list]);
  return out;
}

/** Largest |a − b| over every output; Infinity when names or shapes differ. */
export function maxAbsDiff(a: Record<string, OutputTensor>, b: Record<string, OutputTensor>): number {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return Infinity;
  let worst = 0;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (!x || !y || x.shape.join() !== y.shape.join()) return Infinity;
    for (let i = 0; i < x.data.length; i++) {
      const d = Math.abs(x.data[i]! - y.data[i]!);
      if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    }
  }
  return worst;
}

export interface ParityResult {
  readonly maxAbsDiff: number;
  /** Largest |value| tfjs predicts: a tiny one would make any difference look small. */
  readonly scale: number;
  readonly bytes: Uint8Array;
  readonly tfjs: Record<string, OutputTensor>;
  readonly onnx: Record<string, OutputTensor>;
}

/**
 * Compiles the graph in tfjs, gives it seeded random weights, exports it to ONNX and predicts
 * with both on the same random inputs. Weights may be given instead (a trained model's).
 */
export async function onnxParity(
  graph: Graph,
  options: { weights?: LayerWeights; seed?: number; batch?: number; randomize?: 'replace' | 'perturb' } = {},
): Promise<ParityResult> {
  const model = compile(graph);
  try {
    const weights = options.weights ?? randomizeWeights(extractWeights(model, graph), options.seed, options.randomize);
    applyWeights(model, weights);
    const feeds = randomFeeds(graph, { seed: options.seed ?? 1, batch: options.batch ?? 3 });
    const bytes = exportOnnx(graph, weights);
    const expected = tfjsPredict(model, graph, feeds);
    const actual = await onnxPredict(bytes, feeds);
    const scale = Math.max(0, ...Object.values(expected).flatMap((t) => Array.from(t.data, Math.abs)));
    return { maxAbsDiff: maxAbsDiff(expected, actual), scale, bytes, tfjs: expected, onnx: actual };
  } finally {
    model.dispose();
  }
}

interface FsModule {
  mkdtempSync(prefix: string): string;
  writeFileSync(path: string, data: Uint8Array | string): void;
  rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
}

const CHECKER = String.raw`
import json, sys, onnx
results = {}
for name, path in json.load(open(sys.argv[1])).items():
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
        results[name] = None
    except Exception as e:
        results[name] = f"{type(e).__name__}: {e}"
print(json.dumps(results))
`;

/**
 * `onnx.checker.check_model(model, full_check=True)` on each model in one Python process (Debian's
 * python3-onnx, found by findTestPython). Returns each model's error, or null when it passes.
 */
export async function checkOnnxModels(
  models: Record<string, Uint8Array>,
  log?: (m: string) => void,
): Promise<Record<string, string | null>> {
  const { python, run } = await findTestPython(log, ['onnx']);
  const fsName = 'node:fs';
  const fs = (await import(/* @vite-ignore */ fsName)) as FsModule;
  const tmp = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.TMPDIR ?? '/tmp';
  const dir = fs.mkdtempSync(`${tmp}/layerloom-onnx-`);
  try {
    const paths: Record<string, string> = {};
    Object.entries(models).forEach(([name, bytes], i) => {
      paths[name] = `${dir}/model${i}.onnx`;
      fs.writeFileSync(paths[name], bytes);
    });
    fs.writeFileSync(`${dir}/models.json`, JSON.stringify(paths));
    fs.writeFileSync(`${dir}/check.py`, CHECKER);
    const r = run(python, [`${dir}/check.py`, `${dir}/models.json`], { timeoutMs: 120_000 });
    if (r.status !== 0) throw new Error(`The onnx checker did not run (${python}): ${r.stderr.slice(-2000)}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, string | null>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
