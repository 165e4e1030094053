import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv/parse';
import { prepareTabular } from '../data/tabular';
import { buildGraph } from '../model/build';
import { accuracy } from '../training/metrics';
import { newProject } from '../model/project';
import { main } from './main';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
};

describe('layerloom train: arguments', () => {
  it('is listed in the main help and has its own', async () => {
    expect((await run(['--help'])).text).toContain('train --model M --data D [--label C]');
    const { code, text } = await run(['train', '--help']);
    expect(code).toBe(0);
    expect(text).toContain('--backend NAME      wasm or cpu (default wasm)');
  });

  it.each([
    [['train', '--data', 'd.csv', '--label', 'y'], /needs either --model or --template/],
    [['train', '--model', 'm.json', '--template', 'mlp-binary', '--data', 'd.csv', '--label', 'y'], /not both/],
    [['train', '--model', 'm.json', '--data', 'd.csv'], /needs --label/],
    [
      ['train', '--model', 'm.json', '--data', 'd.csv', '--label', 'y', '--backend', 'webgl'],
      /--backend must be wasm or cpu; got 'webgl'/,
    ],
    [
      ['train', '--model', 'm.json', '--data', 'd.csv', '--label', 'y', '--lr=-1'],
      /--lr must be a positive number; got '-1'/,
    ],
    [
      ['train', '--model', 'm.json', '--data', 'd.csv', '--label', 'y', '--epochs', '2.5'],
      /--epochs must be a whole number ≥ 1; got '2.5'/,
    ],
    [['train', '--model', 'm.json', '--data', 'd.csv', '--label', 'y', '--optimizer', 'lbfgs'], /--optimizer: /],
    [['train', '--model', 'm.json', '--data', 'd.csv', '--label', 'y', '--loss', 'cosine'], /--loss: /],
    [['train', '--model', 'm.json', '--data', 'd.csv', '--label', 'y', '--colour'], /Unknown option '--colour'/],
  ])('refuses %j with a message and the usage', async (args, message) => {
    const err = await run(args).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(message);
    expect(err?.message).toContain('Usage: layerloom train');
  });

  it('names a missing model file', async () => {
    await expect(
      run(['train', '--model', '/nonexistent/m.json', '--data', 'd.csv', '--label', 'y', '--backend', 'cpu']),
    ).rejects.toThrow('Cannot read /nonexistent/m.json: no such file');
  });
});

const IRIS = join(process.cwd(), 'public/datasets/iris.csv');

describe('layerloom train on the built-in iris data', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'layerloom-train-'));
    const mlp = buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Dense', params: { units: 16, activation: 'relu' } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    await writeFile(join(dir, 'iris.json'), JSON.stringify(newProject('iris_mlp', mlp)));
  });

  it('reaches test accuracy ≥ 0.9 on wasm, prints a line per epoch and ends with the JSON summary', async () => {
    const out = join(dir, 'out');
    const args = ['train', '--model', join(dir, 'iris.json'), '--data', IRIS, '--label', 'species'];
    const { code, text } = await run([
      ...args,
      '--epochs',
      '30',
      '--lr',
      '0.01',
      '--seed',
      '7',
      '--out',
      out,
      '--json',
    ]);
    expect(code).toBe(0);
    const lines = text.split('\n');
    expect(lines.filter((l) => /^Epoch \d+\/30 {2}loss /.test(l))).toHaveLength(30);
    const summary = JSON.parse(lines.at(-1)!) as {
      backend: string;
      epochs: number;
      seed: number;
      history: { epoch: number; loss: number }[];
      test: { n: number; accuracy: number };
    };
    expect(summary.backend).toBe('wasm');
    expect(summary.epochs).toBe(30);
    expect(summary.seed).toBe(7);
    expect(summary.history.map((h) => h.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(summary.history.at(-1)!.loss).toBeLessThan(summary.history[0]!.loss);
    expect(summary.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'))).toEqual(summary);

    // The written model loads in stock tfjs and scores the same on its own.
    const modelJson = JSON.parse(await readFile(join(out, 'tfjs', 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const bin = await readFile(join(out, 'tfjs', 'weights.bin'));
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]!.weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      }),
    );
    const { dataset } = prepareTabular(await parseCsv(await readFile(IRIS)), { label: 'species', seed: 7 });
    const probs = loaded.predict(tf.tensor2d(dataset.test.x, [dataset.test.n, 4])) as tf.Tensor;
    expect(accuracy(probs.dataSync() as Float32Array, 3, dataset.test.y)).toBe(summary.test.accuracy);
    expect(summary.test.n).toBe(dataset.test.n);
    tf.dispose(probs);
    loaded.dispose();
  });

  it('repeats the same curve with the same seed', async () => {
    const args = ['train', '--model', join(dir, 'iris.json'), '--data', IRIS, '--label', 'species', '--epochs', '3'];
    const a = JSON.parse((await run([...args, '--seed', '5', '--json'])).text.split('\n').at(-1)!) as {
      history: { loss: number }[];
    };
    const b = JSON.parse((await run([...args, '--seed', '5', '--json'])).text.split('\n').at(-1)!) as {
      history: { loss: number }[];
    };
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
  });

  it('names the problem when the label column or the model does not fit the data', async () => {
    const base = ['train', '--model', join(dir, 'iris.json'), '--data', IRIS, '--backend', 'cpu'];
    await expect(run([...base, '--label', 'colour'])).rejects.toThrow(
      /there is no column 'colour'; the columns are sepal_length_cm/,
    );
    const wide = buildGraph([
      { type: 'Input', params: { shape: [7] } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    await writeFile(join(dir, 'wide.json'), JSON.stringify(newProject('wide', wide)));
    await expect(
      run(['train', '--model', join(dir, 'wide.json'), '--data', IRIS, '--label', 'species']),
    ).rejects.toThrow(
      "The model's Input takes samples of shape [7] but 'iris' has samples of shape [4]; set the Input layer's shape to [4].",
    );
  });

  it('reads a folder as an image dataset, and says so with a sentence when it holds no images', async () => {
    await expect(run(['train', '--model', join(dir, 'iris.json'), '--data', dir, '--backend', 'cpu'])).rejects.toThrow(
      new RegExp(`^${dir}: found no`),
    );
  });
});
