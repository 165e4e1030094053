import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { newProject } from '../model/project';
import { specForKerasClass } from '../model/registry';
import { corpus, corpusMissing, fixtures } from '../model/test-corpus';
import { main } from './main';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
};

const seedCnn = buildGraph([
  { type: 'Input', params: { shape: [28, 28, 1] } },
  { type: 'Conv2D', params: { filters: 32, kernel_size: [3, 3], activation: 'relu' } },
  { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
  { type: 'Flatten' },
  { type: 'Dense', params: { units: 128, activation: 'relu' } },
  { type: 'Dense', params: { units: 10, activation: 'softmax' } },
]);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerloom-cli-'));
  await writeFile(join(dir, 'seed.json'), JSON.stringify(newProject('seed_cnn', seedCnn)));
  const broken = buildGraph([{ type: 'Input', params: { shape: [64] } }, { type: 'Conv2D', name: 'conv1' }]);
  await writeFile(join(dir, 'broken.json'), JSON.stringify(newProject('broken', broken)));
  await tf.setBackend('cpu');
});

describe('layerloom summary', () => {
  it('prints a Keras-style table ending in the total', async () => {
    const { code, text } = await run(['summary', join(dir, 'seed.json')]);
    expect(code).toBe(0);
    expect(text).toMatch(/conv2d \(Conv2D\)\s+\(None, 26, 26, 32\)\s+320/);
    expect(text.split('\n').at(-1)).toBe('Total params: 693962');
  });

  it('prints JSON with --json', async () => {
    const { text } = await run(['summary', join(dir, 'seed.json'), '--json']);
    const json = JSON.parse(text) as { total_params: number; trainable_params: number; layers: { name: string; params: number }[] };
    expect(json.total_params).toBe(693962);
    expect(json.trainable_params).toBe(693962);
    expect(json.layers.map((l) => l.params)).toEqual([0, 320, 0, 0, 692352, 1290]);
  });
});

describe('layerloom validate', () => {
  it('lists errors with layer names and exits 1', async () => {
    const { code, text } = await run(['validate', join(dir, 'broken.json')]);
    expect(code).toBe(1);
    expect(text).toContain("[conv1] Conv2D 'conv1' needs a 4-D input");
  });
  it('accepts a valid project', async () => {
    expect((await run(['validate', join(dir, 'seed.json')])).code).toBe(0);
  });
});

describe('layerloom export', () => {
  it('writes a model that stock tfjs loads', async () => {
    const out = join(dir, 'out');
    expect((await run(['export', join(dir, 'seed.json'), '--out', out])).code).toBe(0);
    const modelJson = JSON.parse(await readFile(join(out, 'tfjs', 'model.json'), 'utf8'));
    const bin = await readFile(join(out, 'tfjs', 'weights.bin'));
    expect(bin.byteLength).toBe(693962 * 4);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      }),
    );
    expect(model.countParams()).toBe(693962);
    model.dispose();
  });
});

const noCorpus = corpusMissing();

/** `layerloom summary` on a layers model.json: the CLI's own run, or the bin script in a child process. */
const summaryOf = (file: string) => run(['summary', file]);
async function binSummaryRefused(file: string, cls: string) {
  const exec = promisify(execFile);
  const started = Date.now();
  const err = await exec(process.execPath, ['bin/layerloom.mjs', 'summary', file]).catch((e) => e);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(err.code).toBe(1);
  expect(err.stderr).toMatch(new RegExp(cls));
}

describe.skipIf(noCorpus)('the shared corpus through the CLI', () => {
  it('rejects the TensorFlowOpLayer model with exit 1 and the class named, fast', () =>
    binSummaryRefused(corpus.path('anime4k-upscaler-tensorflowoplayer-prelu-residual.json'), 'TensorFlowOpLayer'));
  it('reads a Keras 3 functional file and prints its total', async () => {
    const { code, text } = await summaryOf(corpus.path('cnn-functional-keras3-keras-tensor-inbound.json'));
    expect(code).toBe(0);
    expect(text.split('\n').at(-1)).toBe('Total params: 3369985');
  });
});

describe('our model fixtures through the CLI', () => {
  it.each(fixtures.positives)('summary of $file prints its total, $expectedTotal', async ({ file, expectedTotal }) => {
    const { code, text } = await summaryOf(fixtures.path(file));
    expect(code).toBe(0);
    expect(text.split('\n').at(-1)).toBe(`Total params: ${expectedTotal}`);
  });
  it.each(fixtures.negatives)('rejects $file with exit 1 and the class named, fast', ({ file, layerClasses }) => {
    const unsupported = layerClasses.find((c) => c !== 'InputLayer' && !specForKerasClass(c));
    return binSummaryRefused(fixtures.path(file), unsupported!);
  });
});

describe('bad input', () => {
  it('explains a missing file, an unknown command and a missing argument', async () => {
    await expect(run(['summary', join(dir, 'nope.json')])).rejects.toThrow(/no such file/);
    await expect(run(['frobnicate'])).rejects.toThrow(/Unknown command 'frobnicate'/);
    await expect(run(['export', join(dir, 'seed.json')])).rejects.toThrow(/needs --out DIR/);
  });

  it('runs through the bin script with exit code 1 and no stack trace', async () => {
    const exec = promisify(execFile);
    const err = await exec(process.execPath, ['bin/layerloom.mjs', 'summary', join(dir, 'nope.json')]).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/^layerloom: Cannot read .*nope\.json: no such file\n$/);
    const help = await exec(process.execPath, ['bin/layerloom.mjs', 'summary', '--help']);
    expect(help.stdout).toMatch(/Total params: N/);
  });
});
