import * as tf from '@tensorflow/tfjs';

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

export interface TrialBatch {
  xs: tf.Tensor | tf.Tensor[];
  ys: tf.Tensor | tf.Tensor[];
}

/**
 * A trial from a compiled LayersModel (its optimizer and loss are the real ones) and one batch of
 * the real size: each step is `model.trainOnBatch`, which reads the loss back, so a step's time
 * includes waiting for the device.
 */
export function layersModelTrial(build: () => tf.LayersModel, batch: () => TrialBatch): TrainingTrial {
  const model = build();
  const { xs, ys } = batch();
  return {
    async step() {
      await model.trainOnBatch(xs, ys);
    },
    dispose() {
      model.optimizer?.dispose();
      model.dispose();
      tf.dispose([xs, ys]);
    },
  };
}
