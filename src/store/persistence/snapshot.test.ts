import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { readProject } from '../../model/project';
import { trainSettingsSchema } from '../../model/project-schema';
import { DEFAULT_TRAIN_SETTINGS, type TrainingRun } from '../training-slice';
import { applyProject, persistedRefs, sameRefs, snapshotProject, trainForProject } from './snapshot';
import { createAppStore } from '../index';
import { readPipeline } from '../../pipeline/schema';

const graph = buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', params: { units: 3, activation: 'softmax' } }]);

const run: TrainingRun = {
  id: 'r1',
  name: 'Run 1',
  config: { epochs: 2, batchSize: 16 },
  backendLabel: 'WebAssembly',
  status: 'running',
  epochs: [
    { epoch: 1, loss: 0.9, metric: 0.6, valLoss: 1.1, valMetric: null, lr: 0.001, seconds: 1.5, samplesPerSec: 800 },
    { epoch: 2, loss: NaN, metric: 0.7, valLoss: null, valMetric: null, lr: 0.001, seconds: 1.2, samplesPerSec: 790 },
  ],
  test: { loss: 0.4, n: 30, metrics: { kind: 'classification', accuracy: 0.9 } },
  seconds: 2.7,
  metric: 'accuracy',
};

function filledStore() {
  const store = createAppStore();
  const s = store.getState();
  s.resetGraph(graph);
  s.patchProjects({ currentProjectId: 'p-1', projectName: 'Iris', projectCreatedAt: '2026-01-01T00:00:00.000Z' });
  s.setDatasetSource({ kind: 'file', name: 'iris.csv', size: 4551, type: 'csv', fileInBundle: true }, new Blob(['a,b\n1,2\n']));
  s.patchDataPage({ settings: { label: 'species', columns: { petal: { role: 'feature', scaling: 'minmax' }, constructor: { role: 'ignore' as const } } } });
  s.setTrainSettings({ epochs: 12, momentum: 5, optimizer: 'rmsprop' });
  s.addRun(run);
  s.setRunWeights('r1', { dense: [{ name: 'kernel', shape: [4, 3], values: new Float32Array(12).fill(0.5) }] });
  return store;
}

describe('state ⇄ project', () => {
  it('writes a project that validates and reads back into the same state', () => {
    const store = filledStore();
    const project = readProject(snapshotProject(store.getState(), new Date('2026-02-01T00:00:00Z')));
    expect(project.updatedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(project.dataset).toEqual({ kind: 'file', name: 'iris.csv', size: 4551, type: 'csv', fileInBundle: true });
    // A column named like an Object internal is left out rather than making the file unreadable.
    expect(Object.keys(project.data.csv.columns)).toEqual(['petal']);
    expect(project.train.momentum).toBe(0.9);
    expect(project.train.epochs).toBe(12);
    expect(project.runs[0]!.epochs[1]!.loss).toBeNull();
    // The run's weights are described on the run; project.weights is for the model's own weights.
    expect(project.runs[0]!.weights).toEqual({ layers: 1, tensors: 1, values: 12 });
    expect(project.weights).toBeNull();
    expect(project.pipeline).toEqual(JSON.parse(JSON.stringify(store.getState().pipeline)));

    const other = createAppStore();
    const weights = store.getState().runWeights;
    applyProject(other, { project, pipeline: readPipeline(project.pipeline), weights, file: null });
    const s = other.getState();
    expect(s.graph).toEqual(graph);
    expect(s.past).toEqual([]);
    expect(s.currentProjectId).toBe('p-1');
    expect(s.trainSettings.optimizer).toBe('rmsprop');
    expect(s.dataPage.settings.label).toBe('species');
    expect(s.runs[0]!.status).toBe('stopped');
    expect(s.runs[0]!.epochs[1]!.loss).toBeNaN();
    expect(s.runs[0]!.epochs[0]).toEqual(run.epochs[0]);
    expect(s.runs[0]!.test).toEqual(run.test);
    expect(s.runWeights.r1).toBe(weights.r1);
    expect(s.initialWeights).toBeNull();
    expect(s.pipeline).toEqual(store.getState().pipeline);
  });

  it('knows every Train page setting, with the same defaults', () => {
    // A setting the schema lacks would be dropped on save; a different default would change on reload.
    expect(trainSettingsSchema.parse({})).toMatchObject(DEFAULT_TRAIN_SETTINGS);
  });

  it('keeps in-range train settings and defaults only the bad ones', () => {
    const settings = { ...createAppStore().getState().trainSettings, learningRate: -3, batchSize: 64, seed: null };
    const saved = trainForProject(settings);
    expect(saved).toMatchObject({ learningRate: DEFAULT_TRAIN_SETTINGS.learningRate, batchSize: 64, seed: null });
  });

  it('counts only persisted parts as changes', () => {
    const store = filledStore();
    const before = persistedRefs(store.getState());
    store.getState().select(['n1']);
    store.getState().logTraining({ level: 'info', text: 'hello' });
    expect(sameRefs(before, persistedRefs(store.getState()))).toBe(true);
    store.getState().setTrainSettings({ epochs: 3 });
    expect(sameRefs(before, persistedRefs(store.getState()))).toBe(false);
  });
});
