import { describe, expect, it } from 'vitest';
import { ruleSchema } from './config-check';
import { defaultOp, evaluateRule, higherIsBetter, metricsForTask, shortfall } from './rule';
import { FRECHET_TARGET, frechetTarget, ganMetricValues } from './rule-gan';

const report = (frechet: number, noise = 210) => ({
  score: { inception: 4, frechet },
  bounds: { real: { inception: 7.4, frechet: 4.3 }, noise: { inception: 1.06, frechet: noise } },
});

describe('the GAN rule: Fréchet distance ≤ target', () => {
  it('reads the generator’s distance from its scores, lower being better', () => {
    expect(ganMetricValues(report(68))).toEqual({ frechet: 68 });
    expect(higherIsBetter('frechet')).toBe(false);
    expect(defaultOp('frechet')).toBe('<=');
    expect(metricsForTask('classification')).toContain('frechet');
  });

  it('is met at or below the target and says by how much it is missed', () => {
    const rule = { metric: 'frechet' as const, op: '<=' as const, threshold: FRECHET_TARGET };
    expect(evaluateRule(rule, ganMetricValues(report(68)))).toMatchObject({
      met: true,
      text: 'frechet 68.00 ≤ 105.00 ✓',
    });
    const miss = evaluateRule(rule, ganMetricValues(report(140)));
    expect(miss).toMatchObject({ met: false, text: 'frechet 140.00 > 105.00 ✗' });
    expect(shortfall(miss)).toBeCloseTo(35);
    expect(evaluateRule(rule, { accuracy: 0.9 }).text).toMatch(/frechet was not measured/);
  });

  it('defaults to half of uniform noise’s distance, refusing a bound that is no distance', () => {
    expect(frechetTarget(report(0).bounds.noise.frechet)).toBe(105);
    expect(FRECHET_TARGET).toBe(frechetTarget(210));
    expect(() => frechetTarget(Number.NaN)).toThrow(/noise bound .* NaN.*score the generator again/);
    expect(() => frechetTarget(0)).toThrow(/no target/);
  });

  it('refuses a negative threshold, saying a distance is never negative', () => {
    const bad = ruleSchema.safeParse({ metric: 'frechet', op: '<=', threshold: -1 }).error?.issues[0]?.message;
    expect(bad).toMatch(/frechet is never negative/);
    expect(ruleSchema.safeParse({ metric: 'frechet', op: '<=', threshold: 105 }).success).toBe(true);
  });
});
