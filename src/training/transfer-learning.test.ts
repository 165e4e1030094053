import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyWeights } from '../compiler/weights';
import { loadImageBuiltin } from '../data/builtins';
import type { PreparedDataset, Split } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import { loadPretrainedTemplate, type ReadModelFile } from '../model/pretrained';
import { setupWasm } from './backend-wasm';
import { evaluate } from './evaluate';
import { compileSeeded, train } from './train';

/**
 * Acceptance test for transfer learning: the shipped Fashion-MNIST backbone, frozen, with a new
 * head fine-tuned on the 8×8 digits scaled up to 28×28.
 */

const PUBLIC = join(__dirname, '..', '..', 'public');
const readPublic: ReadModelFile = async (path) => new Uint8Array(await readFile(join(PUBLIC, path)));

beforeAll(async () => {
  await setupWasm();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** Bilinear resize of one-channel images, sampling at pixel centres (as a canvas draws them). */
function resizeSplit(split: Split, from: number, to: number): Split {
  const x = new Float32Array(split.n * to * to);
  const scale = from / to;
  const at = (img: number, r: number, c: number) =>
    split.x[img * from * from + Math.min(from - 1, Math.max(0, r)) * from + Math.min(from - 1, Math.max(0, c))]!;
  for (let i = 0; i < split.n; i++) {
    for (let r = 0; r < to; r++) {
      const sy = (r + 0.5) * scale - 0.5;
      const y0 = Math.floor(sy);
      const fy = sy - y0;
      for (let c = 0; c < to; c++) {
        const sx = (c + 0.5) * scale - 0.5;
        const x0 = Math.floor(sx);
        const fx = sx - x0;
        const top = at(i, y0, x0) * (1 - fx) + at(i, y0, x0 + 1) * fx;
        const bottom = at(i, y0 + 1, x0) * (1 - fx) + at(i, y0 + 1, x0 + 1) * fx;
        x[(i * to + r) * to + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { n: split.n, x, y: split.y };
}

async function digits28(): Promise<PreparedDataset> {
  const d = await loadImageBuiltin('digits', (name) => readPublic(`datasets/${name}`));
  const [h] = d.inputShape;
  return {
    ...d,
    inputShape: [28, 28, 1],
    train: resizeSplit(d.train, h!, 28),
    validation: resizeSplit(d.validation, h!, 28),
    test: resizeSplit(d.test, h!, 28),
  };
}

const size = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 1), 1);

describe('transfer learning from the Fashion-MNIST backbone', () => {
  it('trains only the new head and reaches ≥ 0.85 test accuracy on digits in 3 epochs', async () => {
    const data = await digits28();
    const { graph, weights } = await loadPretrainedTemplate('transfer-fashion', readPublic);
    const analysis = analyzeGraph(graph);
    expect(analysis.errors).toEqual([]);
    const head = graph.nodes.find((n) => n.name === 'classifier')!;
    const headParams = analysis.counts.get(head.id)!;
    expect(analysis.totals.trainable).toBe(headParams.total);
    expect(analysis.totals.nonTrainable).toBe(analysis.totals.total - headParams.total);
    expect(Object.keys(weights).sort()).toEqual(['fb_conv1', 'fb_conv2', 'fb_features']);

    const tensorsBefore = tf.memory().numTensors;
    const model = compileSeeded(graph, 5);
    applyWeights(model, weights);
    expect(model.trainableWeights.map((w) => w.originalName).sort()).toEqual(['classifier/bias', 'classifier/kernel']);
    expect(model.trainableWeights.reduce((n, w) => n + size(w.shape), 0)).toBe(analysis.totals.trainable);

    // Raw bytes of every pretrained weight, so "unchanged" means bit for bit.
    const backboneBytes = () =>
      Object.keys(weights).map((name) =>
        model
          .getLayer(name)
          .getWeights()
          .map((t) => Array.from(new Uint8Array((t.dataSync() as Float32Array).slice().buffer))),
      );
    const frozenBefore = backboneBytes();
    expect(frozenBefore[0]![0]!.slice(0, 4)).toEqual(
      Array.from(new Uint8Array(weights.fb_conv1![0]!.values.buffer, 0, 4)),
    );
    const result = await train(model, data, {
      epochs: 3,
      seed: 5,
      batchSize: 32,
      optimizer: { name: 'adam', learningRate: 0.01 },
    });
    expect(result.status).toBe('completed');
    expect(backboneBytes()).toEqual(frozenBefore);

    const test = await evaluate(model, data.test, data.task);
    if (test.metrics.kind !== 'classification') throw new Error('digits is a classification task');
    console.log(`digits test accuracy after 3 epochs: ${test.metrics.accuracy.toFixed(4)} (${test.n} images)`);
    expect(test.metrics.accuracy).toBeGreaterThanOrEqual(0.85);
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }, 40_000);
});
