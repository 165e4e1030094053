import { describe, expect, it } from 'vitest';
import { defaultLoss as trainerDefaultLoss, trainConfig, type TrainConfigInput } from '../../training/config';
import type { ExportMetadata } from '../bundle/metadata-schema';
import { buildTrainFiles, TrainScriptError, trainPlan } from '.';

const iris = {
  format: 'layerloom-model-metadata',
  version: 1,
  modelName: 'm',
  generatedBy: 'Layerloom',
  task: 'multiclass',
  classNames: ['a', 'b', 'c'],
  dataset: { name: 'iris', kind: 'tabular' },
  inputs: [{ name: 'input', shape: [1], dtype: 'float32', featureNames: ['x'] }],
  outputs: [{ name: 'out', shape: [3], meaning: 'class-probabilities' }],
  preprocessing: {
    kind: 'tabular',
    version: 1,
    width: 1,
    columns: ['x', 'y'],
    features: [{ name: 'x', source: 0, offset: 0, width: 1, missing: 'mean', type: 'numeric', fill: 0, scale: { kind: 'none' } }],
    featureNames: ['x'],
    label: { name: 'y', source: 1, task: 'multiclass', classNames: ['a', 'b', 'c'], key: 'text' },
    missingTokens: [],
  },
} as unknown as ExportMetadata;

const withSettings = (settings: Record<string, unknown> | null, m: ExportMetadata = iris): ExportMetadata => ({
  ...m,
  run: { id: 'r', name: 'Run', settings, epochs: 1, test: null, data: null },
});

describe('trainPlan: the run settings as the trainer reads them', () => {
  const inputs: TrainConfigInput[] = [
    {},
    { optimizer: { name: 'sgd' }, batchSize: 8, epochs: 3, seed: 5 },
    { optimizer: { name: 'rmsprop', learningRate: 0.02, centered: true }, loss: 'categorical_crossentropy', shuffle: false },
    { optimizer: { name: 'adamax' }, schedule: { kind: 'plateau', patience: 1 }, earlyStopping: { enabled: true, patience: 2 } },
    { optimizer: { name: 'momentum', nesterov: true }, schedule: { kind: 'step', everyEpochs: 3 }, validate: false },
    { optimizer: { name: 'adadelta' }, schedule: { kind: 'exponential' } },
    { optimizer: { name: 'adagrad', initialAccumulatorValue: 0.2 } },
  ];

  it.each(inputs)('fills %j in as trainConfig() does', (input) => {
    const config = trainConfig(input);
    const { settings, loss } = trainPlan(withSettings(input as Record<string, unknown>));
    const { augment: _augment, loss: configLoss, ...rest } = config;
    expect(settings).toEqual({ ...rest, loss });
    expect(loss).toBe(configLoss === 'auto' ? trainerDefaultLoss('multiclass', 3) : configLoss);
  });

  it('resolves the auto loss by task and output units, as the trainer does', () => {
    const binary = { ...iris, task: 'binary', classNames: ['a', 'b'], outputs: [{ name: 'o', shape: [1], meaning: 'binary-probability' }] } as ExportMetadata;
    expect(trainPlan(withSettings({}, binary)).loss).toBe(trainerDefaultLoss('binary', 1));
    expect(trainPlan(withSettings(null)).loss).toBe('sparse_categorical_crossentropy');
  });

  it.each([
    [{ optimizer: { name: 'lbfgs' } }, /optimizer 'lbfgs', which train.py does not know \(it knows sgd, momentum/],
    [{ loss: 'cosine' }, /loss 'cosine', which train.py does not know/],
    [{ schedule: { kind: 'cosine' } }, /schedule 'cosine'/],
    [{ batchSize: 0 }, /settings.batchSize is 0/],
    [{ optimizer: { name: 'adam', learningRate: -1 } }, /optimizer.learningRate is -1/],
    [{ earlyStopping: { monitor: 'f1' } }, /earlyStopping.monitor is "f1"/],
  ])('refuses %j by name', (settings, message) => {
    expect(() => trainPlan(withSettings(settings))).toThrow(message);
  });

  it('refuses models without a table dataset', () => {
    expect(() => trainPlan({ ...iris, preprocessing: null })).toThrow(TrainScriptError);
    expect(() => trainPlan({ ...iris, preprocessing: null })).toThrow(/train.py trains on tables \(CSV files\) only/);
  });
});

describe('buildTrainFiles', () => {
  const modelJson = {
    format: 'layers-model',
    modelTopology: {
      config: { layers: [{ class_name: 'Dense', config: { name: 'd', kernel_regularizer: { class_name: 'L1L2' } } }] },
    },
    weightsManifest: [{ paths: ['a.bin'], weights: [{ name: 'd/kernel', shape: [1, 3], dtype: 'float32' }] }],
  };

  it('writes the script, its library, preprocess.py and the spec, and names regularizers it leaves out', () => {
    const out = buildTrainFiles(withSettings({}), modelJson);
    expect(Object.keys(out.files).sort()).toEqual(['preprocess.py', 'train.py', 'train_lib.py', 'train_spec.json']);
    const spec = JSON.parse(out.files['train_spec.json']) as Record<string, unknown>;
    expect(spec.weightsManifest).toEqual([{ name: 'd/kernel', shape: [1, 3], dtype: 'float32' }]);
    expect(spec.modelJson).toEqual({ format: 'layers-model', modelTopology: modelJson.modelTopology });
    expect(out.files['train.py']).toContain('def main():');
    expect(out.warnings).toEqual(["Layer 'd' has a weight regularizer: train.py trains without its penalty."]);
  });

  it('refuses weights of other dtypes', () => {
    const bad = { ...modelJson, weightsManifest: [{ paths: ['a'], weights: [{ name: 'd/k', shape: [1], dtype: 'float16' }] }] };
    expect(() => buildTrainFiles(withSettings({}), bad)).toThrow("The weight 'd/k' is float16");
  });
});
