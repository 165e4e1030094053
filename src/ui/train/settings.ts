import type { TrainSettings } from '../../store/training-slice';
import type { TrainConfigInput } from '../../training/config';

/** Each optimizer's usual learning rate (the same defaults as src/training/config.ts). */
export const DEFAULT_LR: Record<TrainSettings['optimizer'], number> = {
  sgd: 0.01,
  momentum: 0.01,
  adagrad: 0.01,
  adadelta: 1,
  adam: 0.001,
  adamax: 0.002,
  rmsprop: 0.001,
};

function optimizer(s: TrainSettings): TrainConfigInput['optimizer'] {
  const learningRate = s.learningRate;
  switch (s.optimizer) {
    case 'momentum':
      return { name: 'momentum', learningRate, momentum: s.momentum };
    case 'adam':
      return { name: 'adam', learningRate, beta1: s.beta1, beta2: s.beta2 };
    case 'adamax':
      return { name: 'adamax', learningRate, beta1: s.beta1, beta2: s.beta2 };
    case 'rmsprop':
      return { name: 'rmsprop', learningRate, rho: s.rho, momentum: s.momentum };
    case 'adadelta':
      return { name: 'adadelta', learningRate, rho: s.rho };
    case 'sgd':
    case 'adagrad':
      return { name: s.optimizer, learningRate };
  }
}

function schedule(s: TrainSettings): TrainConfigInput['schedule'] {
  switch (s.schedule) {
    case 'step':
      return { kind: 'step', everyEpochs: s.stepEvery, factor: s.factor };
    case 'exponential':
      return { kind: 'exponential', decayRate: s.decayRate };
    case 'plateau':
      return { kind: 'plateau', factor: s.factor, patience: s.patience };
    case 'none':
      return { kind: 'none' };
  }
}

/** The form as a TrainConfig input; the worker validates it and names any bad field. */
export function settingsToConfig(s: TrainSettings): TrainConfigInput {
  return {
    optimizer: optimizer(s),
    loss: s.loss,
    batchSize: s.batchSize,
    epochs: s.epochs,
    shuffle: s.shuffle,
    seed: s.seed,
    schedule: schedule(s),
    earlyStopping: { enabled: s.earlyStopping, patience: s.earlyPatience },
  };
}
