import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../model/analyze';
import { buildGraph } from '../../model/build';
import type { Graph } from '../../model/graph';
import { exportLayersModel } from '../../model/keras-export';
import { str } from '../../model/params';
import { templateGraph } from '../../model/templates';
import { compile } from '../compile';
import { extractWeights } from '../weights';
import { generateKerasProject } from './index';
import { findTestPython, type CommandRunner } from './python-env';

/**
 * The weights as Python sees them give the predictions tfjs gives: tfjs predicts on a few
 * rows; then Python reads the weights with the generated read_weights() (from the app's
 * model.json + weights.bin, and from the project's own manifest + weights.bin) and runs the
 * Dense layers in plain numpy. Keras is not needed, so this runs on any machine with numpy.
 */

/** A forward pass written here, not generated: the reference the generated reader must feed. */
const NUMPY_FORWARD = String.raw`
import json, sys
import numpy as np

case = json.load(open(sys.argv[1]))
sys.path.insert(0, case["project"])
from load_weights import read_weights

ACTIVATIONS = {
    "linear": lambda h: h,
    "relu": lambda h: np.maximum(h, 0),
    "sigmoid": lambda h: 1 / (1 + np.exp(-h)),
    "tanh": np.tanh,
    "softmax": lambda h: np.exp(h - h.max(axis=-1, keepdims=True)) / np.exp(h - h.max(axis=-1, keepdims=True)).sum(axis=-1, keepdims=True),
}

results = {}
for source, (manifest, weights_bin) in case["sources"].items():
    weights = read_weights(manifest, weights_bin)
    h = np.asarray(case["x"], dtype=np.float64)
    for name, activation in case["layers"]:
        arrays = weights[name]
        h = h @ arrays[0].astype(np.float64)
        if len(arrays) > 1:
            h = h + arrays[1].astype(np.float64)
        h = ACTIVATIONS[activation](h)
    results[source] = h.tolist()
print(json.dumps(results))
`;

const chainGraph = (): Graph =>
  buildGraph([
    { type: 'Input', params: { shape: [6] } },
    { type: 'Dense', params: { units: 7, activation: 'tanh' } },
    { type: 'Dense', params: { units: 5, activation: 'linear', use_bias: false } },
    { type: 'Dense', params: { units: 4, activation: 'relu' } },
    { type: 'Dense', params: { units: 3, activation: 'sigmoid' } },
    { type: 'Dense', params: { units: 3, activation: 'softmax' } },
  ]);

let run: CommandRunner;
let python: string;
let root: string;

beforeAll(async () => {
  ({ run, python } = await findTestPython((m) => console.log(m)));
  root = mkdtempSync(join(tmpdir(), 'layerloom-dense-parity-'));
}, 900_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Dense models: numpy on the exported weights predicts what tfjs predicts', () => {
  it.each([
    ['mlp-binary', () => templateGraph('mlp-binary'), 1],
    ['relu/tanh/sigmoid/softmax/linear chain', chainGraph, 2],
  ] as const)('%s', (id, makeGraph, seed) => {
    const graph = makeGraph();
    const model = compile(graph);
    const dir = join(root, `case${seed}`);
    mkdirSync(join(dir, 'project'), { recursive: true });
    try {
      const random = model.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.4, 0.4, 'float32', seed * 100 + i));
      model.setWeights(random);
      tf.dispose(random);
      const rows = 5;
      const width = model.inputs[0]?.shape[1] as number;
      const x = tf.randomNormal([rows, width], 0, 1.5, 'float32', seed);
      const predicted = tf.tidy(() => (model.predict(x) as tf.Tensor).arraySync() as number[][]);
      const xRows = x.arraySync() as number[][];
      x.dispose();
      const weights = extractWeights(model, graph);

      // What the app writes for TensorFlow.js, and what the Keras project writes.
      const exported = exportLayersModel(graph, weights, { modelName: id });
      writeFileSync(join(dir, 'model.json'), JSON.stringify(exported.modelJson));
      writeFileSync(join(dir, 'tfjs-weights.bin'), new Uint8Array(exported.weightData));
      const project = generateKerasProject(graph, { modelName: id, weights });
      for (const [file, text] of Object.entries(project.files)) writeFileSync(join(dir, 'project', file), text);
      writeFileSync(join(dir, 'project', 'weights.bin'), new Uint8Array(project.weightsBin as ArrayBuffer));

      const byId = new Map(graph.nodes.map((n) => [n.id, n]));
      const dense = analyzeGraph(graph)
        .order.map((nodeId) => byId.get(nodeId))
        .filter((n) => n?.type === 'Dense')
        .map((n) => [n?.name, str(n?.params ?? {}, 'activation', 'linear')]);
      const caseFile = join(dir, 'case.json');
      writeFileSync(
        caseFile,
        JSON.stringify({
          project: join(dir, 'project'),
          x: xRows,
          layers: dense,
          sources: {
            app: [join(dir, 'model.json'), join(dir, 'tfjs-weights.bin')],
            project: [join(dir, 'project', 'weights_manifest.json'), join(dir, 'project', 'weights.bin')],
          },
        }),
      );
      const script = join(dir, 'forward.py');
      writeFileSync(script, NUMPY_FORWARD);
      const r = run(python, [script, caseFile]);
      if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
      const fromPython = JSON.parse(r.stdout) as Record<'app' | 'project', number[][]>;

      expect(predicted).toHaveLength(rows);
      for (const source of ['app', 'project'] as const) {
        const got = fromPython[source];
        expect(got.map((row) => row.length)).toEqual(predicted.map((row) => row.length));
        const maxDiff = Math.max(
          ...predicted.flatMap((row, i) => row.map((v, j) => Math.abs(v - (got[i]?.[j] ?? NaN)))),
        );
        expect(maxDiff).toBeLessThan(1e-4);
      }
      // Each row predicts something different (not all saturated at 0 or 1), so the comparison means something.
      expect(new Set(predicted.map((row) => row.map((v) => v.toFixed(6)).join())).size).toBe(rows);
    } finally {
      model.dispose();
    }
  });
});
