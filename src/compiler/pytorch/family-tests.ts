import { beforeAll, describe, expect, it } from 'vitest';
import { checkParity, type ParityCase, type ParityResult } from './parity-check';

/**
 * Test-only: the tests every layer-family file runs. All cases go through one Python process
 * (torch's import costs a second); then one test per case: within 1e-4 of tfjs, with outputs large
 * enough to tell, the weights given back exactly by tfjs_weights, and a gradient for every
 * trainable weight.
 */
export function pytorchFamily(title: string, cases: readonly ParityCase[], seed?: number): void {
  let results: Map<string, ParityResult>;

  beforeAll(async () => {
    results = new Map((await checkParity(cases, seed)).map((r) => [r.name, r]));
  }, 900_000);

  describe(title, () => {
    it.each(cases.map((c) => c.name))('%s matches tfjs within 1e-4 and gives the weights back', (name) => {
      const r = results.get(name) as ParityResult;
      console.log(`${name}: max |tfjs - torch| = ${r.maxDiff.toExponential(2)} (outputs up to ${r.maxAbs.toFixed(3)})`);
      expect(r.maxDiff).toBeLessThanOrEqual(1e-4);
      expect(r.maxAbs).toBeGreaterThan(1e-3);
      expect(r.weightsProblem).toBeNull();
      if (r.run.noGradient) expect(r.run.noGradient).toEqual([]);
    });
  });
}
