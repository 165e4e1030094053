import type { TrainConfigInput } from '../training/config';
import type { EpochLog } from '../training/types';
import type { GraphFacts } from './facts';
import { pipelineRule } from './model';
import { evaluateRule, type RuleCheck } from './rule';
import { suggest, type Suggestion, type SuggestionInput } from './suggestions';
import type { MetricValues, Pipeline } from './types';

/** The run an evaluation judged, as far as the suggestions need it; null for a model that came with its weights. */
export interface JudgedRun {
  readonly epochs: readonly EpochLog[];
  readonly metric: 'accuracy' | 'mae';
  readonly config: TrainConfigInput;
}

export interface OptimizeAdvice {
  readonly check: RuleCheck | null;
  readonly suggestions: readonly Suggestion[];
}

/** The settings a run trained with, as the suggestions cite them; null when the config does not say. */
export function runSettings(config: TrainConfigInput): SuggestionInput['settings'] {
  const learningRate = (config.optimizer as { learningRate?: number } | undefined)?.learningRate;
  if (learningRate === undefined) return null;
  return { learningRate, epochs: config.epochs ?? 20, earlyStopping: config.earlyStopping?.enabled ?? false };
}

/**
 * The Optimize stage's advice for whatever scored last (the Evaluate page, a finished run), so a
 * missed target brings its suggestions at once instead of after another pipeline run.
 */
export function optimizeAdvice(
  p: Pipeline,
  test: MetricValues | null,
  run: JudgedRun | null,
  context: { readonly graph: GraphFacts | null; readonly dataRows: number | null },
): OptimizeAdvice {
  if (!test) return { check: null, suggestions: [] };
  const check = evaluateRule(pipelineRule(p), test);
  if (check.met) return { check, suggestions: [] };
  const suggestions = suggest({
    history: run?.epochs ?? [],
    trainingMetric: run?.metric ?? null,
    check,
    graph: context.graph,
    settings: run ? runSettings(run.config) : null,
    dataRows: context.dataRows,
    hasSearch: p.stages.some((s) => s.kind === 'hpsearch'),
  });
  return { check, suggestions };
}
