/**
 * "Run pipeline" wired to the real app: the Data stage checks the bound dataset, Train drives the
 * Train page's controller (so runs land in the runs list and charts as usual), Evaluate reads the
 * run's held-out test scores. Installed once at app start.
 */
import { runPipelineInStore } from '../../pipeline/run-in-store';
import { metricValuesFromTest } from '../../pipeline/rule';
import type { RunnerDeps } from '../../pipeline/runner';
import { appStore } from '../../store/app-store';
import type { TrainingRun, TrainSettings } from '../../store/training-slice';
import { startBlocker, startTraining } from '../train/controller';
import { settingsToConfig } from '../train/settings';

const s = () => appStore.getState();

/** Resolves with the run once training has gone idle and the run has a final status. */
function runFinished(runId: string): Promise<TrainingRun> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const st = s();
      const run = st.runs.find((r) => r.id === runId);
      if (!run || st.trainingStatus !== 'idle' || run.status === 'running') return false;
      unsubscribe();
      if (run.status === 'failed' || run.status === 'crashed')
        reject(new Error(st.trainingProblem?.message ?? `The run ${run.status === 'crashed' ? 'crashed' : 'failed'}; see the Train page.`));
      else resolve(run);
      return true;
    };
    const unsubscribe = appStore.subscribe(() => void check());
    check();
  });
}

const deps: RunnerDeps = {
  async prepareData() {
    if (!s().dataset) throw new Error('There is no dataset yet: pick or upload one on the Data page.');
  },
  checkModel: () => startBlocker()?.message ?? null,
  async train(overrides = {}, trial) {
    const st = s();
    const dataset = st.dataset;
    if (!dataset) throw new Error('There is no dataset yet: pick or upload one on the Data page.');
    if (st.trainingStatus !== 'idle') throw new Error('Training is already running: stop it on the Train page first.');
    const settings: TrainSettings = { ...st.trainSettings, ...overrides };
    const name = trial ? `Trial ${trial.index} · ${trial.label}` : undefined;
    await startTraining(settingsToConfig(settings, dataset.kind), settings.backend === 'auto' ? null : settings.backend, settings.epochs, null, name);
    const runId = s().currentRunId;
    if (!runId) throw new Error(startBlocker()?.message ?? 'Training did not start.');
    const run = await runFinished(runId);
    // Search trials are meant to be compared: put each on the comparison chart as it finishes.
    if (trial) s().patchTraining({ comparedRunIds: [...new Set([...s().comparedRunIds, runId])] });
    return { history: run.epochs, metric: run.metric, runId };
  },
  async evaluate(trained) {
    const run = s().runs.find((r) => r.id === trained.runId);
    const metrics = metricValuesFromTest(run?.test ?? null);
    if (!metrics) throw new Error('The run has no test score: give the test split a share on the Data page and train again.');
    return metrics;
  },
  isCancelled: () => false,
};

export function installPipelineRunner(): void {
  s().setPipelineRunHandler(async () => {
    await runPipelineInStore(appStore, deps);
  });
}
