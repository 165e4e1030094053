import * as tf from '@tensorflow/tfjs';
import { rngFor } from '../data/random';
import type { PreparedDataset } from '../data/types';
import { batchInputs, batchLabels } from './batches';
import { checkModelFit } from './compat';
import { metricFor, type TrainConfig } from './config';
import { encodeLabels, lossFunction } from './losses';
import { makeOptimizer } from './optimizers';
import { trainStep, type StepContext } from './step';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** A model and one batch, ready to run real optimizer steps on the active backend. */
export interface TrainingTrial {
  /** One full training step (forward, backward, optimizer update); resolves when it is done. */
  step(): Promise<void>;
  /** Frees the model, optimizer state and batch. */
  dispose(): void;
}

/**
 * Builds a trial for the backend that was just made active: weights and data must be created
 * after the switch, so they live on that backend.
 */
export type TrialFactory = (backend: BackendName) => TrainingTrial | Promise<TrainingTrial>;

export interface StepTrialSpec {
  /** Builds the model on the active backend; called once per trial. */
  readonly build: () => tf.LayersModel;
  readonly dataset: PreparedDataset;
  /** The run's parsed settings: their optimizer, loss and batch size are what is timed. */
  readonly config: TrainConfig;
}

/** A trial whose timed step is the Trainer's own: its context shows what is being timed. */
export interface StepTrial extends TrainingTrial {
  /** Null when the model does not fit the data (see `stepTrial`). */
  readonly context: StepContext | null;
}

/**
 * A trial running exactly the Trainer's step (src/training/step.ts): the run's optimizer (from
 * the config, with its settings), its loss (as `checkModelFit` resolves `auto`), the model's
 * regularisation penalties, and one batch of the run's batch size from the first training rows,
 * encoded as the loss expects. Each step reads the loss back, so its time includes waiting for
 * the device.
 *
 * A model that does not fit the data has no step to time; the trial then does nothing, so the
 * choice does not blame a backend for it, and the run itself reports what to change.
 */
export function stepTrial(spec: StepTrialSpec): StepTrial {
  const { dataset, config } = spec;
  const model = spec.build();
  const fit = checkModelFit(model, dataset, config);
  if (typeof fit === 'string') {
    return { context: null, step: async () => {}, dispose: () => model.dispose() };
  }
  const optimizer = makeOptimizer(config.optimizer);
  const context: StepContext = {
    model,
    optimizer,
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    lossFn: lossFunction(fit.loss),
    loss: fit.loss,
    metric: metricFor(dataset.task),
    // Dropout masks are drawn as in a run; the stream is the trial's own, so the run's is untouched.
    noise: rngFor(config.seed ?? 0, 'noise'),
  };
  const n = Math.min(config.batchSize, dataset.train.n);
  const xs = batchInputs(
    { split: dataset.train, inputShape: dataset.inputShape, inputDtype: fit.inputDtype, slices: fit.slices },
    null,
    0,
    n,
  );
  const ys = encodeLabels(fit.loss, batchLabels(dataset.train, null, 0, n, fit.labelsPerSample), fit.outputUnits);
  return {
    context,
    async step() {
      await trainStep(context, xs, ys);
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
      tf.dispose([xs, ys]);
    },
  };
}
