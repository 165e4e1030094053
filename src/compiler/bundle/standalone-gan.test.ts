/**
 * The generator page's pure parts (web/gan.js): its seeded latents are the app's latentBatch value for
 * value (so a seed on the page draws the images the app draws), its grid is the app's sample grid,
 * and the seed field refuses what is not a seed.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/random';
import { sampleGrid } from '../../training/gan/grid';
import { latentBatch as appLatentBatch } from '../../training/gan/latent';
import { GRID_COLUMNS, GRID_IMAGES, imageGrid, latentBatch, readSeed } from './standalone/gan.js';

describe('the generator page', () => {
  it("draws the app's latent vectors for every seed", () => {
    for (const seed of [0, 1, 7, 2 ** 31, 2 ** 32 - 1]) {
      expect(latentBatch(seed, GRID_IMAGES, 24)).toEqual(appLatentBatch(mulberry32(seed), GRID_IMAGES, 24));
    }
  });

  it('is standard normal: one seed, one batch; another seed, another', () => {
    const z = latentBatch(3, 500, 20);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(latentBatch(3, 4, 8)).toEqual(latentBatch(3, 4, 8));
    expect(latentBatch(3, 4, 8)).not.toEqual(latentBatch(4, 4, 8));
  });

  it("lays images out as the app's sample grid, grey and RGB, values clamped to bytes", () => {
    for (const channels of [1, 3] as const) {
      const shape = [5, 3, channels];
      const n = 6;
      const values = Float32Array.from({ length: n * 5 * 3 * channels }, (_, i) => Math.sin(i) * 0.7 + 0.4);
      const page = imageGrid(values, n, { height: 5, width: 3, channels }, GRID_COLUMNS);
      const app = sampleGrid(values, n, shape, GRID_COLUMNS);
      expect([page.width, page.height]).toEqual([app.width, app.height]);
      expect(Array.from(page.rgba)).toEqual(Array.from(app.rgba));
    }
  });

  it('reads whole seeds from 0 to 2^32 − 1 and refuses anything else with the range', () => {
    expect(readSeed(' 42 ')).toBe(42);
    expect(readSeed('4294967295')).toBe(4294967295);
    for (const bad of ['', '-1', '1.5', 'abc', '4294967296']) {
      expect(() => readSeed(bad), bad).toThrow(/whole number from 0 to 4294967295/);
    }
  });
});
