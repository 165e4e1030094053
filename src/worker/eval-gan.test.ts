import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractWeights } from '../compiler/weights';
import { compile } from '../compiler/compile';
import { loadImageBuiltin } from '../data/builtins';
import type { PreparedDataset } from '../data/types';
import { analyzeGan } from '../model/gan';
import { dcganTemplate } from '../model/gan-template';
import type { ImageSet } from '../training/gan/scores';
import { GanEvaluator } from './eval-gan';

const PUBLIC = join(__dirname, '..', '..', 'public');
const readPublic = async (path: string) => new Uint8Array(await readFile(join(PUBLIC, path)));
const SHAPE = [28, 28, 1];
let fashion: PreparedDataset;
let evaluator: GanEvaluator;
let latentDim: number;

const take = (x: Float32Array, n: number): ImageSet => ({ x: x.slice(0, n * 784), n, shape: SHAPE });

beforeAll(async () => {
  await tf.setBackend('cpu');
  fashion = await loadImageBuiltin('fashion-mnist', (name) => readPublic(`datasets/${name}`));
  const gan = dcganTemplate(SHAPE);
  latentDim = analyzeGan(gan).latentDim!;
  const model = compile(gan.generator);
  const weights = extractWeights(model, gan.generator);
  model.dispose();
  evaluator = GanEvaluator.load(
    {
      generator: gan.generator,
      weights,
      latentDim,
      imageShape: SHAPE,
      train: take(fashion.train.x, 300),
      test: take(fashion.test.x, 200),
      validation: take(fashion.validation.x, 200),
      baseUrl: '/',
    },
    readPublic,
  );
}, 120_000);

afterAll(() => evaluator.dispose());

describe('GanEvaluator', () => {
  it('generates one image of the data shape in [0, 1] per latent vector', () => {
    const images = evaluator.generate(new Float32Array(3 * latentDim).fill(0.5), 3);
    expect(images.length).toBe(3 * 784);
    expect(Math.min(...images)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...images)).toBeLessThanOrEqual(1);
  });

  it('refuses latent vectors of the wrong length, naming both lengths', () => {
    expect(() => evaluator.generate(new Float32Array(5), 1)).toThrow(`latent vectors of ${latentDim} values`);
  });

  it('finds a training image itself as its own nearest image', async () => {
    const found = await evaluator.nearest(fashion.train.x.slice(42 * 784, 43 * 784));
    expect(found.index).toBe(42);
    expect(found.distance).toBeCloseTo(0, 3);
    expect(Array.from(found.image.subarray(0, 50))).toEqual(
      Array.from(fashion.train.x.subarray(42 * 784, 42 * 784 + 50)),
    );
  });

  it('scores an untrained generator between the real and the noise bounds, with progress', async () => {
    const stages: string[] = [];
    const report = await evaluator.score(7, (text) => stages.push(text));
    expect(report.n).toBe(200);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    // Real against real is the best a generator can do; an untrained one cannot beat it.
    expect(report.bounds.real.frechet).toBeLessThan(report.score.frechet);
    expect(report.bounds.real.frechet).toBeLessThan(report.bounds.noise.frechet);
    expect(report.bounds.real.inception).toBeGreaterThan(report.bounds.noise.inception);
  }, 120_000);
});

describe('GanEvaluator latents', () => {
  it('draws the same latents for the same seed and others for another', () => {
    const a = evaluator.latents(5, 4);
    expect(a.length).toBe(4 * latentDim);
    expect(Array.from(evaluator.latents(5, 4))).toEqual(Array.from(a));
    expect(Array.from(evaluator.latents(6, 4))).not.toEqual(Array.from(a));
  });
});
