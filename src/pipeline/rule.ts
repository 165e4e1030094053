import type { TestMetrics } from '../worker/train-protocol';
import { RULE_METRICS, type DecisionRule, type MetricValues, type RuleMetric, type RuleOp } from './types';

export const OP_SYMBOL: Readonly<Record<RuleOp, string>> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
/** The comparison that holds when `op` does not: shown for a missed target ("0.85 < 0.90"). */
const NEGATED: Readonly<Record<RuleOp, RuleOp>> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=' };

const HIGHER_IS_BETTER: ReadonlySet<RuleMetric> = new Set(['accuracy', 'f1', 'precision', 'recall', 'r2']);

export function higherIsBetter(metric: RuleMetric): boolean {
  return HIGHER_IS_BETTER.has(metric);
}

/** Metrics that make sense for a task: the rule editor offers these, and status flags a mismatch. */
export function metricsForTask(task: 'classification' | 'regression'): readonly RuleMetric[] {
  // A language model is a classifier over its vocabulary at every position (task 'next-token');
  // a GAN's images come from a classified image set, and its discriminator is a classifier.
  return task === 'classification'
    ? ['accuracy', 'f1', 'precision', 'recall', 'loss', 'bitsPerChar', 'perplexity', 'frechet']
    : ['mae', 'rmse', 'mse', 'r2', 'loss'];
}

/** The comparison that means "better than" for a metric: ≥ for accuracy, ≤ for MAE. */
export function defaultOp(metric: RuleMetric): RuleOp {
  return higherIsBetter(metric) ? '>=' : '<=';
}

export function compare(value: number, op: RuleOp, threshold: number): boolean {
  switch (op) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
  }
}

function decimals(x: number): number {
  const s = String(x);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : s.length - dot - 1;
}

/**
 * The two numbers as text with enough decimals to tell them apart (at least 2, as many as the
 * threshold was typed with), so a miss never reads "0.90 < 0.90".
 */
export function formatPair(value: number, threshold: number): [string, string] {
  let digits = Math.min(Math.max(2, decimals(threshold)), 6);
  while (digits < 6 && value !== threshold && value.toFixed(digits) === threshold.toFixed(digits)) digits++;
  return [value.toFixed(digits), threshold.toFixed(digits)];
}

export function ruleText(rule: DecisionRule): string {
  const [, t] = formatPair(rule.threshold, rule.threshold);
  return `${rule.metric} ${OP_SYMBOL[rule.op]} ${t}`;
}

export interface RuleCheck {
  readonly met: boolean;
  /** "accuracy 0.93 ≥ 0.90 ✓", "accuracy 0.85 < 0.90 ✗", or why it could not be checked. */
  readonly text: string;
  /** The measured value, null when the evaluation did not produce the metric. */
  readonly value: number | null;
  readonly rule: DecisionRule;
}

export function evaluateRule(rule: DecisionRule, metrics: MetricValues | null): RuleCheck {
  const value = metrics?.[rule.metric];
  if (value === undefined || metrics === null) {
    const have = metrics ? Object.keys(metrics).join(', ') : '';
    return {
      met: false,
      value: null,
      rule,
      text: have
        ? `${rule.metric} was not measured (the evaluation gave ${have}); pick one of those in the rule`
        : `${rule.metric} not measured yet`,
    };
  }
  if (!Number.isFinite(value))
    return {
      met: false,
      value,
      rule,
      text: `${rule.metric} is ${value}; the model did not produce usable predictions ✗`,
    };
  const met = compare(value, rule.op, rule.threshold);
  const [v, t] = formatPair(value, rule.threshold);
  const op = OP_SYMBOL[met ? rule.op : NEGATED[rule.op]];
  return { met, value, rule, text: `${rule.metric} ${v} ${op} ${t} ${met ? '✓' : '✗'}` };
}

/** Positive when the value misses the target, in the metric's own units (0.05 = 5 points short). */
export function shortfall(check: RuleCheck): number | null {
  if (check.value === null || !Number.isFinite(check.value)) return null;
  const { threshold, metric } = check.rule;
  return higherIsBetter(metric) ? threshold - check.value : check.value - threshold;
}

/**
 * Flattens the worker's test metrics into rule metric names. Any rule metric the evaluation
 * reports is taken as is (so F1 and friends work once the evaluation computes them); RMSE is
 * derived from MSE. A language model's bits per character and perplexity come from its
 * `languageModel` scores (bits per character only when the tokenizer's characters are known).
 */
export function metricValuesFromTest(test: TestMetrics | null): MetricValues | null {
  if (!test) return null;
  const out: { -readonly [K in RuleMetric]?: number } = {};
  const reported = test.metrics as unknown as Readonly<Record<string, unknown>>;
  for (const name of RULE_METRICS) {
    const v = reported[name];
    if (typeof v === 'number') out[name] = v;
  }
  if (out.rmse === undefined && out.mse !== undefined && out.mse >= 0) out.rmse = Math.sqrt(out.mse);
  if (Number.isFinite(test.loss)) out.loss = test.loss;
  const lm = test.languageModel;
  if (lm) {
    if (lm.bitsPerChar !== null) out.bitsPerChar = lm.bitsPerChar;
    out.perplexity = lm.perplexity;
  }
  return out;
}
