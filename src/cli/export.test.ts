/**
 * `layerloom export --out DIR [--format …]`: the folder holds what the app's export ZIP holds, byte
 * for byte, onnx/ and pytorch/ included (both come from buildExportParts and withOtherFormats), plus
 * DIR/metadata.json; --format picks folders.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildExportParts, buildExportZip, readMetadata } from '../compiler/bundle';
import { withOtherFormats } from '../compiler/bundle/format-parts';
import { STANDALONE_SOURCES } from '../compiler/bundle/standalone/sources';
import { buildGraph } from '../model/build';
import { exportLayersModel } from '../model/keras-export';
import { compile } from '../compiler/compile';
import { exportOnnx } from '../compiler/onnx';
import { findTestPython } from '../compiler/python/python-env';
import { buildPytorchFiles } from '../compiler/pytorch';
import { extractWeights } from '../compiler/weights';
import { main } from './main';

const graph = buildGraph([
  { type: 'Input', params: { shape: [6, 4] } },
  { type: 'Bidirectional', name: 'bi', params: { layer: 'GRU', units: 3 } },
  { type: 'Dense', params: { units: 2, activation: 'softmax' } },
]);

let dir = '';
let modelFile = '';
let weights: ReturnType<typeof extractWeights>;

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/')).sort();
}

async function run(args: string[]) {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'layerloom-export-'));
  const model = compile(graph, 'two_way');
  weights = extractWeights(model, graph);
  model.dispose();
  const exported = exportLayersModel(graph, weights, { modelName: 'two_way' });
  modelFile = join(dir, 'model.json');
  await writeFile(modelFile, JSON.stringify(exported.modelJson));
  await writeFile(join(dir, 'weights.bin'), exported.shards[0]!.data);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('layerloom export', () => {
  it('writes the app’s export as a folder: every file of the app’s ZIP, byte for byte, and metadata.json', async () => {
    const out = join(dir, 'all');
    const { code } = await run(['export', modelFile, '--out', out]);
    expect(code).toBe(0);
    const tfMinJs = new Uint8Array(await readFile(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.es2017.min.js')));
    // The app's ZIP, built as src/worker/export-model.ts builds it.
    const input = { name: 'two_way', graph, weights };
    const app = withOtherFormats(buildExportParts(input, STANDALONE_SOURCES, tfMinJs), input);
    const zip = unzipSync(buildExportZip(app.parts));
    expect(await filesUnder(out)).toEqual(['metadata.json', ...Object.keys(zip)].sort());
    // onnx/ and pytorch/ are in both, as their exporters write them.
    expect(Object.keys(zip).filter((p) => /^(onnx|pytorch)\//.test(p))).toEqual([
      'onnx/model.onnx',
      ...Object.keys(buildPytorchFiles(graph, weights, { modelName: 'two_way' })).sort().map((f) => `pytorch/${f}`),
    ]);
    expect(Buffer.from(zip['onnx/model.onnx']!).equals(Buffer.from(exportOnnx(graph, weights, { modelName: 'two_way' })))).toBe(true);
    for (const [path, bytes] of Object.entries(zip)) {
      expect(Buffer.from(await readFile(join(out, path))).equals(Buffer.from(bytes)), path).toBe(true);
    }
    expect(await readFile(join(out, 'metadata.json'), 'utf8')).toBe(await readFile(join(out, 'tfjs', 'metadata.json'), 'utf8'));
    expect(readMetadata(await readFile(join(out, 'metadata.json'))).modelName).toBe('two_way');
    expect(Object.keys(zip).some((p) => p.startsWith('keras/') && p.endsWith('load_weights.py'))).toBe(true);
    // The weights load in stock tfjs from the folder.
    const modelJson = JSON.parse(await readFile(join(out, 'tfjs', 'model.json'), 'utf8'));
    const bin = await readFile(join(out, 'tfjs', 'weights.bin'));
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      }),
    );
    expect(loaded.weights.map((w) => w.originalName)).toContain('bi/forward_gru/kernel');
    loaded.dispose();
  });

  it('--format picks the folders', async () => {
    const out = join(dir, 'two');
    expect((await run(['export', modelFile, '--out', out, '--format', 'keras,tfjs'])).code).toBe(0);
    const files = await filesUnder(out);
    expect(files.filter((f) => !f.includes('/'))).toEqual(['README.md', 'metadata.json']);
    expect([...new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]))].sort()).toEqual(['keras', 'tfjs']);
  });

  it('--format onnx writes a model.onnx that the onnx checker accepts', async () => {
    const out = join(dir, 'onnx');
    expect((await run(['export', modelFile, '--out', out, '--format', 'onnx'])).code).toBe(0);
    expect(await filesUnder(out)).toEqual(['README.md', 'metadata.json', 'onnx/model.onnx']);
    const { python, run: py } = await findTestPython(undefined, ['onnx']);
    const r = py(python, ['-c', 'import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.graph.input[0].name)', join(out, 'onnx', 'model.onnx')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('input');
  });

  it('with all, leaves out a format that cannot express the model (with a warning); named, it is an error', async () => {
    const stateful = buildGraph([
      { type: 'Input', params: { shape: [5, 3], batch_size: 2 } },
      { type: 'LSTM', params: { units: 2, stateful: true } },
      { type: 'Dense', params: { units: 1 } },
    ]);
    const m = compile(stateful, 'stateful');
    const w = extractWeights(m, stateful);
    m.dispose();
    const exported = exportLayersModel(stateful, w, { modelName: 'stateful' });
    const file = join(dir, 'stateful', 'model.json');
    await mkdir(join(dir, 'stateful'), { recursive: true });
    await writeFile(file, JSON.stringify(exported.modelJson));
    await writeFile(join(dir, 'stateful', 'weights.bin'), exported.shards[0]!.data);
    await expect(run(['export', file, '--out', join(dir, 'stateful-onnx'), '--format', 'onnx'])).rejects.toThrow(/stateful/);
    const warnings: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (warnings.push(String(s)), true));
    try {
      expect((await run(['export', file, '--out', join(dir, 'stateful-all')])).code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(warnings.join('')).toMatch(/warning: onnx\/ was not written: .*stateful/);
    const files = await filesUnder(join(dir, 'stateful-all'));
    expect(files.some((f) => f.startsWith('onnx/'))).toBe(false);
    expect(files).toContain('tfjs/model.json');
  });

  it('refuses an unknown format by name', async () => {
    await expect(run(['export', modelFile, '--out', join(dir, 'x'), '--format', 'tflite'])).rejects.toThrow(/--format tflite is not a format/);
    await expect(readdir(join(dir, 'x'))).rejects.toThrow(/ENOENT/);
  });
});
