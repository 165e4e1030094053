/**
 * Acceptance: a model trained in Layerloom and exported with buildTfjsFiles loads in a stock
 * TensorFlow.js, in a separate Node process that imports nothing of ours, and predicts what the app
 * predicts. Also runs the Node snippet from the export ZIP as a user would.
 */
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCsvText, loadImageBuiltin, type ReadBuiltinFile } from '../../data/builtins';
import { parseCsv } from '../../data/csv/parse';
import { applyTransform } from '../../data/preprocess-apply';
import { prepareTabular } from '../../data/tabular';
import type { TabularTransform } from '../../data/preprocess';
import type { PreparedDataset } from '../../data/types';
import { buildGraph, type LayerDraft } from '../../model/build';
import { exportLayersModel } from '../../model/keras-export';
import type { Graph } from '../../model/graph';
import type { LayerWeights } from '../../model/weights';
import { compileSeeded, evaluate, train } from '../../training';
import { extractWeights } from '../weights';
import { exampleRow } from './example-row';
import { readMetadata } from './metadata';
import { STANDALONE_SOURCES } from './standalone/sources';
import { readPrediction } from './standalone/preprocess.js';
import { buildTfjsFiles, tfjsFileEntries, type TfjsFiles } from './tfjs-bundle';
import { buildExportZip } from './zip';

const exec = promisify(execFile);
const DATASETS = join(__dirname, '..', '..', '..', 'public', 'datasets');
const readPublic: ReadBuiltinFile = async (name) => new Uint8Array(await readFile(join(DATASETS, name)));
/** The stock package, by absolute URL: the scripts run from a temp folder with no node_modules. */
const TFJS_URL = pathToFileURL(createRequire(import.meta.url).resolve('@tensorflow/tfjs')).href;

/**
 * Only @tensorflow/tfjs: reads model.json and the weight files it names through tfjs's own http
 * loader (which fetches every shard in the manifest), + inputs.bin; writes predictions.bin.
 */
const STOCK_PREDICT = `
const [tfjsUrl, dir, shape] = process.argv.slice(2);
const tf = await import(tfjsUrl);
const { readFile, writeFile } = await import('node:fs/promises');
const bytes = async (name) => { const b = await readFile(dir + '/' + name); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); };
const fetchFunc = async (url) => new Response(await readFile(dir + '/' + String(url).split('/').pop()));
const model = await tf.loadLayersModel(tf.io.http('http://export.test/model.json', { fetchFunc }));
const x = tf.tensor(new Float32Array(await bytes('inputs.bin')), JSON.parse(shape));
const y = model.predict(x);
await writeFile(dir + '/predictions.bin', new Uint8Array((await y.data()).buffer));
`;

interface Trained {
  readonly name: string;
  readonly graph: Graph;
  readonly weights: LayerWeights;
  readonly dataset: PreparedDataset;
  readonly model: tf.LayersModel;
}

async function trainOn(
  name: string,
  dataset: PreparedDataset,
  drafts: LayerDraft[],
  epochs: number,
  batchSize = 32,
): Promise<Trained> {
  const graph = buildGraph(drafts);
  const model = compileSeeded(graph, 7, name);
  const result = await train(model, dataset, {
    epochs,
    seed: 7,
    batchSize,
    optimizer: { name: 'adam', learningRate: 0.01 },
  });
  expect(result.status, result.issue?.message).toBe('completed');
  return { name, graph, weights: extractWeights(model, graph), dataset, model };
}

async function iris(): Promise<Trained> {
  const csv = await builtinCsvText('iris', readPublic);
  const { dataset } = prepareTabular(await parseCsv(csv.text), { label: csv.labelColumn, name: 'Iris', seed: 42 });
  return trainOn(
    'iris "mlp"',
    dataset,
    [
      { type: 'Input', params: { shape: [...dataset.inputShape] } },
      { type: 'Dense', params: { units: 16, activation: 'relu' } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ],
    3,
  );
}

async function digits(): Promise<Trained> {
  const dataset = await loadImageBuiltin('digits', readPublic);
  return trainOn(
    'digits cnn',
    dataset,
    [
      { type: 'Input', params: { shape: [8, 8, 1] } },
      { type: 'Conv2D', params: { filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'relu' } },
      { type: 'BatchNormalization' },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dropout', params: { rate: 0.2 } },
      { type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
    1,
    64,
  );
}

async function writeFiles(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};

let work = '';
const trained: Record<string, Trained> = {};

beforeAll(async () => {
  await tf.setBackend('cpu');
  work = await mkdtemp(join(tmpdir(), 'layerloom-bundle-'));
  const [a, b] = await Promise.all([iris(), digits()]);
  trained.iris = a;
  trained.digits = b;
}, 60_000);

afterAll(async () => {
  for (const t of Object.values(trained)) t.model.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('stock tf.loadLayersModel in a separate Node process', () => {
  it.each(['iris', 'digits'])(
    '%s: predicts the test split as the app does (max |diff| < 1e-5)',
    async (key) => {
      const t = trained[key]!;
      const files: TfjsFiles = buildTfjsFiles({ name: t.name, graph: t.graph, weights: t.weights, dataset: t.dataset });
      const modelJson = JSON.parse(new TextDecoder().decode(files['model.json'])) as {
        weightsManifest: { paths: string[] }[];
      };
      expect(modelJson.weightsManifest.map((g) => g.paths)).toEqual([['weights.bin']]);

      const dir = join(work, key);
      const test = t.dataset.test;
      await writeFiles(dir, {
        ...Object.fromEntries(tfjsFileEntries(files)),
        'inputs.bin': new Uint8Array(test.x.buffer, test.x.byteOffset, test.x.byteLength),
      });
      await writeFile(join(dir, 'predict.mjs'), STOCK_PREDICT);
      await exec(
        process.execPath,
        [join(dir, 'predict.mjs'), TFJS_URL, dir, JSON.stringify([test.n, ...t.dataset.inputShape])],
        { timeout: 30_000 },
      );
      const raw = await readFile(join(dir, 'predictions.bin'));
      const theirs = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));

      const ours = (await evaluate(t.model, test, t.dataset.task)).predictions;
      const classes = t.dataset.classNames!.length;
      expect(test.n).toBeGreaterThan(20);
      expect(theirs).toHaveLength(test.n * classes);
      expect(maxAbsDiff(theirs, ours)).toBeLessThan(1e-5);
      // Not a trivial match: the trained model tells the rows apart.
      expect(maxAbsDiff(ours.subarray(0, classes), ours.subarray(classes, 2 * classes))).toBeGreaterThan(1e-3);

      const metadata = readMetadata(files['metadata.json']);
      expect(metadata.classNames).toEqual(t.dataset.classNames);
      expect(metadata.inputs[0]!.shape).toEqual(t.dataset.inputShape);
    },
    60_000,
  );
});

describe('a sharded export (weights over the shard size)', () => {
  it('loads in stock tfjs, which fetches each group1-shardNofM.bin, and predicts as the app does', async () => {
    const t = trained.digits!;
    const exported = exportLayersModel(t.graph, t.weights, { modelName: t.name, shardBytes: 1024 });
    const paths = exported.modelJson.weightsManifest[0]!.paths;
    expect(paths.length).toBeGreaterThan(3);
    expect(paths[0]).toBe(`group1-shard1of${paths.length}.bin`);
    const dir = join(work, 'sharded');
    const test = t.dataset.test;
    await writeFiles(dir, {
      'model.json': new TextEncoder().encode(JSON.stringify(exported.modelJson)),
      ...Object.fromEntries(exported.shards.map((sh) => [sh.path, sh.data])),
      'inputs.bin': new Uint8Array(test.x.buffer, test.x.byteOffset, test.x.byteLength),
    });
    await writeFile(join(dir, 'predict.mjs'), STOCK_PREDICT);
    await exec(process.execPath, [join(dir, 'predict.mjs'), TFJS_URL, dir, JSON.stringify([test.n, ...t.dataset.inputShape])], {
      timeout: 30_000,
    });
    const raw = await readFile(join(dir, 'predictions.bin'));
    const theirs = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const ours = (await evaluate(t.model, test, t.dataset.task)).predictions;
    expect(theirs).toHaveLength(ours.length);
    expect(maxAbsDiff(theirs, ours)).toBeLessThan(1e-5);
  }, 60_000);
});

describe('the Node snippet in the export README', () => {
  it('runs as written (only the tfjs import pointed at this install) and matches the app on its example row', async () => {
    const t = trained.iris!;
    const tfjs = buildTfjsFiles({ name: t.name, graph: t.graph, weights: t.weights, dataset: t.dataset });
    const zip = unzipSync(buildExportZip({ tfjs, web: STANDALONE_SOURCES, tfMinJs: new Uint8Array([0x2f, 0x2f]) }));
    const dir = join(work, 'snippet');
    await writeFiles(dir, zip);
    const readme = new TextDecoder().decode(zip['README.md']);
    const snippet = /### TensorFlow\.js in Node\n\n```js\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(snippet).toContain("from '@tensorflow/tfjs'");
    await writeFile(join(dir, 'predict.mjs'), snippet!.replace("'@tensorflow/tfjs'", JSON.stringify(TFJS_URL)));
    const { stdout } = await exec(process.execPath, [join(dir, 'predict.mjs')], { cwd: dir, timeout: 30_000 });
    const printed = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      kind: string;
      classes: { name: string; probability: number }[];
    };

    const metadata = readMetadata(tfjs['metadata.json']);
    if (metadata.preprocessing?.kind !== 'tabular') throw new Error('expected tabular preprocessing');
    const row = Object.fromEntries(exampleRow(metadata.preprocessing));
    const x = applyTransform(t.dataset.transform as TabularTransform, row);
    const y = tf.tidy(() => (t.model.predict(tf.tensor2d(x, [1, x.length])) as tf.Tensor).dataSync());
    const expected = readPrediction(metadata, y);
    expect(printed.kind).toBe('classes');
    expect(expected.kind).toBe('classes');
    if (expected.kind !== 'classes') return;
    expect(printed.classes.map((c) => c.name)).toEqual(expected.classes.map((c) => c.name));
    expect(
      maxAbsDiff(
        printed.classes.map((c) => c.probability),
        expected.classes.map((c) => c.probability),
      ),
    ).toBeLessThan(1e-6);
  }, 60_000);
});
