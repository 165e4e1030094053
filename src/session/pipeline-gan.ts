/**
 * "Run pipeline" for a GAN project: Data checks the image dataset, Model the pair of networks,
 * Train awaits a GAN run of the GAN session (gan-training.ts; a search trial's learning rate,
 * batch size and epochs apply to it), Evaluate scores its generator with the Fashion-MNIST
 * backbone (gan-evaluation.ts) and gives the rule the Fréchet distance.
 */
import { ganMetricValues } from '../pipeline/rule-gan';
import type { RunnerDeps } from '../pipeline/runner';
import type { TrainOverrides } from '../pipeline/types';
import type { GanEpochRecord, GanSettings } from '../model/project-schema';
import type { AppStore } from '../store/types';
import type { EpochLog } from '../training/types';
import type { GanEvaluation } from './gan-evaluation';
import type { GanTraining } from './gan-training';

/** What the pipeline needs of the GAN sessions. */
export interface GanPipelineParts {
  readonly training: Pick<GanTraining, 'blocker' | 'start' | 'finished' | 'stop'>;
  readonly evaluation: Pick<GanEvaluation, 'score'>;
}

/** The seed of the images the Evaluate stage scores (the same each run, so runs compare). */
export const GAN_PIPELINE_SCORE_SEED = 1;

let provider: (() => GanPipelineParts) | null = null;

/** The app registers its GAN sessions here (gan-app.ts), so the pipeline session can run GAN projects. */
export function provideGanPipeline(parts: (() => GanPipelineParts) | null): void {
  provider = parts;
}

export function registeredGanPipeline(): GanPipelineParts | null {
  return provider?.() ?? null;
}

/** A search trial's settings in the GAN's terms: one learning rate for both networks. */
export function ganOverrides(o: TrainOverrides): Partial<GanSettings> {
  return {
    ...(o.learningRate !== undefined
      ? { generatorLearningRate: o.learningRate, discriminatorLearningRate: o.learningRate }
      : {}),
    ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
    ...(o.epochs !== undefined ? { epochs: o.epochs } : {}),
  };
}

/** A GAN epoch as the runner's history holds epochs: the generator's loss is the loss to watch. */
function epochLog(e: GanEpochRecord): EpochLog {
  return {
    epoch: e.epoch,
    loss: e.gLoss ?? Number.NaN,
    metric: Number.NaN,
    valLoss: null,
    valMetric: null,
    lr: Number.NaN,
    seconds: e.seconds ?? 0,
    samplesPerSec: 0,
  };
}

export function ganRunnerDeps(store: AppStore, gan: GanPipelineParts, isCancelled: () => boolean): RunnerDeps {
  const s = () => store.getState();
  return {
    async prepareData() {
      const dataset = s().dataset;
      if (!dataset) throw new Error('There is no dataset yet: pick an image built-in on the Data page.');
      if (dataset.kind !== 'image')
        throw new Error(
          `A GAN learns to draw images, but "${dataset.name}" is ${dataset.kind} data: load an image dataset.`,
        );
    },
    checkModel: () => gan.training.blocker(),
    async train(overrides = {}) {
      const ended = gan.training.finished();
      await gan.training.start(ganOverrides(overrides));
      // Refused before a worker started (its reason is on the Train page too): nothing will end.
      if (s().ganRun.status === 'failed' && s().ganRun.runId === null)
        throw new Error(s().ganRun.error ?? 'The GAN run could not start; see the Train page.');
      const outcome = await ended;
      if (outcome.status === 'failed') throw new Error(outcome.error ?? 'The GAN run failed; see the Train page.');
      const run = s().gan?.runs.find((r) => r.id === outcome.runId);
      return { history: (run?.epochs ?? []).map(epochLog), ...(outcome.runId ? { runId: outcome.runId } : {}) };
    },
    async evaluate() {
      // The finished (or stopped) run's generator is the one the GAN session scores.
      return ganMetricValues(await gan.evaluation.score(GAN_PIPELINE_SCORE_SEED, () => {}));
    },
    isCancelled,
  };
}
