/**
 * A GAN generator's export: metadata.json says it is a generator (latent size and sampler, image
 * shape and pixel mapping), the page gets gan.js, and onnx/model.onnx (onnxruntime-node) and pytorch/
 * (Debian's torch) draw the same images as tfjs for the same latent vectors, drawn as the page draws them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { dcganTemplate } from '../../model/gan-template';
import type { LayerWeights } from '../../model/weights';
import { compileSeeded } from '../../training/train';
import { onnxPredict, randomizeWeights } from '../onnx/parity-support';
import { findTestPython } from '../python/python-env';
import { maxAbsDiff, pytorchPredictMany, tfjsPredict, type TensorData } from '../pytorch/parity-support';
import { extractWeights } from '../weights';
import { buildExportParts } from './export-parts';
import { withOtherFormats } from './format-parts';
import { MetadataError, metadataSchema, readMetadata } from './metadata';
import { GRID_IMAGES, latentBatch } from './standalone/gan.js';
import { STANDALONE_SOURCES } from './standalone/sources';
import type { TfjsBundleInput } from './tfjs-bundle';
import { exportZipEntries, ExportZipError } from './zip';

const TF_MIN = new Uint8Array(
  readFileSync(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.es2017.min.js')),
);
const TOLERANCE = 1e-4;
const LATENT = 16;

/** A small DCGAN generator for 28×28 grey images, with seeded weights moved off their initial values. */
function generatorInput(normalization: 'none' | 'layer'): TfjsBundleInput & { model: tf.LayersModel } {
  const graph = dcganTemplate([28, 28, 1], { latentDim: LATENT, width: 16, normalization }).generator;
  const model = compileSeeded(graph, 3);
  const weights: LayerWeights = randomizeWeights(extractWeights(model, graph), 3, 'perturb');
  for (const layer of model.layers) {
    const own = weights[layer.name];
    if (own) layer.setWeights(own.map((w) => tf.tensor(w.values, [...w.shape])));
  }
  return {
    name: 'Fashion generator',
    graph,
    weights,
    dataset: null,
    run: { id: 'gan-1', name: 'GAN run 1', settings: { discriminatorSteps: 1 }, epochs: 2, test: null, data: null },
    gan: { trainedOn: 'fashion-mnist' },
    model,
  };
}

function exportOf(input: TfjsBundleInput) {
  return withOtherFormats(buildExportParts(input, STANDALONE_SOURCES, TF_MIN), input);
}

describe('a GAN generator export', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('says in metadata.json that it is a generator: latent, image shape, pixel mapping and the run', () => {
    const input = generatorInput('none');
    const { parts, metadata } = exportOf(input);
    input.model.dispose();
    const read = readMetadata(parts.tfjs['metadata.json']);
    expect(read).toEqual(metadata);
    expect(read.gan).toEqual({
      role: 'generator',
      latent: {
        input: read.inputs[0]!.name,
        size: LATENT,
        distribution: 'standard-normal',
        sampler: 'mulberry32-box-muller',
      },
      image: {
        height: 28,
        width: 28,
        channels: 1,
        layout: 'HWC',
        range: [0, 1],
        toPixel: 'round(clamp(value, 0, 1) * 255)',
      },
    });
    expect(read.task).toBeNull();
    expect(read.dataset).toEqual({ name: 'fashion-mnist', kind: 'image' });
    expect(read.inputs[0]!.shape).toEqual([LATENT]);
    expect(read.outputs[0]!.shape).toEqual([28, 28, 1]);
    expect(read.run?.id).toBe('gan-1');
    const paths = exportZipEntries(parts).map(([p]) => p);
    expect(paths).toContain('web/gan.js');
    expect(paths).toContain('onnx/model.onnx');
    expect(paths).toContain('pytorch/model.py');
    expect(paths).toContain('keras/model.py');
  });

  it('leaves gan.js out of other exports and refuses a generator page without it', () => {
    const input = generatorInput('none');
    input.model.dispose();
    const plain = buildExportParts({ ...input, gan: null }, STANDALONE_SOURCES, TF_MIN);
    expect(plain.metadata.gan).toBeUndefined();
    expect(exportZipEntries(plain.parts).map(([p]) => p)).not.toContain('web/gan.js');
    const { 'gan.js': _gan, ...withoutGan } = STANDALONE_SOURCES;
    const parts = buildExportParts(input, withoutGan, TF_MIN).parts;
    expect(() => exportZipEntries(parts)).toThrow(ExportZipError);
    expect(() => exportZipEntries(parts)).toThrow(/needs web\/gan\.js/);
  });

  it('refuses a generator whose input is not a vector or whose output is not an image, saying how to fix it', () => {
    const notVector = buildGraph([
      { type: 'Input', params: { shape: [4, 4] } },
      { type: 'Reshape', params: { target_shape: [4, 4, 1] } },
    ]);
    expect(() =>
      buildExportParts(
        { name: 'g', graph: notVector, weights: {}, gan: { trainedOn: null } },
        STANDALONE_SOURCES,
        TF_MIN,
      ),
    ).toThrow(/takes one latent vector of a fixed size: set its Input shape to one number/);
    const notImage = buildGraph([
      { type: 'Input', params: { shape: [8] } },
      { type: 'Dense', params: { units: 3 } },
    ]);
    try {
      buildExportParts(
        { name: 'g', graph: notImage, weights: {}, gan: { trainedOn: null } },
        STANDALONE_SOURCES,
        TF_MIN,
      );
      expect.unreachable('a generator of vectors was exported');
    } catch (err) {
      expect(err).toBeInstanceOf(MetadataError);
      expect((err as Error).message).toMatch(
        /output '.*' has shape \[3\].*draws images of \[height, width, 1 or 3 channels\]/,
      );
    }
  });

  it("refuses metadata whose gan part disagrees with the model's shapes", () => {
    const input = generatorInput('none');
    input.model.dispose();
    const good = exportOf(input).metadata;
    const check = (m: unknown) => metadataSchema.safeParse(m);
    expect(check(good).success).toBe(true);
    const wrongLatent = check({ ...good, gan: { ...good.gan, latent: { ...good.gan!.latent, size: LATENT + 1 } } });
    expect(wrongLatent.success).toBe(false);
    expect(JSON.stringify(wrongLatent.error?.issues)).toMatch(/should be \[17\]: the latent vector/);
    const wrongImage = check({ ...good, gan: { ...good.gan, image: { ...good.gan!.image, height: 27 } } });
    expect(JSON.stringify(wrongImage.error?.issues)).toMatch(/should be \[27, 28, 1\]: one image/);
    const withTask = check({ ...good, task: 'regression' });
    expect(JSON.stringify(withTask.error?.issues)).toMatch(/should be null for a GAN generator/);
    const flatRange = check({ ...good, gan: { ...good.gan, image: { ...good.gan!.image, range: [1, 1] } } });
    expect(JSON.stringify(flatRange.error?.issues)).toMatch(/low < high/);
  });

  it('ONNX and PyTorch draw what tfjs draws for the same seeded latents', async () => {
    const inputs = [generatorInput('none'), generatorInput('layer')];
    const latent: TensorData = { shape: [6, LATENT], values: latentBatch(42, 6, LATENT) };
    const exported = inputs.map(exportOf);
    const expected = inputs.map((i) => tfjsPredict(i.model, [latent]));
    inputs.forEach((i) => i.model.dispose());
    const torch = await pytorchPredictMany(exported.map((e) => ({ files: e.parts.pytorch!, inputs: [latent] })));
    for (const [k, e] of exported.entries()) {
      const onnx = await onnxPredict(e.parts.onnx!, {
        [e.metadata.gan!.latent.input]: { data: latent.values as Float32Array, shape: latent.shape },
      });
      const [onnxOut] = Object.values(onnx);
      const want = expected[k]!;
      // Images, not a constant: the values spread across the sigmoid's range.
      const values = Array.from(want[0]!.values);
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.05);
      expect(maxAbsDiff(want, [{ shape: onnxOut!.shape, values: onnxOut!.data }])).toBeLessThanOrEqual(TOLERANCE);
      expect(maxAbsDiff(want, torch[k]!.outputs)).toBeLessThanOrEqual(TOLERANCE);
    }
  }, 300_000);

  it("the README's Python snippet draws the page's images for its seed with the PyTorch project", async () => {
    const input = generatorInput('layer');
    const { parts } = exportOf(input);
    const want = tfjsPredict(input.model, [
      { shape: [GRID_IMAGES, LATENT], values: latentBatch(1, GRID_IMAGES, LATENT) },
    ]);
    input.model.dispose();
    const entries = new Map(exportZipEntries(parts));
    const readme = new TextDecoder().decode(entries.get('README.md'));
    expect(readme).toContain('## Generating images');
    const snippet = /### Images in Python\n\n```python\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(snippet, 'the README holds the Python snippet').toBeDefined();
    const { python } = await findTestPython(undefined, ['torch', 'numpy']);
    const root = mkdtempSync(join(tmpdir(), 'gan-readme-'));
    try {
      for (const [path, bytes] of entries) {
        if (!path.startsWith('pytorch/')) continue;
        mkdirSync(join(root, 'pytorch'), { recursive: true });
        writeFileSync(join(root, path), bytes);
      }
      writeFileSync(
        join(root, 'snippet.py'),
        `${snippet!}\nimport json\nprint(json.dumps(images.reshape(-1).tolist()))\n`,
      );
      const r = spawnSync(python, ['snippet.py'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const got = Float32Array.from(JSON.parse(r.stdout.trim().split('\n').pop()!) as number[]);
      expect(maxAbsDiff(want, [{ shape: want[0]!.shape, values: got }])).toBeLessThanOrEqual(TOLERANCE);
      // A grey PGM of the 16 images in a row, 1-pixel gaps between them.
      const pgm = readFileSync(join(root, 'samples-seed-1.pgm'));
      const header = `P5 ${16 * 28 + 15} 28 255\n`;
      expect(new TextDecoder().decode(pgm.subarray(0, header.length))).toBe(header);
      expect(pgm.byteLength).toBe(header.length + (16 * 28 + 15) * 28);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
