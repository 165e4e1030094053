import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { compile } from '../compile';
import { findTestPython, type CommandRunner } from '../python/python-env';
import { extractWeights } from '../weights';
import { buildPytorchFiles } from './index';
import { tfjsPredict } from './parity-support';

/**
 * model.py's interface as train.py and predict.py use it, run by Debian's torch 1.13: paths from
 * the script's folder, INPUT_NAMES/OUTPUT_NAMES, save/load round trips, a wrapped (.module) model,
 * layer names that would shadow Python or nn.Module names; predict.py on a raw record.
 */

let run: CommandRunner;
let python: string;
let root: string;

beforeAll(async () => {
  ({ run, python } = await findTestPython((m) => console.log(m), ['torch', 'numpy']));
  root = mkdtempSync(join(tmpdir(), 'layerloom-pytorch-interface-'));
}, 900_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeProject(dir: string, files: Record<string, Uint8Array | string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

function python3(script: string, args: string[] = [], cwd = root): string {
  const file = join(root, `script-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, script);
  const r = run(python, [file, ...args], { cwd });
  if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Names chosen to collide: Python modules, nn.Module attributes, model.py's own names, odd characters. */
const awkwardGraph = () =>
  buildGraph([
    { type: 'Input', name: 'torch', params: { shape: [4] }, id: 'a' },
    { type: 'Input', name: 'in-2.x', params: { shape: [3] }, id: 'b' },
    { type: 'Dense', name: 'forward', params: { units: 3, activation: 'relu' }, from: ['a'], id: 'f' },
    { type: 'Dense', name: 'training', params: { units: 3 }, from: ['b'], id: 't' },
    { type: 'Concatenate', name: 'self', from: ['f', 't'], id: 'c' },
    { type: 'Dense', name: 'layers', params: { units: 2, activation: 'softmax' }, from: ['c'], id: 'out1' },
    { type: 'Dense', name: 'out.put-2', params: { units: 1 }, from: ['t'], id: 'out2' },
  ]);

describe('model.py interface', () => {
  it('loads from the script folder, names inputs and outputs, round-trips weights, unwraps .module', () => {
    const graph = awkwardGraph();
    const model = compile(graph);
    const weights = extractWeights(model, graph);
    const x = [tf.tensor([[0.5, -1, 2, 0.1]]), tf.tensor([[1, 0.2, -0.3]])];
    const expected = tfjsPredict(
      model,
      x.map((t) => ({ shape: t.shape, values: t.dataSync() as Float32Array })),
    );
    tf.dispose(x);
    model.dispose();
    const dir = join(root, 'awkward');
    const files = buildPytorchFiles(graph, weights, { modelName: 'awkward' });
    writeProject(dir, files);
    expect(files['model.py']).not.toMatch(/torch\.compile|torch\.func|torch\.export/);

    const out = python3(
      String.raw`
import json, os, sys
import numpy as np, torch
sys.path.insert(0, sys.argv[1])
import model as m
net = m.load_model()  # cwd is elsewhere: weights.npz must be found beside model.py
assert not net.training
a = torch.tensor([[0.5, -1, 2, 0.1]]); b = torch.tensor([[1, 0.2, -0.3]])
with torch.no_grad():
    y1, y2 = net(a, b)
    y_np = net(a.numpy(), b.numpy())
m.save_weights(net, "copy.npz")  # relative to model.py's folder
again = m.load_weights(m.build_model(), os.path.join(sys.argv[1], "copy.npz")).eval()
wrapped = torch.nn.DataParallel(again)
same = all(np.array_equal(p, q) and n == k for (n, p), (k, q) in zip(m.tfjs_weights(net), m.tfjs_weights(wrapped)))
try:
    net(a)
    arity = "accepted"
except TypeError as e:
    arity = str(e)
print(json.dumps({
    "outputs": [y1.tolist(), y2.tolist()], "numpy_ok": bool(torch.equal(y_np[0], y1)),
    "inputs": m.INPUT_NAMES, "outputs_names": m.OUTPUT_NAMES, "same": same,
    "copy": os.path.exists(os.path.join(sys.argv[1], "copy.npz")),
    "names": [n for n, _ in m.tfjs_weights(net)], "arity": arity,
}))
`,
      [dir],
      tmpdir(),
    );
    const r = JSON.parse(out) as {
      outputs: number[][][];
      numpy_ok: boolean;
      inputs: string[];
      outputs_names: string[];
      same: boolean;
      copy: boolean;
      names: string[];
      arity: string;
    };
    expect(r.inputs).toEqual(['torch', 'in-2.x']);
    expect(r.outputs_names).toEqual(['layers', 'out.put-2']);
    expect([...r.names].sort()).toEqual(
      ['forward', 'training', 'layers', 'out.put-2'].flatMap((n) => [`${n}/kernel`, `${n}/bias`]).sort(),
    );
    r.outputs.forEach((o, i) => {
      const want = expected[i]?.values as Float32Array;
      o.flat().forEach((v, j) => expect(Math.abs(v - (want[j] as number))).toBeLessThanOrEqual(1e-5));
    });
    expect(r.numpy_ok).toBe(true);
    expect(r.same).toBe(true);
    expect(r.copy).toBe(true);
    expect(r.arity).toMatch(/takes 2 input/);
  });

  it('predict.py prepares a raw record with metadata.json and names the class', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [2] } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    const model = compile(graph);
    const weights = extractWeights(model, graph);
    // (50 − 40) / 10 and (1 − 0) / (2 − 0): what preprocess.py must make of the record.
    const expected = tfjsPredict(model, [{ shape: [1, 2], values: Float32Array.from([1, 0.5]) }])[0]
      ?.values as Float32Array;
    model.dispose();
    const metadata = {
      transform: {
        kind: 'tabular',
        version: 1,
        width: 2,
        columns: ['a', 'b', 'label'],
        missingTokens: [''],
        featureNames: [],
        label: { name: 'label', source: 2, task: 'multiclass', classNames: ['low', 'mid', 'high'], key: 'text' },
        features: [
          {
            type: 'numeric',
            name: 'a',
            source: 0,
            offset: 0,
            width: 1,
            missing: 'mean',
            fill: 40,
            scale: { kind: 'standardize', mean: 40, std: 10 },
          },
          {
            type: 'numeric',
            name: 'b',
            source: 1,
            offset: 1,
            width: 1,
            missing: 'mean',
            fill: 0,
            scale: { kind: 'minmax', min: 0, max: 2 },
          },
        ],
      },
    };
    const dir = join(root, 'tabular');
    writeProject(dir, buildPytorchFiles(graph, weights, { modelName: 'tabular', metadata }));
    const r = run(python, [join(dir, 'predict.py'), '--record', '{"a": 50, "b": 1}'], { cwd: tmpdir() });
    if (r.status !== 0) throw new Error(r.stderr);
    const printed = /output: \[([^\]]*)\]/.exec(r.stdout)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
    expect(printed).toHaveLength(3);
    printed.forEach((v, i) => expect(Math.abs(v - (expected[i] as number))).toBeLessThanOrEqual(1e-4));
    const best = ['low', 'mid', 'high'][expected.indexOf(Math.max(...expected))];
    expect(r.stdout).toContain(`class: ${best}`);

    const bare = run(python, [join(dir, 'predict.py')], { cwd: tmpdir() });
    expect(bare.status).toBe(0);
    expect(bare.stdout).toMatch(/output: \[/);
  });
});
