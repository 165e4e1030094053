import { useMemo } from 'react';
import { optimizeAdvice, type OptimizeAdvice } from '../../pipeline/advice';
import { graphFacts } from '../../pipeline/facts';
import { stageOfKind } from '../../pipeline/model';
import { metricValuesFromTest } from '../../pipeline/rule';
import { useAppStore } from '../../store/app-store';
import type { ScoredModel } from '../../store/evaluation-slice';
import type { TrainingRun } from '../../store/training-slice';
import type { TestMetrics } from '../../worker/train-protocol';

/**
 * The scores the Evaluate stage judges when the pipeline has not judged a run itself: the Evaluate
 * page's, when it scored the latest run (or a model that came with weights), else the latest run's.
 */
export function judgedScores(
  runs: readonly TrainingRun[],
  currentRunId: string | null,
  evaluation: ScoredModel | null,
): { test: TestMetrics | null; run: TrainingRun | null } {
  const latest = runs.find((r) => r.id === currentRunId) ?? runs.at(-1);
  if (evaluation && (evaluation.runId === null || evaluation.runId === latest?.id))
    return { test: { loss: evaluation.loss, metrics: evaluation.metrics, n: evaluation.n }, run: evaluation.runId === null ? null : (latest ?? null) };
  const run = [...runs].reverse().find((r) => r.test) ?? null;
  return { test: run?.test ?? null, run };
}

/**
 * What the Optimize stage shows: the pipeline run's own check and suggestions while its verdict
 * stands on the Evaluate stage, else advice for the latest scores as soon as they miss the target.
 */
export function useOptimizeAdvice(): OptimizeAdvice {
  const pipeline = useAppStore((s) => s.pipeline);
  const runs = useAppStore((s) => s.runs);
  const currentRunId = useAppStore((s) => s.currentRunId);
  const evaluation = useAppStore((s) => s.evaluation);
  const graph = useAppStore((s) => s.graph);
  const analysis = useAppStore((s) => s.analysis);
  const dataset = useAppStore((s) => s.dataset);
  const stageRuns = useAppStore((s) => s.stageRuns);
  const lastRuleCheck = useAppStore((s) => s.lastRuleCheck);
  const runnerSuggestions = useAppStore((s) => s.optimizeSuggestions);
  return useMemo(() => {
    const evaluateStage = stageOfKind(pipeline, 'evaluate');
    const verdict = evaluateStage ? stageRuns[evaluateStage.id]?.status : undefined;
    if (lastRuleCheck && !lastRuleCheck.met && verdict === 'attention') return { check: lastRuleCheck, suggestions: runnerSuggestions };
    const { test, run } = judgedScores(runs, currentRunId, evaluation);
    const rows = dataset ? dataset.train.n + dataset.validation.n + dataset.test.n : null;
    return optimizeAdvice(pipeline, metricValuesFromTest(test), run, { graph: graphFacts(graph, analysis), dataRows: rows });
  }, [pipeline, runs, currentRunId, evaluation, graph, analysis, dataset, stageRuns, lastRuleCheck, runnerSuggestions]);
}
