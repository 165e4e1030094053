import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadImageBuiltin } from '../data/builtins';
import { readMetadata } from '../compiler/bundle/metadata';
import { importLayersModel } from '../model/keras-import';
import { setupWasm } from '../training/backend-wasm';
import { runGanTraining } from './train-gan';

const PUBLIC = join(__dirname, '..', '..', 'public');

// wasm, the CLI's default: tfjs-backend-cpu's Conv2DBackpropFilter takes seconds per DCGAN step.
beforeAll(async () => {
  await setupWasm();
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('runGanTraining', () => {
  it('trains the DCGAN on the digits built-in; the last JSON line holds score and bounds; --out writes samples.png and the generator’s full export (metadata.json with its gan part, tfjs, page, Keras, ONNX, PyTorch)', async () => {
    const digits = await loadImageBuiltin(
      'digits',
      async (name) => new Uint8Array(await readFile(join(PUBLIC, 'datasets', name))),
    );
    const out = await mkdtemp(join(tmpdir(), 'gan-'));
    const lines: string[] = [];
    try {
      const summary = await runGanTraining(digits, {
        epochs: 1,
        seed: 2,
        out,
        json: true,
        print: (l) => lines.push(l),
        scoreImages: 200,
      });
      expect(lines).toHaveLength(2);
      const last = JSON.parse(lines.at(-1)!) as Record<string, Record<string, Record<string, number>>>;
      expect(Object.keys(last.score!).sort()).toEqual(['frechet', 'inception']);
      expect(last.bounds!.real!.frechet).toBeLessThan(last.bounds!.noise!.frechet!);
      expect(last.score).toEqual(summary.score);
      expect(JSON.parse(lines[0]!)).toMatchObject({ epoch: 1 });

      const png = PNG.sync.read(await readFile(join(out, 'samples.png')));
      expect([png.width, png.height]).toEqual([8 * 8 + 7, 8 * 8 + 7]);
      // The app's generator export, as a folder: metadata.json says it is a generator and names the run's scores.
      const metadata = readMetadata(await readFile(join(out, 'metadata.json')));
      expect(metadata.gan).toMatchObject({
        role: 'generator',
        latent: { size: 64 },
        image: { height: 8, width: 8, channels: 1 },
      });
      expect(metadata.dataset).toEqual({ name: digits.name, kind: 'image' });
      expect(metadata.run).toMatchObject({ id: 'cli', epochs: 1, test: { ...summary.score, n: 200 } });
      expect(readMetadata(await readFile(join(out, 'tfjs', 'metadata.json')))).toEqual(metadata);
      for (const path of ['web/gan.js', 'web/index.html', 'onnx/model.onnx', 'pytorch/model.py', 'keras/model.py']) {
        expect(summary.files).toContain(join(out, ...path.split('/')));
        expect((await readFile(join(out, ...path.split('/')))).byteLength).toBeGreaterThan(0);
      }
      const json: unknown = JSON.parse(await readFile(join(out, 'tfjs', 'model.json'), 'utf8'));
      const weights = await readFile(join(out, 'tfjs', 'weights.bin'));
      const imported = importLayersModel(
        json,
        weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      );
      expect(imported.graph.nodes.map((n) => n.name)).toContain('g_image');
      expect(Object.keys(imported.weights ?? {})).toContain('g_project');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
