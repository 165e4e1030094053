import type { EpochLog } from '../training/types';
import { formatNumber } from './facts';
import type { TrialPlan } from './hp-search';
import { higherIsBetter } from './rule';
import type { DecisionRule, MetricValues } from './types';

/** What one training run hands back to the runner. */
export interface TrainOutcome {
  readonly history: readonly EpochLog[];
  /** What `EpochLog.metric` measures. */
  readonly metric?: 'accuracy' | 'mae';
  /** Validation scores by rule metric name, when known; search trials are ranked by these first. */
  readonly validation?: MetricValues;
  /** Opaque handle that lets `evaluate` find this run's model (a run id, say). */
  readonly runId?: string;
}

export interface TrialResult {
  readonly plan: TrialPlan;
  readonly outcome: TrainOutcome | null;
  /** What the trial was ranked by ("val accuracy 0.93"); null when it failed. */
  readonly scoreText: string | null;
  readonly error: string | null;
}

type Score = { readonly value: number; readonly higherBetter: boolean; readonly text: string };
type Basis = (o: TrainOutcome) => Score | null;

/** Ways to rank trials, best first: the rule's metric on validation data, then validation loss, then training loss. */
function bases(rule: DecisionRule): Basis[] {
  const hb = higherIsBetter(rule.metric);
  const last = (o: TrainOutcome) => o.history.at(-1);
  const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  return [
    (o) =>
      ok(o.validation?.[rule.metric])
        ? {
            value: o.validation[rule.metric]!,
            higherBetter: hb,
            text: `val ${rule.metric} ${formatNumber(o.validation[rule.metric]!)}`,
          }
        : null,
    (o) => {
      const v = last(o)?.valMetric;
      return o.metric === rule.metric && ok(v)
        ? { value: v, higherBetter: hb, text: `val ${rule.metric} ${formatNumber(v)}` }
        : null;
    },
    (o) => {
      const v = last(o)?.valLoss;
      return ok(v) ? { value: v, higherBetter: false, text: `val loss ${formatNumber(v)}` } : null;
    },
    (o) => {
      const v = last(o)?.loss;
      return ok(v) ? { value: v, higherBetter: false, text: `loss ${formatNumber(v)}` } : null;
    },
  ];
}

/**
 * Scores every finished trial on the first basis they all share (writing `scoreText` into
 * `trials`), and returns the best one's index.
 */
export function rankTrials(trials: TrialResult[], rule: DecisionRule): number | null {
  const done = trials.map((t, i) => [t, i] as const).filter(([t]) => t.outcome);
  const basis = bases(rule).find((b) => done.length > 0 && done.every(([t]) => b(t.outcome!) !== null));
  if (!basis) return done[0]?.[1] ?? null;
  let best: { i: number; score: Score } | null = null;
  for (const [t, i] of done) {
    const score = basis(t.outcome!)!;
    trials[i] = { ...t, scoreText: score.text };
    const better = !best || (score.higherBetter ? score.value > best.score.value : score.value < best.score.value);
    if (better) best = { i, score };
  }
  return best?.i ?? null;
}
