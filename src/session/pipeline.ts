/**
 * "Run pipeline" with real training (a GAN project's: pipeline-gan.ts): Data checks the bound dataset, Train awaits the training
 * session's finished run, Evaluate reads that run's held-out scores and makes it the run Evaluate
 * and Deploy use (after a search: the best trial's, never just the last one). Cancel stops the
 * trial in progress and the run.
 */
import { metricValuesFromTest } from '../pipeline/rule';
import { runPipelineInStore } from '../pipeline/run-in-store';
import type { PipelineRunResult, RunnerDeps } from '../pipeline/runner';
import type { AppStore } from '../store/types';
import type { TrainSettings } from '../store/training-slice';
import { ganRunnerDeps, registeredGanPipeline, type GanPipelineParts } from './pipeline-gan';
import { settingsToConfig } from './train-config';
import type { TrainingSession } from './training';

export interface PipelineSession {
  run(): Promise<PipelineRunResult | null>;
  /** Stops the trial in progress and the pipeline run; the app stays usable. */
  cancel(): void;
}

/** `gan` gives the GAN sessions a GAN project's pipeline runs with (pipeline-gan.ts). */
export function createPipelineSession(
  store: AppStore,
  training: TrainingSession,
  gan: () => GanPipelineParts | null = registeredGanPipeline,
): PipelineSession {
  const s = () => store.getState();
  let cancelled = false;

  const deps: RunnerDeps = {
    async prepareData() {
      if (!s().dataset) throw new Error('There is no dataset yet: pick or upload one on the Data page.');
    },
    checkModel: () => training.startBlocker()?.message ?? null,
    async train(overrides = {}, trial) {
      const st = s();
      const dataset = st.dataset;
      if (!dataset) throw new Error('There is no dataset yet: pick or upload one on the Data page.');
      const settings: TrainSettings = { ...st.trainSettings, ...overrides };
      const run = await training.start({
        config: settingsToConfig(settings, dataset.kind),
        backend: settings.backend === 'auto' ? null : settings.backend,
        epochs: settings.epochs,
        ...(trial ? { name: `Trial ${trial.index} · ${trial.label}` } : {}),
      });
      if (run.status === 'failed' || run.status === 'crashed')
        throw new Error(
          s().trainingProblem?.message ??
            `The run ${run.status === 'crashed' ? 'crashed' : 'failed'}; see the Train page.`,
        );
      // Search trials are meant to be compared: put each on the comparison chart as it finishes.
      if (trial) s().setComparedRuns([...new Set([...s().comparedRunIds, run.id])]);
      return { history: run.epochs, metric: run.metric, runId: run.id };
    },
    async evaluate(trained) {
      const run = s().runs.find((r) => r.id === trained.runId);
      const metrics = metricValuesFromTest(run?.test ?? null);
      if (!metrics)
        throw new Error('The run has no test score: give the test split a share on the Data page and train again.');
      // The model the pipeline judged is the one Evaluate shows and Deploy exports.
      if (run) s().selectRun(run.id, 'pipeline');
      return metrics;
    },
    isCancelled: () => cancelled,
  };

  return {
    async run() {
      cancelled = false;
      if (!s().gan) return runPipelineInStore(store, deps);
      const parts = gan();
      const noGan: RunnerDeps = {
        ...deps,
        prepareData: () => Promise.reject(new Error('GAN training is not available here: open the project in the app')),
      };
      return runPipelineInStore(store, parts ? ganRunnerDeps(store, parts, () => cancelled) : noGan);
    },
    cancel() {
      if (!s().pipelineRunning) return;
      cancelled = true;
      if (s().gan) gan()?.training.stop();
      else training.stop();
    },
  };
}
