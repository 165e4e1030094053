import type { AugmentConfig } from '../data/augment';
import type { PreparedDataset } from '../data/types';
import { DEFAULT_LEARNING_RATE } from '../model/train-options';
import type { TrainSettings } from '../store/train-settings';
import type { TrainConfigInput } from '../training/config';

export type AugmentSettings = TrainSettings['augment'];
type DatasetKind = PreparedDataset['kind'];

/**
 * Augmentation as the trainer takes it: null when switched off or when the data is a table
 * (there is nothing to flip or rotate), else the chosen transforms and their amounts.
 */
export function augmentConfig(s: TrainSettings, datasetKind: DatasetKind | null): AugmentConfig | null {
  const a = s.augment;
  if (!a.enabled || datasetKind === 'tabular') return null;
  return {
    flip: a.flip,
    rotate: a.rotate,
    shift: a.shift,
    brightness: a.brightness,
    maxRotationDeg: a.maxRotationDeg,
    maxShift: a.maxShift,
    maxBrightness: a.maxBrightness,
  };
}

/** Each optimizer's usual learning rate: the trainer's own defaults (one list, in src/model/train-options.ts). */
export const DEFAULT_LR = DEFAULT_LEARNING_RATE;

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

/**
 * The form as a TrainConfig input; the worker validates it and names any bad field.
 * `datasetKind` is the bound dataset's: augmentation is left out for tables.
 */
export function settingsToConfig(s: TrainSettings, datasetKind: DatasetKind | null = null): TrainConfigInput {
  return {
    optimizer: optimizer(s),
    loss: s.loss,
    batchSize: s.batchSize,
    epochs: s.epochs,
    shuffle: s.shuffle,
    seed: s.seed,
    schedule: schedule(s),
    earlyStopping: { enabled: s.earlyStopping, patience: s.earlyPatience },
    augment: augmentConfig(s, datasetKind),
  };
}
