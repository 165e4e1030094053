import { describe, expect, it } from 'vitest';
import { defaultLoss, parseTrainConfig, trainConfig, TrainConfigError } from './config';

describe('TrainConfig', () => {
  it('fills every default from an empty object and survives a JSON round trip', () => {
    const c = trainConfig({});
    expect(c.optimizer).toEqual({ name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(c).toMatchObject({
      loss: 'auto',
      batchSize: 32,
      epochs: 20,
      shuffle: true,
      seed: null,
      validate: true,
      schedule: { kind: 'none' },
    });
    expect(c.earlyStopping).toEqual({
      enabled: false,
      monitor: 'val_loss',
      patience: 5,
      minDelta: 0,
      restoreBestWeights: true,
    });
    expect(trainConfig(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('gives each optimizer its own defaults', () => {
    expect(trainConfig({ optimizer: { name: 'momentum' } }).optimizer).toEqual({
      name: 'momentum',
      learningRate: 0.01,
      momentum: 0.9,
      nesterov: false,
    });
    expect(trainConfig({ optimizer: { name: 'rmsprop', centered: true } }).optimizer).toMatchObject({
      rho: 0.9,
      momentum: 0,
      centered: true,
    });
    expect(trainConfig({ optimizer: { name: 'adamax' } }).optimizer).toMatchObject({ learningRate: 0.002, decay: 0 });
  });

  it('reports each bad field with its path', () => {
    const r = parseTrainConfig({
      optimizer: { name: 'adam', learningRate: 0 },
      epochs: 1.5,
      schedule: { kind: 'step', factor: 2 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['epochs', 'optimizer.learningRate', 'schedule.factor']);
    expect(parseTrainConfig({ optimizer: { name: 'lbfgs' } }).ok).toBe(false);
    expect(() => trainConfig({ batchSize: -1 })).toThrow(TrainConfigError);
    expect(() => trainConfig({ batchSize: -1 })).toThrow(/batchSize/);
  });

  it('defaultLoss follows the task and output units', () => {
    expect(defaultLoss('binary', 1)).toBe('binary_crossentropy');
    expect(defaultLoss('binary', 2)).toBe('categorical_crossentropy');
    expect(defaultLoss('multiclass', 3)).toBe('sparse_categorical_crossentropy');
    expect(defaultLoss('regression', 1)).toBe('mse');
  });
});
