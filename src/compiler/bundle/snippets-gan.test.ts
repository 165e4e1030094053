/**
 * A generator's code snippets: the Node one, run from the export root with real tfjs, writes the
 * page's 16 images for seed 1 as a PGM whose bytes are the grid of tfjs's own images; the browser one
 * parses as a module, and the Keras one parses as Python and loads the Keras project.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganTemplate } from '../../model/gan-template';
import { compileSeeded } from '../../training/train';
import { tfjsPredict } from '../pytorch/parity-support';
import { extractWeights } from '../weights';
import { buildExportParts } from './export-parts';
import { ganSnippets } from './snippets-gan';
import { GRID_IMAGES, imageGrid, latentBatch } from './standalone/gan.js';
import { STANDALONE_SOURCES } from './standalone/sources';
import { exportZipEntries } from './zip';

const exec = promisify(execFile);
const TF_ES2017 = createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.es2017.min.js');
let work: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  // Inside the repository, so the snippet's `import '@tensorflow/tfjs'` finds node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  work = await mkdtemp(join(cache, 'layerloom-gan-snippets-'));
});

afterAll(() => rm(work, { recursive: true, force: true }));

describe("a GAN generator's snippets", () => {
  it("Node: writes the page's images for seed 1 as a PGM; browser and Keras parse", async () => {
    const graph = dcganTemplate([8, 8, 1], { latentDim: 16, width: 8 }).generator;
    const model = compileSeeded(graph, 4);
    const input = { name: 'gen', graph, weights: extractWeights(model, graph), gan: { trainedOn: 'digits' } };
    const { parts, metadata } = buildExportParts(input, STANDALONE_SOURCES, new Uint8Array(await readFile(TF_ES2017)));
    const want = tfjsPredict(model, [{ shape: [GRID_IMAGES, 16], values: latentBatch(1, GRID_IMAGES, 16) }])[0]!;
    model.dispose();
    const grid = imageGrid(want.values, GRID_IMAGES, { height: 8, width: 8, channels: 1 });
    const snippets = ganSnippets(metadata.gan!);

    for (const [path, bytes] of exportZipEntries(parts)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), bytes);
    }
    await writeFile(join(work, 'generate.mjs'), snippets.node);
    const { stdout } = await exec(process.execPath, ['generate.mjs'], { cwd: work, timeout: 60_000 });
    expect(stdout).toContain('Wrote 16 images to samples-seed-1.pgm');
    const pgm = await readFile(join(work, 'samples-seed-1.pgm'));
    const header = `P5 ${grid.width} ${grid.height} 255\n`;
    expect(pgm.subarray(0, header.length).toString()).toBe(header);
    const pixels = pgm.subarray(header.length);
    const expected = grid.rgba.filter((_, i) => i % 4 === 0);
    expect(pixels.length).toBe(expected.length);
    // Some spread: images, not a blank.
    expect(Math.max(...pixels) - Math.min(...pixels)).toBeGreaterThan(10);
    expect(Math.max(...Array.from(pixels, (v, i) => Math.abs(v - expected[i]!)))).toBeLessThanOrEqual(1);

    await writeFile(join(work, 'browser.mjs'), snippets.browser);
    await expect(exec(process.execPath, ['--check', join(work, 'browser.mjs')])).resolves.toBeDefined();
    expect(snippets.python).toContain('from load_weights import load_weights');
    await writeFile(join(work, 'snippet.py'), snippets.python);
    const parse = 'import ast, sys\nast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])';
    await expect(exec('python3', ['-c', parse, join(work, 'snippet.py')])).resolves.toBeDefined();
  }, 120_000);
});
