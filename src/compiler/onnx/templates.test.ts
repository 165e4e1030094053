import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateGraph, templates } from '../../model/templates';
import { compileSeeded } from '../../training/train';
import { extractWeights } from '../weights';
import { checkOnnxModels, onnxParity, randomizeWeights } from './parity-support';

/**
 * Every template exports to ONNX and predicts what tfjs predicts: seeded initial weights perturbed
 * by seeded noise (unseeded ones left gru-regressor's outputs under 0.01 now and then), seeded inputs.
 */

const TOLERANCE = 1e-4;

describe('ONNX export of every template', () => {
  const table: { template: string; maxAbsDiff: number; scale: number; kb: number }[] = [];
  const bytes: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  afterAll(() => {
    console.table(table.map((r) => ({ ...r, maxAbsDiff: r.maxAbsDiff.toExponential(2), scale: r.scale.toFixed(3) })));
  });

  for (const t of templates) {
    it(`${t.id}: within ${TOLERANCE} of tfjs`, async () => {
      const graph = templateGraph(t.id);
      const seeded = compileSeeded(graph, 7);
      const weights = randomizeWeights(extractWeights(seeded, graph), 7, 'perturb');
      seeded.dispose();
      const r = await onnxParity(graph, { batch: 2, weights });
      table.push({ template: t.id, maxAbsDiff: r.maxAbsDiff, scale: r.scale, kb: Math.round(r.bytes.length / 1024) });
      bytes[t.id] = r.bytes;
      expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
      expect(r.scale).toBeGreaterThan(0.01);
      // Twelve templates now (the text ones included); the LSTM's 10,000-word embedding is the slowest.
    }, 90_000);
  }

  it('passes onnx.checker.check_model(full_check=True)', async () => {
    const results = await checkOnnxModels(bytes);
    expect(Object.keys(results)).toEqual(templates.map((t) => t.id));
    expect(Object.entries(results).filter(([, e]) => e !== null)).toEqual([]);
  });
});
