import { beforeAll, describe, expect, it } from 'vitest';
import { templateGraph, templates } from '../../model/templates';
import { compileSeeded } from '../../training/train';
import { extractWeights } from '../weights';
import { checkParity, type ParityResult } from './parity-check';

/**
 * Every template exported to PyTorch predicts what tfjs predicts; prints the table of differences.
 * Its initial weights are seeded, so a run is repeatable (Keras initializers keep deep models out of
 * saturation, where a softmax would hide differences).
 */
function seededWeights(id: string) {
  const graph = templateGraph(id);
  const model = compileSeeded(graph, 5);
  const weights = extractWeights(model, graph);
  model.dispose();
  return weights;
}

let results: ParityResult[];

beforeAll(async () => {
  results = await checkParity(
    templates.map((t) => ({ name: t.id, graph: templateGraph(t.id), batch: 2, weights: seededWeights(t.id) })),
    5,
  );
  const rows = results.map((r) => `| ${r.name} | ${r.maxDiff.toExponential(2)} | ${r.maxAbs.toFixed(3)} |`);
  console.log(['| template | max abs diff | max abs output |', '| --- | --- | --- |', ...rows].join('\n'));
}, 900_000);

describe('PyTorch export of the templates', () => {
  it.each(templates.map((t) => t.id))('%s matches tfjs within 1e-4 and gives the weights back', (id) => {
    const r = results.find((x) => x.name === id) as ParityResult;
    expect(r.maxDiff).toBeLessThanOrEqual(1e-4);
    expect(r.maxAbs).toBeGreaterThan(1e-3);
    expect(r.weightsProblem).toBeNull();
  });
});
