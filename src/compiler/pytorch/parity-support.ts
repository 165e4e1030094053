/**
 * Test support (imported by tests, never by app code): runs exported PyTorch projects with
 * Debian's python3-torch and compares them with tfjs. Many models go through one Python process,
 * since importing torch takes about a second. Node modules are loaded at run time, so this file
 * type-checks with the core's no-Node settings.
 */
import * as tf from '@tensorflow/tfjs';
import { findTestPython } from '../python/python-env';
import { npzBytes, type NpyArray } from './npz';

export interface TensorData {
  readonly shape: readonly number[];
  readonly values: Float32Array | Int32Array;
}

export interface PytorchCase {
  /** What buildPytorchFiles returned. */
  readonly files: Readonly<Record<string, Uint8Array | string>>;
  readonly inputs: readonly TensorData[];
  /** Also run a fresh model in training mode and back-propagate (checks the training code paths). */
  readonly train?: boolean;
}

export interface PytorchRun {
  /** load_model()'s outputs on the inputs, float32 widened to numbers. */
  readonly outputs: TensorData[];
  /** tfjs_weights(load_model()). */
  readonly weights: { name: string; shape: number[]; values: Float32Array }[];
  /** With `train`: names of trainable parameters that got no gradient (should be none). */
  readonly noGradient?: string[];
  /** With `train`: the training-mode loss, to show it is finite. */
  readonly trainLoss?: number;
}

const HARNESS = String.raw`
import importlib.util, json, math, os, sys, traceback
import numpy as np
import torch

cases = json.load(open(sys.argv[1]))
results = []
for i, case in enumerate(cases):
    try:
        spec = importlib.util.spec_from_file_location(f"exported_model_{i}", os.path.join(case["dir"], "model.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model = module.load_model()
        assert not model.training, "load_model() must return the model in eval mode"
        with np.load(os.path.join(case["dir"], "inputs.npz")) as data:
            inputs = [torch.from_numpy(data[f"input_{k}"]) for k in range(case["count"])]
        with torch.no_grad():
            out = model(*inputs)
        outs = out if isinstance(out, tuple) else (out,)
        result = {"outputs": [{"shape": list(o.shape), "values": o.double().reshape(-1).tolist()} for o in outs]}
        entries, blobs = [], []
        for name, value in module.tfjs_weights(model):
            entries.append({"name": name, "shape": list(value.shape), "dtype": str(value.dtype)})
            blobs.append(np.ascontiguousarray(value, dtype="<f4").tobytes())
        with open(os.path.join(case["dir"], "tfjs_weights.bin"), "wb") as f:
            f.write(b"".join(blobs))
        result["weights"] = entries
        if case.get("train"):
            torch.manual_seed(0)
            fresh = module.build_model().train()
            out = fresh(*inputs)
            outs = out if isinstance(out, tuple) else (out,)
            loss = sum(o.float().pow(2).mean() for o in outs)
            loss.backward()
            result["trainLoss"] = float(loss)
            result["noGradient"] = [n for n, p in fresh.named_parameters() if p.requires_grad and p.grad is None]
        results.append(result)
    except Exception:
        results.append({"error": traceback.format_exc()})
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
`;

interface NodeFs {
  mkdtempSync(prefix: string): string;
  mkdirSync(path: string, options: { recursive: boolean }): void;
  writeFileSync(path: string, data: string | Uint8Array): void;
  readFileSync(path: string): Uint8Array;
  readFileSync(path: string, encoding: 'utf8'): string;
  rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
}

async function nodeModules(): Promise<{ fs: NodeFs; tmp: string; join: (...parts: string[]) => string }> {
  const load = (name: string) => import(/* @vite-ignore */ name);
  const fs = (await load('node:fs')) as NodeFs;
  const os = (await load('node:os')) as { tmpdir(): string };
  const path = (await load('node:path')) as { join(...parts: string[]): string };
  return { fs, tmp: os.tmpdir(), join: path.join };
}

const toNpy = (t: TensorData): NpyArray => ({ shape: t.shape, values: t.values });

/** Runs each case's load_model() on its inputs in one Python process; throws with Python's traceback. */
export async function pytorchPredictMany(
  cases: readonly PytorchCase[],
  log: (message: string) => void = () => undefined,
): Promise<PytorchRun[]> {
  const { python, run } = await findTestPython(log, ['torch', 'numpy']);
  const { fs, tmp, join } = await nodeModules();
  const root = fs.mkdtempSync(join(tmp, 'layerloom-pytorch-'));
  try {
    const list = cases.map((c, i) => {
      const dir = join(root, `case${i}`);
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, content] of Object.entries(c.files)) fs.writeFileSync(join(dir, name), content);
      fs.writeFileSync(join(dir, 'inputs.npz'), npzBytes(c.inputs.map((t, k) => [`input_${k}`, toNpy(t)] as const)));
      return { dir, count: c.inputs.length, train: c.train === true };
    });
    fs.writeFileSync(join(root, 'cases.json'), JSON.stringify(list));
    fs.writeFileSync(join(root, 'harness.py'), HARNESS);
    const r = run(python, [join(root, 'harness.py'), join(root, 'cases.json'), join(root, 'results.json')], {
      timeoutMs: 600_000,
    });
    if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
    const raw = JSON.parse(fs.readFileSync(join(root, 'results.json'), 'utf8')) as Record<string, unknown>[];
    return raw.map((result, i) => {
      if (typeof result.error === 'string') throw new Error(`PyTorch case ${i} failed:\n${result.error}`);
      const outputs = (result.outputs as { shape: number[]; values: number[] }[]).map((o) => ({
        shape: o.shape,
        values: Float32Array.from(o.values),
      }));
      const bytes = fs.readFileSync(join(list[i]?.dir as string, 'tfjs_weights.bin'));
      const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      let at = 0;
      const weights = (result.weights as { name: string; shape: number[] }[]).map((w) => {
        const n = w.shape.reduce((a, b) => a * b, 1);
        const values = all.slice(at, at + n);
        at += n;
        return { name: w.name, shape: w.shape, values };
      });
      return {
        outputs,
        weights,
        ...(Array.isArray(result.noGradient) ? { noGradient: result.noGradient as string[] } : {}),
        ...(typeof result.trainLoss === 'number' ? { trainLoss: result.trainLoss } : {}),
      };
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Writes an exported project to a temp folder and runs a Python script with Debian's torch; the
 * script gets the folder as sys.argv[1] (then `args`). Returns its stdout; throws with its stderr.
 */
export async function runWithProject(
  files: Readonly<Record<string, Uint8Array | string>>,
  script: string,
  args: readonly string[] = [],
): Promise<string> {
  const { python, run } = await findTestPython(undefined, ['torch', 'numpy']);
  const { fs, tmp, join } = await nodeModules();
  const root = fs.mkdtempSync(join(tmp, 'layerloom-pytorch-'));
  try {
    const dir = join(root, 'project');
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(join(dir, name), content);
    fs.writeFileSync(join(root, 'script.py'), script);
    const r = run(python, [join(root, 'script.py'), dir, ...args], { cwd: root, timeoutMs: 600_000 });
    if (r.status !== 0) throw new Error(`Python failed (${r.status}):\n${r.stderr}`);
    return r.stdout;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** One model's outputs from PyTorch (load_model() on `inputs`). */
export async function pytorchPredict(
  files: Readonly<Record<string, Uint8Array | string>>,
  inputs: readonly TensorData[],
): Promise<TensorData[]> {
  const [result] = await pytorchPredictMany([{ files, inputs }]);
  return (result as PytorchRun).outputs;
}

/**
 * Seeded random inputs for a compiled model: normal floats (standard deviation `scale`), or token ids below `maxId` for int32
 * inputs. Unknown sizes (free sequence lengths) become `freeLength`.
 */
export function randomInputs(
  model: tf.LayersModel,
  batch: number,
  seed: number,
  maxId = 10,
  freeLength = 5,
  scale = 1,
): TensorData[] {
  return model.inputs.map((input, i) => {
    const shape = [batch, ...input.shape.slice(1).map((d) => d ?? freeLength)];
    const t =
      input.dtype === 'int32'
        ? tf.randomUniform(shape, 0, maxId, 'int32', seed + i)
        : tf.randomNormal(shape, 0, scale, 'float32', seed + i);
    const values = t.dataSync() as Float32Array | Int32Array;
    t.dispose();
    return { shape, values: values instanceof Int32Array ? Int32Array.from(values) : Float32Array.from(values) };
  });
}

/** tfjs's prediction on the same inputs, as plain arrays (one per output). */
export function tfjsPredict(model: tf.LayersModel, inputs: readonly TensorData[]): TensorData[] {
  return tf.tidy(() => {
    const xs = inputs.map((t) =>
      tf.tensor(t.values, [...t.shape], t.values instanceof Int32Array ? 'int32' : 'float32'),
    );
    const out = model.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs);
    return (Array.isArray(out) ? out : [out as tf.Tensor]).map((o) => ({
      shape: o.shape,
      values: Float32Array.from(o.dataSync() as Float32Array),
    }));
  });
}

/** The largest |a − b| over every output; Infinity when the shapes differ. */
export function maxAbsDiff(a: readonly TensorData[], b: readonly TensorData[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  a.forEach((x, i) => {
    const y = b[i] as TensorData;
    if (x.shape.join() !== y.shape.join()) max = Infinity;
    else x.values.forEach((v, j) => (max = Math.max(max, Math.abs(v - (y.values[j] as number)))));
  });
  return max;
}
