import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { fitTemplate, type DataFacts } from '../../model/template-fit';
import { checkParity } from '../pytorch/parity-check';
import { onnxParity } from './parity-support';

/**
 * Templates sized to data of several parts export to ONNX and PyTorch with one graph input per
 * part, named as the part (so a record's slices are fed by name), and predict what tfjs predicts.
 */
const facts: Record<string, DataFacts> = {
  recommendation: {
    kind: 'tabular',
    task: 'binary',
    inputShape: [5],
    classes: 2,
    inputs: [
      { name: 'user_id', shape: [1], dtype: 'int32', role: 'id', vocabulary: 12 },
      { name: 'features', shape: [3], dtype: 'float32', role: 'features' },
      { name: 'item_id', shape: [1], dtype: 'int32', role: 'id', vocabulary: 9 },
    ],
  },
  'text-table': {
    kind: 'tabular',
    task: 'multiclass',
    inputShape: [12],
    classes: 3,
    inputs: [
      { name: 'review', shape: [10], dtype: 'int32', role: 'text', vocabulary: 40 },
      { name: 'features', shape: [2], dtype: 'float32', role: 'features' },
    ],
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exports of a model with several Inputs', () => {
  it.each(Object.keys(facts))('%s: one ONNX graph input per part, by name, within 1e-4 of tfjs', async (id) => {
    const f = facts[id]!;
    const r = await onnxParity(fitTemplate(id, f), { batch: 3, randomize: 'perturb' });
    const session = await ort.InferenceSession.create(r.bytes);
    expect([...session.inputNames].sort()).toEqual(f.inputs!.map((p) => p.name).sort());
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(r.scale).toBeGreaterThan(0.01);
  });

  it('PyTorch: both fitted templates match tfjs within 1e-4 and give the weights back', async () => {
    const results = await checkParity(
      Object.entries(facts).map(([id, f]) => ({
        name: id.replace('-', '_'),
        graph: fitTemplate(id, f),
        batch: 3,
        maxId: 9,
      })),
      3,
    );
    for (const r of results) {
      expect(r.maxDiff, r.name).toBeLessThanOrEqual(1e-4);
      expect(r.maxAbs, r.name).toBeGreaterThan(1e-3);
      expect(r.weightsProblem, r.name).toBeNull();
    }
  }, 180_000);
});
