import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { INITIALIZERS } from '../../model/params';
import { compile } from '../compile';
import { extractWeights } from '../weights';
import { buildPytorchFiles } from './index';
import { runWithProject } from './parity-support';

/** model.py's functions for a trainer: fresh Keras-style initialization and the regularizers' penalty. */

describe('build_model', () => {
  it('initializes each weight as its Keras initializer does (spread by fan-in and fan-out)', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [3] } },
      { type: 'Dense', params: { units: 2 } },
    ]);
    const files = buildPytorchFiles(graph, extractWeights(compile(graph), graph), { modelName: 'init' });
    // Keras's standard deviation of each initializer for a [300, 200] kernel (fan-in 300, fan-out 200).
    const expected: Record<(typeof INITIALIZERS)[number], number> = {
      GlorotUniform: Math.sqrt(2 / 500),
      GlorotNormal: Math.sqrt(2 / 500),
      HeUniform: Math.sqrt(2 / 300),
      HeNormal: Math.sqrt(2 / 300),
      LecunUniform: Math.sqrt(1 / 300),
      LecunNormal: Math.sqrt(1 / 300),
      RandomUniform: 0.1 / Math.sqrt(12),
      RandomNormal: 0.05,
      // A normal of 0.05 cut at two standard deviations.
      TruncatedNormal: 0.05 * 0.8796,
      Orthogonal: 1 / Math.sqrt(300),
      Zeros: 0,
      Ones: 0,
    };
    const out = await runWithProject(
      files,
      String.raw`
import json, sys, torch
sys.path.insert(0, sys.argv[1])
import model as m
torch.manual_seed(0)
stats = {}
for how in json.loads(sys.argv[2]):
    t = torch.empty(300, 200)
    m.init_weight(t, how)
    stats[how] = [t.std().item(), t.mean().item()]
print(json.dumps(stats))
`,
      [JSON.stringify(INITIALIZERS)],
    );
    const stats = JSON.parse(out) as Record<string, [number, number]>;
    for (const how of INITIALIZERS) {
      const [std, mean] = stats[how] as [number, number];
      expect(Math.abs(std - expected[how]), how).toBeLessThanOrEqual(0.03 * expected[how] + 1e-7);
      expect(mean, how).toBeCloseTo(how === 'Ones' ? 1 : 0, 2);
    }
  });
});

describe('regularization_loss', () => {
  it('adds l1·|w| + l2·w² over the regularized weights, both halves of a Bidirectional included', async () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [4, 3] } },
      {
        type: 'Bidirectional',
        name: 'bi',
        params: { units: 2, kernel_regularizer: { l1: 0.01, l2: 0 }, bias_regularizer: { l1: 0, l2: 0.5 } },
      },
      { type: 'Dense', name: 'plain', params: { units: 1 } },
    ]);
    const weights = extractWeights(compile(graph), graph);
    let expected = 0;
    for (const w of weights.bi ?? []) {
      for (const v of w.values) {
        if (w.name.endsWith('/kernel') && !w.name.endsWith('recurrent_kernel')) expected += 0.01 * Math.abs(v);
        if (w.name.endsWith('/bias')) expected += 0.5 * v * v;
      }
    }
    const files = buildPytorchFiles(graph, weights, { modelName: 'regularized' });
    const out = await runWithProject(
      files,
      'import sys\nsys.path.insert(0, sys.argv[1])\nimport model as m\nprint(float(m.regularization_loss(m.load_model())))',
    );
    expect(expected).toBeGreaterThan(0.01);
    expect(Math.abs(Number(out) - expected)).toBeLessThan(1e-6);
  });
});
