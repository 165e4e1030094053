import { describe, expect, it } from 'vitest';
import type { LanguageModelMetrics } from '../training/text/lm-metrics';
import { ruleSchema } from './config-check';
import { rankTrials, type TrialResult } from './trial-ranking';
import { defaultOp, evaluateRule, higherIsBetter, metricsForTask, metricValuesFromTest, shortfall } from './rule';

const lm = (bitsPerChar: number | null, perplexity = 4.2): LanguageModelMetrics => ({
  kind: 'language-model',
  tokens: 1000,
  accuracy: 0.41,
  natsPerToken: Math.log(perplexity),
  perplexity,
  bitsPerChar,
});

describe('language-model rule metrics', () => {
  it('reads bits per character and perplexity from a next-token run’s test score', () => {
    const values = metricValuesFromTest({
      loss: 1.5,
      n: 40,
      metrics: { kind: 'classification', accuracy: 0.41 },
      languageModel: lm(2.1),
    });
    expect(values).toMatchObject({ bitsPerChar: 2.1, perplexity: 4.2, accuracy: 0.41, loss: 1.5 });
    // Unknown characters per token: no bits per character, and the rule says it was not measured.
    const noChars = metricValuesFromTest({
      loss: 1.5,
      n: 40,
      metrics: { kind: 'classification', accuracy: 0.41 },
      languageModel: lm(null),
    });
    expect(noChars?.bitsPerChar).toBeUndefined();
    expect(evaluateRule({ metric: 'bitsPerChar', op: '<=', threshold: 2.5 }, noChars).text).toMatch(
      /bitsPerChar was not measured/,
    );
  });

  it('checks "bits per character ≤ 2.5" with the numbers, lower being better', () => {
    expect(defaultOp('bitsPerChar')).toBe('<=');
    expect(defaultOp('perplexity')).toBe('<=');
    expect(higherIsBetter('bitsPerChar')).toBe(false);
    const rule = { metric: 'bitsPerChar' as const, op: '<=' as const, threshold: 2.5 };
    expect(evaluateRule(rule, { bitsPerChar: 2.31 })).toMatchObject({ met: true, text: 'bitsPerChar 2.31 ≤ 2.50 ✓' });
    const miss = evaluateRule(rule, { bitsPerChar: 2.8 });
    expect(miss).toMatchObject({ met: false, text: 'bitsPerChar 2.80 > 2.50 ✗' });
    expect(shortfall(miss)).toBeCloseTo(0.3);
    expect(metricsForTask('classification')).toEqual(expect.arrayContaining(['bitsPerChar', 'perplexity']));
  });

  it('refuses thresholds no language model can meet, saying why', () => {
    const bad = (metric: 'bitsPerChar' | 'perplexity', threshold: number) =>
      ruleSchema.safeParse({ metric, op: '<=', threshold }).error?.issues[0]?.message;
    expect(bad('bitsPerChar', -1)).toMatch(/never negative/);
    expect(bad('perplexity', 0.5)).toMatch(/perplexity is at least 1/);
    expect(bad('bitsPerChar', 2.5)).toBeUndefined();
    expect(bad('perplexity', 12)).toBeUndefined();
  });
});

describe('search trials under a bits-per-character rule', () => {
  it('keep the trial with the lowest validation loss (nats per token), not the best per-token accuracy', () => {
    const trial = (index: number, valLoss: number, valMetric: number): TrialResult => ({
      plan: { index, overrides: {}, label: `trial ${index}` },
      outcome: {
        metric: 'accuracy',
        history: [{ epoch: 1, loss: 2, metric: 0.3, valLoss, valMetric, lr: 0.001, seconds: 1, samplesPerSec: 10 }],
      },
      scoreText: null,
      error: null,
    });
    const trials = [trial(1, 1.9, 0.6), trial(2, 1.4, 0.4), trial(3, 1.7, 0.5)];
    expect(rankTrials(trials, { metric: 'bitsPerChar', op: '<=', threshold: 2.5 })).toBe(1);
    expect(trials[1]!.scoreText).toBe('val loss 1.4');
  });
});
