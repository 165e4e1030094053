import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateGraph, templates } from '../../model/templates';
import { checkOnnxModels, onnxParity } from './parity-support';

/** Every template exports to ONNX and predicts what tfjs predicts (initial weights perturbed by seeded noise, seeded random inputs). */

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
      const r = await onnxParity(templateGraph(t.id), { batch: 2, randomize: 'perturb' });
      table.push({ template: t.id, maxAbsDiff: r.maxAbsDiff, scale: r.scale, kb: Math.round(r.bytes.length / 1024) });
      bytes[t.id] = r.bytes;
      expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
      expect(r.scale).toBeGreaterThan(0.01);
    });
  }

  it('passes onnx.checker.check_model(full_check=True)', async () => {
    const results = await checkOnnxModels(bytes);
    expect(Object.keys(results)).toEqual(templates.map((t) => t.id));
    expect(Object.entries(results).filter(([, e]) => e !== null)).toEqual([]);
  });
});
