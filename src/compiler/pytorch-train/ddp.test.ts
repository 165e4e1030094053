/**
 * Issue 15's test: the iris table, trained in the app's trainer and exported, trained again by
 * pytorch/train.py with DistributedDataParallel on two gloo processes (--nproc 2: Debian's torch
 * 1.13 torchrun fails under Python 3.11), reaches the app's test accuracy within 0.05; the app then
 * imports trained/ and scores it as the script did, and stock tfjs loads it. model.py and weights.npz
 * come from the PyTorch exporter (src/compiler/pytorch).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../data/csv/parse';
import { prepareTabular } from '../../data/tabular';
import { buildGraph } from '../../model/build';
import { importLayersModel } from '../../model/keras-import';
import { datasetInfo } from '../../session/dataset-info';
import { evaluate } from '../../training/evaluate';
import { seededConfig, TrainerSession } from '../../training/session';
import { buildTfjsFiles, readMetadata } from '../bundle';
import { buildPytorchFiles } from '../pytorch';
import { compile } from '../compile';
import { findTestPython, type CommandRunner } from '../python/python-env';
import { applyWeights } from '../weights';
import { buildTrainFiles, type TfjsModelJson } from '.';

const IRIS = join(process.cwd(), 'public/datasets/iris.csv');
const SETTINGS = { optimizer: { name: 'adam' as const, learningRate: 0.01 }, batchSize: 16, epochs: 40, seed: 7 };

interface ScriptResult {
  test: { loss: number; accuracy: number; n: number };
  status: string;
  epochs: number;
  world_size: number;
  backend: string;
}

describe('pytorch/train.py: DDP on two gloo processes', () => {
  let python = '';
  let run: CommandRunner;
  let dir = '';
  let app = { accuracy: 0, loss: 0, n: 0 };
  let dataset: Awaited<ReturnType<typeof prepareTabular>>['dataset'];

  beforeAll(async () => {
    ({ python, run } = await findTestPython((m) => console.log(m), ['torch', 'numpy']));
    dir = await mkdtemp(join(tmpdir(), 'layerloom-ddp-'));
    await tf.setBackend('cpu');
    ({ dataset } = prepareTabular(await parseCsv(await readFile(IRIS)), { label: 'species', name: 'iris' }));
    const graph = buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Dense', params: { units: 16, activation: 'relu' } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    const session = await TrainerSession.create({ graph, dataset, config: seededConfig(SETTINGS), modelName: 'iris_mlp' });
    await session.run(undefined);
    const score = (await session.score())!;
    if (score.metrics.kind !== 'classification') throw new Error('iris is classification');
    app = { accuracy: score.metrics.accuracy, loss: score.loss, n: score.n };
    const weights = session.weights();
    const tfjs = buildTfjsFiles({
      name: 'iris_mlp',
      graph,
      weights,
      dataset,
      run: { id: 'r1', name: 'Run 1', settings: SETTINGS, epochs: 40, test: app, data: datasetInfo(dataset) },
    });
    session.dispose();
    await mkdir(join(dir, 'tfjs'));
    await mkdir(join(dir, 'pytorch'));
    await writeFile(join(dir, 'tfjs/model.json'), tfjs['model.json']);
    const modelJson = JSON.parse(new TextDecoder().decode(tfjs['model.json'])) as TfjsModelJson;
    const { files } = buildTrainFiles(readMetadata(tfjs['metadata.json']), modelJson);
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'pytorch', name), text);
    // model.py and weights.npz from the PyTorch exporter, as the export's pytorch/ folder has them.
    const pytorch = buildPytorchFiles(graph, weights, { modelName: 'iris_mlp' });
    for (const name of ['model.py', 'weights.npz']) await writeFile(join(dir, 'pytorch', name), pytorch[name]!);
    await copyFile(IRIS, join(dir, 'iris.csv'));
  }, 120_000);

  it('trains with --nproc 2 to the app test accuracy within 0.05, and the app scores trained/ as the script did', async () => {
    const r = run(python, ['pytorch/train.py', '--data', 'iris.csv', '--nproc', '2'], { cwd: dir, timeoutMs: 120_000 });
    expect(r.stderr + r.stdout).not.toMatch(/Traceback/);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('2 processes, gloo on cpu');
    expect(lines.some((l) => /^data: 105\/21\/24 rows .*; the same data as the run/.test(l))).toBe(true);
    expect(lines.filter((l) => /^Epoch \d+\/40 {2}loss /.test(l))).toHaveLength(40);
    const result = JSON.parse(lines.at(-1)!) as ScriptResult;
    expect(result).toMatchObject({ world_size: 2, backend: 'gloo', epochs: 40, status: 'completed' });
    expect(result.test.n).toBe(app.n);
    console.log(`test accuracy: app ${app.accuracy.toFixed(4)}, train.py (DDP, 2 gloo processes) ${result.test.accuracy.toFixed(4)}`);
    expect(Math.abs(result.test.accuracy - app.accuracy)).toBeLessThanOrEqual(0.05);

    // The app's importer reads trained/, and the app's evaluation scores it as the script did.
    const trained = join(dir, 'pytorch/trained');
    for (const f of ['model.json', 'weights.bin', 'weights.npz', 'metadata.json']) expect(existsSync(join(trained, f))).toBe(true);
    const json = JSON.parse(await readFile(join(trained, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const bin = await readFile(join(trained, 'weights.bin'));
    const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const imported = importLayersModel(json, buffer);
    const model = compile(imported.graph, 'imported');
    applyWeights(model, imported.weights!);
    const e = await evaluate(model, dataset.test, dataset.task);
    expect(e.metrics.kind === 'classification' && e.metrics.accuracy).toBe(result.test.accuracy);
    expect(e.loss).toBeCloseTo(result.test.loss, 5);

    // Stock tfjs loads the same files and predicts the same.
    const stock = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData: buffer }),
    );
    const x = tf.tensor2d(dataset.test.x, [dataset.test.n, 4]);
    const [a, b] = [stock.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor];
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([x, a, b]);
    stock.dispose();
    model.dispose();

    // trained/metadata.json is still a valid export metadata, now naming the script's scores.
    const meta = readMetadata(await readFile(join(trained, 'metadata.json')));
    expect(meta.run?.test).toEqual(result.test);
    expect(meta.run?.name).toBe('Run 1 (PyTorch)');
  }, 180_000);

  it('cuts each batch across the processes: one process and two give the same epochs', () => {
    const epochsOf = (args: string[]) => {
      const r = run(python, ['pytorch/train.py', '--data', 'iris.csv', '--epochs', '4', ...args], { cwd: dir, timeoutMs: 120_000 });
      expect(r.stderr).not.toMatch(/Traceback/);
      expect(r.status).toBe(0);
      return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { history: { loss: number; val_loss: number }[] }).history;
    };
    const one = epochsOf(['--out', join(dir, 'one')]);
    const two = epochsOf(['--nproc', '2', '--out', join(dir, 'two')]);
    expect(one).toHaveLength(4);
    two.forEach((epoch, i) => {
      expect(epoch.loss).toBeCloseTo(one[i]!.loss, 5);
      expect(epoch.val_loss).toBeCloseTo(one[i]!.val_loss, 5);
    });
  }, 180_000);
});
