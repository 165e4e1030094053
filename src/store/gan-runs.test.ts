import { describe, expect, it } from 'vitest';
import { dcganTemplate } from '../model/gan-template';
import { projectFromText } from '../model/project';
import { ganWeightKey, type GanRunRecord } from '../model/project-schema';
import { ganRunAfterLoad, ganRunWeights } from './gan-slice';
import { createAppStore } from './index';
import { weightsOf } from './persistence/autosave';
import { applyProject, snapshotProject } from './persistence/snapshot';

const w = (v: number) => [{ name: 'kernel', shape: [1], values: new Float32Array([v]) }];

const record = (id: string, status: GanRunRecord['status']): GanRunRecord => ({
  id,
  name: id,
  createdAt: '2026-01-01T00:00:00.000Z',
  status,
  settings: {
    discriminatorSteps: 1,
    generatorLearningRate: 2e-4,
    discriminatorLearningRate: 2e-4,
    realLabel: 0.9,
    batchSize: 64,
    epochs: 3,
  },
  seed: 5,
  dataName: 'Digits',
  epochs: [
    {
      epoch: 1,
      dLoss: 1,
      gLoss: 1,
      realScore: 0.5,
      fakeScore: 0.5,
      seconds: 1,
      diversity: { samples: 1, real: 1, ratio: 1, collapsed: false },
    },
  ],
  scores: null,
});

describe('GAN runs saved with the project', () => {
  it('come back after a reopen with both networks’ weights, so Evaluate and Deploy have the newest run', () => {
    const a = createAppStore();
    a.getState().setGan(dcganTemplate([8, 8, 1], { latentDim: 8, width: 8 }));
    a.getState().putGanRunRecord(record('gan-old', 'completed'));
    a.getState().putGanRunRecord(record('gan-new', 'stopped'));
    for (const [id, v] of [
      ['gan-old', 1],
      ['gan-new', 3],
    ] as const) {
      a.getState().setRunWeights(ganWeightKey(id, 'generator'), { g: w(v) });
      a.getState().setRunWeights(ganWeightKey(id, 'discriminator'), { d: w(v + 1) });
    }
    const project = projectFromText(JSON.stringify(snapshotProject(a.getState(), new Date(), 'p-gan')));
    const b = createAppStore();
    applyProject(b, { project, pipeline: null, weights: weightsOf(a.getState()), file: null });
    expect(b.getState().gan?.runs.map((r) => r.id)).toEqual(['gan-old', 'gan-new']);
    expect(b.getState().ganRun).toMatchObject({ runId: 'gan-new', status: 'stopped', epochs: 1 });
    expect(ganRunWeights(b.getState())?.generator.g?.[0]?.values[0]).toBe(3);
    expect(ganRunWeights(b.getState())?.discriminator.d?.[0]?.values[0]).toBe(4);
  });

  it('skips a run whose weights are not both stored', () => {
    const weights = { [ganWeightKey('gan-1', 'generator')]: { g: w(1) } };
    expect(ganRunAfterLoad([record('gan-1', 'completed')], weights).weights).toBeNull();
    const both = { ...weights, [ganWeightKey('gan-1', 'discriminator')]: { d: w(2) } };
    expect(ganRunAfterLoad([record('gan-1', 'completed')], both)).toMatchObject({ status: 'done', runId: 'gan-1' });
  });
});
