/**
 * Test support: a graph → tfjs (compiled here, random weights) and the PyTorch export of it,
 * run on the same random inputs; reports the largest difference and whether tfjs_weights()
 * gives back the app's weights manifest exactly.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../model/graph';
import { exportLayersModel } from '../../model/keras-export';
import { compile } from '../compile';
import type { LayerWeights } from '../../model/weights';
import { applyWeights, extractWeights } from '../weights';
import { buildPytorchFiles } from './index';
import {
  maxAbsDiff,
  pytorchPredictMany,
  randomInputs,
  tfjsPredict,
  type PytorchRun,
  type TensorData,
} from './parity-support';

export interface ParityCase {
  readonly name: string;
  readonly graph: Graph;
  /** Rows per input (default 3). */
  readonly batch?: number;
  /** Token ids of int32 inputs are drawn below this (default 10). */
  readonly maxId?: number;
  /** Standard deviation of the random float inputs (default 1). */
  readonly inputScale?: number;
  /** Also run a fresh model in training mode and back-propagate. */
  readonly train?: boolean;
  /**
   * Keep tfjs's initial weights (Keras initializers, zero biases) instead of wide random ones:
   * deep models stay out of saturation, so a softmax does not hide differences.
   */
  readonly initialWeights?: boolean;
  /** These weights instead (e.g. seeded initial ones, so a run is repeatable). */
  readonly weights?: LayerWeights;
  /**
   * A graph tfjs predicts with instead, given the same weights (same layer names): the same
   * function written so that tfjs 4.22 computes it right, where its CPU kernel does not.
   */
  readonly reference?: Graph;
}

export interface ParityResult {
  readonly name: string;
  /** Largest |tfjs − torch| over all outputs. */
  readonly maxDiff: number;
  /** Largest |output| of tfjs, to show the comparison is not between zeros. */
  readonly maxAbs: number;
  /** Null when tfjs_weights() equals the exported manifest (names, shapes, float32 bits); else what differs. */
  readonly weightsProblem: string | null;
  readonly run: PytorchRun;
}

/** Random weights in a range that keeps activations lively; variances and scales stay positive. */
function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const values = model.weights.map((w, i) => {
    const positive = /moving_variance|gamma/.test(w.originalName);
    return tf.randomUniform(
      w.shape as number[],
      positive ? 0.5 : -0.5,
      positive ? 1.5 : 0.5,
      'float32',
      seed * 1000 + i,
    );
  });
  model.setWeights(values);
  tf.dispose(values);
}

function compareWeights(run: PytorchRun, expected: ReturnType<typeof exportLayersModel>): string | null {
  const manifest = expected.modelJson.weightsManifest[0]?.weights ?? [];
  const data = new Float32Array(expected.weightData);
  if (run.weights.length !== manifest.length) return `${run.weights.length} weights, expected ${manifest.length}`;
  let at = 0;
  for (let i = 0; i < manifest.length; i++) {
    const want = manifest[i] as { name: string; shape: readonly number[] };
    const got = run.weights[i] as PytorchRun['weights'][number];
    if (got.name !== want.name) return `weight ${i} is ${got.name}, expected ${want.name}`;
    if (got.shape.join() !== want.shape.join()) return `${got.name} has shape [${got.shape}], expected [${want.shape}]`;
    const slice = data.subarray(at, at + got.values.length);
    at += got.values.length;
    const bad = got.values.findIndex((v, j) => !Object.is(v, slice[j]));
    if (bad >= 0) return `${got.name}[${bad}] is ${got.values[bad]}, expected ${slice[bad]}`;
  }
  return null;
}

function referencePredict(graph: Graph, weights: LayerWeights, inputs: readonly TensorData[]): TensorData[] {
  const model = compile(graph);
  try {
    applyWeights(model, weights);
    return tfjsPredict(model, inputs);
  } finally {
    model.dispose();
  }
}

/** Runs every case through tfjs and, in one Python process, through its PyTorch export. */
export async function checkParity(cases: readonly ParityCase[], seed = 1): Promise<ParityResult[]> {
  const prepared = cases.map((c, k) => {
    const model = compile(c.graph, c.name);
    try {
      if (c.weights) applyWeights(model, c.weights);
      else if (!c.initialWeights) randomizeWeights(model, seed + k);
      const weights = extractWeights(model, c.graph);
      const inputs = randomInputs(model, c.batch ?? 3, seed + k, c.maxId ?? 10, 5, c.inputScale ?? 1);
      return {
        files: buildPytorchFiles(c.graph, weights, { modelName: c.name }),
        inputs,
        expected: c.reference ? referencePredict(c.reference, weights, inputs) : tfjsPredict(model, inputs),
        manifest: exportLayersModel(c.graph, weights, { modelName: c.name }),
        train: c.train === true,
      };
    } finally {
      model.dispose();
    }
  });
  const runs = await pytorchPredictMany(prepared);
  return prepared.map((p, i) => {
    const run = runs[i] as PytorchRun;
    let maxAbs = 0;
    for (const t of p.expected) for (const v of t.values) maxAbs = Math.max(maxAbs, Math.abs(v));
    return {
      name: (cases[i] as ParityCase).name,
      maxDiff: maxAbsDiff(p.expected, run.outputs),
      maxAbs,
      weightsProblem: compareWeights(run, p.manifest),
      run,
    };
  });
}
