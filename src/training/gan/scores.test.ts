import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageBuiltin } from '../../data/builtins';
import type { PreparedDataset } from '../../data/types';
import { FashionScorer, inceptionScore, noiseImages, type ImageSet } from './scores';

const PUBLIC = join(__dirname, '..', '..', '..', 'public');
let scorer: FashionScorer;
let fashion: PreparedDataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scorer = await FashionScorer.load(async (path) => new Uint8Array(await readFile(join(PUBLIC, path))));
  fashion = await loadImageBuiltin(
    'fashion-mnist',
    async (name) => new Uint8Array(await readFile(join(PUBLIC, 'datasets', name))),
  );
}, 60_000);

afterAll(() => scorer.dispose());

const take = (x: Float32Array, from: number, n: number): ImageSet => ({
  x: x.subarray(from * 784, (from + n) * 784),
  n,
  shape: [28, 28, 1],
});

describe('inceptionScore', () => {
  it('is k for confident, evenly spread classes and 1 for identical predictions', () => {
    const confident = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(inceptionScore(confident, 3)).toBeCloseTo(3, 9);
    const unsure = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
    expect(inceptionScore(unsure, 2)).toBeCloseTo(1, 9);
  });
});

describe('FashionScorer', () => {
  it('scores real Fashion-MNIST images far above uniform noise', () => {
    const reference = scorer.reference(take(fashion.test.x, 0, 400));
    const otherReal = take(fashion.validation.x, 0, 400);
    const { real, noise } = scorer.bounds(otherReal, reference, 1);
    expect(real.inception).toBeGreaterThan(5);
    expect(noise.inception).toBeLessThan(real.inception / 2);
    expect(real.frechet).toBeLessThan(noise.frechet / 10);
    expect(scorer.score(take(fashion.test.x, 0, 400), reference).frechet).toBeLessThan(1e-3 * real.frechet);
  }, 120_000); // 1,600 images through the backbone on tfjs's cpu backend: seconds alone, more on a busy machine

  it('takes images of another size (8×8 noise) by resizing them to the backbone input', () => {
    const features = scorer.features(noiseImages(3, [8, 8, 3], 2));
    expect(features).toHaveLength(3 * 128);
    expect(features.some((v) => v > 0)).toBe(true);
  });
});
