/**
 * Issue 15: the app's export ZIP carries onnx/model.onnx (run here by onnxruntime-node on the array
 * the app feeds tfjs) and pytorch/ (with train.py for a table). A format that cannot express the
 * model is left out with a warning, never failing the export; the read-back check covers the ONNX
 * and npz files, which hold the weights too.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strToU8, unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../data/csv/parse';
import { imageTransform } from '../../data/images/transform';
import { prepareTabular } from '../../data/tabular';
import type { PreparedDataset } from '../../data/types';
import { buildGraph } from '../../model/build';
import type { Graph } from '../../model/graph';
import { compileSeeded } from '../../training';
import { findTestPython } from '../python/python-env';
import { maxAbsDiff, onnxPredict, tfjsPredict } from '../onnx/parity-support';
import { extractWeights } from '../weights';
import { buildExportParts } from './export-parts';
import { withOtherFormats } from './format-parts';
import { readMetadata } from './metadata';
import { STANDALONE_SOURCES } from './standalone/sources';
import type { TfjsBundleInput } from './tfjs-bundle';
import { buildCheckedExportZip, checkExportZip, ExportCheckError, otherFormatFiles, weightDigests } from './verify-zip';
import type { ExportZipParts } from './zip';

let tfMinJs: Uint8Array;
let table: PreparedDataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  tfMinJs = new Uint8Array(await readFile(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.es2017.min.js')));
  const lines = ['size,colour,kind'];
  for (let i = 0; i < 40; i++) lines.push(`${(i * 7) % 11},${['red', 'green', 'blue'][i % 3]},${['a', 'b', 'c'][i % 3]}`);
  table = prepareTabular(await parseCsv(lines.join('\n')), { label: 'kind', name: 'Small <table>' }).dataset;
});

/** Seeded weights for `graph`, and the app's export input. */
function inputFor(graph: Graph, dataset: TfjsBundleInput['dataset'] = null): { input: TfjsBundleInput; model: tf.LayersModel } {
  const model = compileSeeded(graph, 3);
  return { model, input: { name: 'fmt "model"', graph, weights: extractWeights(model, graph), dataset } };
}

/** The app's export, as src/worker/export-model.ts builds it. */
function appExport(input: TfjsBundleInput) {
  return withOtherFormats(buildExportParts(input, STANDALONE_SOURCES, tfMinJs), input);
}

function entriesOf(zip: Uint8Array): Map<string, UnzipFileInfo> {
  const infos = new Map<string, UnzipFileInfo>();
  unzipSync(zip, { filter: (f) => (infos.set(f.name, f), false) });
  return infos;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('the export ZIP with ONNX and PyTorch', () => {
  it('holds onnx/model.onnx, which onnxruntime runs to the tfjs model’s answer, and pytorch/ with train.py for a table', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [...table.inputShape] } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    const { input, model } = inputFor(graph, table);
    const exported = appExport(input);
    expect(exported.warnings).toEqual([]);
    const zip = await buildCheckedExportZip(exported.parts);
    const files = unzipSync(zip);
    const paths = Object.keys(files);
    expect(paths.filter((p) => /^(onnx|pytorch)\//.test(p))).toEqual([
      'onnx/model.onnx',
      'pytorch/README.md',
      'pytorch/metadata.json',
      'pytorch/model.py',
      'pytorch/predict.py',
      'pytorch/preprocess.py',
      'pytorch/train.py',
      'pytorch/train_lib.py',
      'pytorch/train_spec.json',
      'pytorch/weights.npz',
    ]);
    // Stored like the tfjs weights, stamped like every entry.
    const infos = entriesOf(zip);
    expect(infos.get('onnx/model.onnx')!.compression).toBe(0);
    expect(infos.get('pytorch/weights.npz')!.compression).toBe(0);
    expect(JSON.parse(text(files['pytorch/train_spec.json'])).plan.task).toBe('multiclass');
    expect(JSON.parse(text(files['pytorch/metadata.json'])).classNames).toEqual(table.classNames);

    // The ONNX model takes the array tfjs takes, under the input name the README gives.
    const metadata = readMetadata(files['tfjs/metadata.json']!);
    const name = metadata.inputs[0]!.name;
    const data = Float32Array.from({ length: 2 * table.inputShape[0]! }, (_, i) => ((i * 37) % 11) / 5 - 1);
    const feeds = { [name]: { data, shape: [2, table.inputShape[0]!] } };
    const onnx = await onnxPredict(files['onnx/model.onnx']!, feeds);
    expect(maxAbsDiff(onnx, tfjsPredict(model, graph, feeds))).toBeLessThan(1e-5);
    model.dispose();

    const readme = text(files['README.md']);
    expect(readme).toContain('- `onnx/model.onnx`');
    expect(readme).toContain('and `train.py` to train it again on a bigger machine');
    expect(readme).toContain('### ONNX');
    expect(readme).toContain('onnxruntime.InferenceSession("onnx/model.onnx")');
    expect(readme).toContain(`session.run(None, {${JSON.stringify(name)}: x})`);
    expect(readme).toContain('### PyTorch');
    expect(readme).toContain('from model import load_model');
    expect(readme).toContain('`pytorch/train.py` trains this model again on a bigger machine');
  });

  it('leaves out onnx/ with a warning when ONNX cannot express the model, and still exports the rest', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [5, 3], batch_size: 2 } },
      { type: 'LSTM', name: 'memory', params: { units: 2, stateful: true } },
      { type: 'Dense', params: { units: 1 } },
    ]);
    const { input, model } = inputFor(graph);
    model.dispose();
    const exported = appExport(input);
    expect(exported.warnings.some((w) => /^onnx\/ was not written: .*memory.*stateful/.test(w))).toBe(true);
    const files = unzipSync(await buildCheckedExportZip(exported.parts));
    expect(Object.keys(files).some((p) => p.startsWith('onnx/'))).toBe(false);
    expect(files['tfjs/model.json']).toBeDefined();
    expect(text(files['README.md'])).not.toMatch(/onnx\/model\.onnx|### ONNX/);
  });

  it('writes pytorch/ without train.py for an image dataset, with a warning', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [4, 5, 3] } },
      { type: 'Flatten', params: {} },
      { type: 'Dense', params: { units: 2, activation: 'softmax' } },
    ]);
    const images = {
      name: 'pics',
      kind: 'image' as const,
      task: 'multiclass' as const,
      inputShape: [4, 5, 3],
      classNames: ['cat', 'dog'],
      transform: imageTransform({ width: 5, height: 4, channels: 3 }, 'stretch'),
    };
    const { input, model } = inputFor(graph, images);
    model.dispose();
    const exported = appExport(input);
    expect(exported.warnings).toEqual([expect.stringMatching(/^pytorch\/train\.py was not written: train\.py trains on tables/)]);
    const files = unzipSync(await buildCheckedExportZip(exported.parts));
    expect(files['pytorch/model.py']).toBeDefined();
    expect(files['pytorch/weights.npz']).toBeDefined();
    expect(files['onnx/model.onnx']).toBeDefined();
    expect(Object.keys(files).filter((p) => /^pytorch\/train/.test(p))).toEqual([]);
    const readme = text(files['README.md']);
    expect(readme).toContain('### PyTorch');
    expect(readme).not.toContain('train.py');
  });
});

describe('the README’s PyTorch snippet', () => {
  it('runs from the root of the unzipped export (Debian’s torch) and prints what tfjs predicts', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [3] } },
      { type: 'Dense', params: { units: 2, activation: 'tanh' } },
    ]);
    const { input, model } = inputFor(graph);
    const files = unzipSync(await buildCheckedExportZip(appExport(input).parts));
    const dir = await mkdtemp(join(tmpdir(), 'layerloom-fmt-'));
    try {
      for (const [path, bytes] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), bytes);
      }
      const readme = text(files['README.md']);
      const snippet = /### PyTorch[\s\S]*?```python\n([\s\S]*?)```/.exec(readme)![1]!;
      await writeFile(join(dir, 'snippet.py'), snippet);
      const { python, run } = await findTestPython(undefined, ['numpy', 'torch']);
      const x = [0.5, -1, 2];
      const code = `import numpy as np\nx = np.array([${x.join(', ')}], dtype=np.float32)[None]\nexec(open("snippet.py").read())`;
      const r = run(python, ['-c', code], { cwd: dir, timeoutMs: 120_000 });
      expect(r.stderr).not.toMatch(/Traceback/);
      const printed = r.stdout.match(/-?\d+\.\d+(e-?\d+)?/g)!.map(Number);
      const expected = (model.predict(tf.tensor2d([x])) as tf.Tensor).dataSync();
      expect(printed).toHaveLength(2);
      printed.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 3));
    } finally {
      model.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the read-back check of onnx/ and pytorch/', () => {
  let parts: ExportZipParts;
  let zip: Uint8Array;

  beforeAll(async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [3] } },
      { type: 'Dense', params: { units: 2 } },
    ]);
    const { input, model } = inputFor(graph);
    model.dispose();
    parts = appExport(input).parts;
    zip = await buildCheckedExportZip(parts);
  });

  /** The ZIP again with `path` replaced (or removed, for null). */
  function rezipped(path: string, bytes: Uint8Array | null): Uint8Array {
    const files: Zippable = {};
    for (const [p, b] of Object.entries(unzipSync(zip))) if (p !== path) files[p] = b;
    if (bytes) files[path] = bytes;
    return zipSync(files);
  }

  it('refuses a damaged, truncated or missing ONNX or npz file', async () => {
    const digests = await weightDigests(parts.tfjs.weights);
    const others = await weightDigests(otherFormatFiles(parts).map(([path, data]) => ({ path, data })));
    expect(others.map((d) => d.path)).toEqual(['onnx/model.onnx', 'pytorch/weights.npz']);
    await expect(checkExportZip(zip, digests, others)).resolves.toBeUndefined();

    const onnx = Uint8Array.from(parts.onnx!);
    onnx[onnx.length - 1] = onnx[onnx.length - 1]! ^ 1;
    await expect(checkExportZip(rezipped('onnx/model.onnx', onnx), digests, others)).rejects.toThrow(
      /onnx\/model\.onnx has a different SHA-256/,
    );
    const npz = parts.pytorch!['weights.npz'] as Uint8Array;
    await expect(checkExportZip(rezipped('pytorch/weights.npz', npz.subarray(1)), digests, others)).rejects.toThrow(
      new RegExp(`pytorch/weights\\.npz is ${npz.length - 1} bytes, not ${npz.length}`),
    );
    await expect(checkExportZip(rezipped('onnx/model.onnx', null), digests, others)).rejects.toThrow(ExportCheckError);
    await expect(checkExportZip(rezipped('onnx/model.onnx', null), digests, others)).rejects.toThrow(/onnx\/model\.onnx is missing/);
    // A README change is not a weights change.
    await expect(checkExportZip(rezipped('README.md', strToU8('# other\n')), digests, others)).resolves.toBeUndefined();
  });
});
