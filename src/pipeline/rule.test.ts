import { describe, expect, it } from 'vitest';
import type { TestMetrics } from '../worker/train-protocol';
import { defaultOp, evaluateRule, formatPair, metricValuesFromTest, ruleText, shortfall } from './rule';
import type { DecisionRule } from './types';

const rule = (metric: DecisionRule['metric'], op: DecisionRule['op'], threshold: number): DecisionRule => ({
  metric,
  op,
  threshold,
});

describe('evaluateRule', () => {
  it('passes and fails accuracy ≥ 0.90 with the numbers in the text', () => {
    expect(evaluateRule(rule('accuracy', '>=', 0.9), { accuracy: 0.93 })).toMatchObject({
      met: true,
      value: 0.93,
      text: 'accuracy 0.93 ≥ 0.90 ✓',
    });
    expect(evaluateRule(rule('accuracy', '>=', 0.9), { accuracy: 0.85 })).toMatchObject({
      met: false,
      text: 'accuracy 0.85 < 0.90 ✗',
    });
  });

  it('treats the boundary by the operator', () => {
    expect(evaluateRule(rule('accuracy', '>=', 0.9), { accuracy: 0.9 }).met).toBe(true);
    expect(evaluateRule(rule('accuracy', '>', 0.9), { accuracy: 0.9 })).toMatchObject({
      met: false,
      text: 'accuracy 0.90 ≤ 0.90 ✗',
    });
    expect(evaluateRule(rule('mae', '<=', 2), { mae: 2 }).met).toBe(true);
    expect(evaluateRule(rule('mae', '<', 2), { mae: 2 }).met).toBe(false);
  });

  it('works for lower-is-better metrics', () => {
    expect(evaluateRule(rule('mae', '<=', 0.5), { mae: 0.42 })).toMatchObject({ met: true, text: 'mae 0.42 ≤ 0.50 ✓' });
    expect(evaluateRule(rule('rmse', '<=', 0.5), { rmse: 0.61 })).toMatchObject({
      met: false,
      text: 'rmse 0.61 > 0.50 ✗',
    });
  });

  it('adds decimals until a near miss reads as a miss', () => {
    expect(evaluateRule(rule('accuracy', '>=', 0.9), { accuracy: 0.8996 }).text).toBe('accuracy 0.8996 < 0.9000 ✗');
    expect(formatPair(0.9251, 0.925)).toEqual(['0.9251', '0.9250']);
  });

  it('explains a metric the evaluation did not report', () => {
    const check = evaluateRule(rule('f1', '>=', 0.8), { accuracy: 0.9, loss: 0.3 });
    expect(check.met).toBe(false);
    expect(check.value).toBeNull();
    expect(check.text).toMatch(/f1 was not measured.*accuracy, loss/);
    expect(evaluateRule(rule('f1', '>=', 0.8), null).text).toMatch(/not measured yet/);
  });

  it('fails on NaN', () => {
    expect(evaluateRule(rule('mae', '<=', 1), { mae: Number.NaN })).toMatchObject({
      met: false,
      text: expect.stringMatching(/NaN/),
    });
  });
});

describe('helpers', () => {
  it('picks the better-direction operator', () => {
    expect(defaultOp('accuracy')).toBe('>=');
    expect(defaultOp('r2')).toBe('>=');
    expect(defaultOp('rmse')).toBe('<=');
  });

  it('measures the shortfall in the metric direction', () => {
    expect(shortfall(evaluateRule(rule('accuracy', '>=', 0.9), { accuracy: 0.7 }))).toBeCloseTo(0.2);
    expect(shortfall(evaluateRule(rule('mae', '<=', 1), { mae: 1.5 }))).toBeCloseTo(0.5);
    expect(shortfall(evaluateRule(rule('mae', '<=', 1), { mae: 0.5 }))).toBeCloseTo(-0.5);
  });

  it('writes the rule', () => {
    expect(ruleText(rule('accuracy', '>=', 0.9))).toBe('accuracy ≥ 0.90');
    expect(ruleText(rule('mae', '<', 12.125))).toBe('mae < 12.125');
  });

  it('flattens worker test metrics, deriving RMSE', () => {
    const reg: TestMetrics = { loss: 0.25, n: 10, metrics: { kind: 'regression', mae: 0.4, mse: 0.25, r2: 0.8 } };
    expect(metricValuesFromTest(reg)).toEqual({ loss: 0.25, mae: 0.4, mse: 0.25, rmse: 0.5, r2: 0.8 });
    const cls = {
      loss: 0.3,
      n: 10,
      metrics: { kind: 'classification', accuracy: 0.9, f1: 0.88 },
    } as unknown as TestMetrics;
    expect(metricValuesFromTest(cls)).toEqual({ loss: 0.3, accuracy: 0.9, f1: 0.88 });
    expect(metricValuesFromTest(null)).toBeNull();
  });
});
