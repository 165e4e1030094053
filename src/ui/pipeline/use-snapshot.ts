import { useMemo } from 'react';
import { metricValuesFromTest } from '../../pipeline/rule';
import type { PipelineSnapshot } from '../../pipeline/status';
import { useAppStore } from '../../store/app-store';
import { judgedScores, useOptimizeAdvice } from './use-advice';

/**
 * The live facts the stage nodes summarise, built from narrow store selections so the pipeline
 * page re-renders only when one of them changes (training progress at most once a frame).
 */
export function usePipelineSnapshot(): PipelineSnapshot {
  const dataset = useAppStore((s) => s.dataset);
  const dataBusy = useAppStore((s) => s.dataPage.busy);
  const dataError = useAppStore((s) => s.dataPage.error?.message ?? null);
  const layers = useAppStore((s) => s.graph.nodes.length);
  const params = useAppStore((s) => s.analysis.totals.total);
  const errors = useAppStore((s) => s.analysis.errors.length);
  const trainingStatus = useAppStore((s) => s.trainingStatus);
  const progress = useAppStore((s) => s.progress);
  const runs = useAppStore((s) => s.runs);
  const currentRunId = useAppStore((s) => s.currentRunId);
  const problem = useAppStore((s) => s.trainingProblem?.message ?? null);
  const evaluation = useAppStore((s) => s.evaluation);
  const stageRuns = useAppStore((s) => s.stageRuns);
  const suggestions = useOptimizeAdvice().suggestions.length;

  return useMemo(() => {
    const run = runs.find((r) => r.id === currentRunId) ?? runs.at(-1);
    const running = trainingStatus !== 'idle';
    const last = run?.epochs.at(-1);
    const training: PipelineSnapshot['training'] = run
      ? {
          running,
          paused: trainingStatus === 'paused',
          epoch: running && progress ? progress.epoch : (last?.epoch ?? 0),
          endEpoch: progress?.endEpoch ?? run.config.epochs ?? last?.epoch ?? 0,
          loss: last?.loss ?? null,
          outcome: run.status === 'running' ? null : run.status,
          problem,
        }
      : null;
    const judged = judgedScores(runs, currentRunId, evaluation);
    return {
      dataset: dataset
        ? {
            name: dataset.name,
            rows: dataset.train.n + dataset.validation.n + dataset.test.n,
            classes: dataset.classNames?.length ?? null,
            task: dataset.task,
          }
        : null,
      dataBusy,
      dataError,
      graph: { layers, params, errors },
      training,
      test: metricValuesFromTest(judged.test),
      runs: stageRuns,
      suggestions,
    };
  }, [
    dataset,
    dataBusy,
    dataError,
    layers,
    params,
    errors,
    trainingStatus,
    progress,
    runs,
    currentRunId,
    problem,
    evaluation,
    stageRuns,
    suggestions,
  ]);
}
