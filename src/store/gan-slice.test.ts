import { describe, expect, it } from 'vitest';
import { dcganTemplate } from '../model/gan-template';
import { readProject } from '../model/project';
import { setParams } from '../model/graph-ops';
import { createAppStore } from './index';
import { GAN_GRIDS_KEPT, ganGraphs } from './gan-slice';
import { applyProject, persistedRefs, snapshotProject } from './persistence/snapshot';

const gan = () => dcganTemplate([8, 8, 1], { latentDim: 16, width: 8 });

function ganStore() {
  const store = createAppStore();
  store.getState().patchProjects({
    currentProjectId: 'p-gan',
    projectName: 'Digits GAN',
    projectCreatedAt: '2026-01-01T00:00:00.000Z',
  });
  store.getState().setGan(gan(), { discriminatorSteps: 2 });
  return store;
}

describe('the GAN slice', () => {
  it('puts the generator on the canvas, parks the discriminator and drops the old model’s data mismatches', () => {
    const store = createAppStore();
    store.getState().setBindingProblems([{ nodeId: 'n1', message: 'old model' }]);
    store.getState().setGan(gan(), { discriminatorSteps: 2 });
    const s = store.getState();
    expect(s.bindingProblems).toEqual([]);
    expect(s.gan?.active).toBe('generator');
    expect(s.graph.nodes[0]?.name).toBe('latent');
    expect(ganGraphs(s)?.discriminator.nodes[0]?.name).toBe('image');
    expect(s.gan?.settings.discriminatorSteps).toBe(2);
    expect(s.gan?.settings.realLabel).toBe(0.9);
  });

  it('keeps an undo history per graph across tab switches', () => {
    const store = ganStore();
    const g = store.getState().graph;
    const dense = g.nodes.find((n) => n.name === 'g_project')!;
    store.getState().setGraph(setParams(g, dense.id, { units: 128 }));
    store.getState().switchGanPart('discriminator');
    expect(store.getState().graph.nodes[0]?.name).toBe('image');
    // The discriminator has no edits of its own: undo changes nothing.
    expect(store.getState().past).toHaveLength(0);
    store.getState().switchGanPart('generator');
    const edited = store.getState().graph.nodes.find((n) => n.name === 'g_project')!;
    expect(edited.params.units).toBe(128);
    store.getState().undo();
    expect(store.getState().graph.nodes.find((n) => n.name === 'g_project')!.params.units).toBe(dense.params.units);
  });

  it('saves both graphs and the settings in the project, and loads them back (the edited discriminator included)', () => {
    const store = ganStore();
    store.getState().switchGanPart('discriminator');
    const d = store.getState().graph;
    const conv = d.nodes.find((n) => n.name === 'd_conv1')!;
    store.getState().setGraph(setParams(d, conv.id, { filters: 7 }));
    const file = readProject(JSON.parse(JSON.stringify(snapshotProject(store.getState(), new Date()))));
    expect(file.gan?.discriminator.nodes.find((n) => n.name === 'd_conv1')?.params.filters).toBe(7);
    expect(file.graph.nodes[0]?.name).toBe('latent'); // the generator, the network that exports

    const other = createAppStore();
    applyProject(other, { project: file, pipeline: null, weights: {}, file: null });
    const loaded = ganGraphs(other.getState())!;
    expect(other.getState().gan?.active).toBe('generator');
    expect(loaded.discriminator.nodes.find((n) => n.name === 'd_conv1')?.params.filters).toBe(7);
    expect(other.getState().gan?.settings.discriminatorSteps).toBe(2);
  });

  it('autosaves when the GAN changes, and a plain template makes the project plain again', () => {
    const store = ganStore();
    const before = persistedRefs(store.getState());
    store.getState().setGanSettings({ realLabel: 1 });
    expect(persistedRefs(store.getState())).not.toEqual(before);
    store.getState().clearGan();
    expect(store.getState().gan).toBeNull();
    expect('gan' in snapshotProject(store.getState(), new Date())).toBe(false);
  });

  it('keeps only the last grids for the scrubber', () => {
    const store = ganStore();
    for (let step = 1; step <= GAN_GRIDS_KEPT + 5; step++) {
      store.getState().addGanGrid({ step, epoch: 1, width: 1, height: 1, rgba: new Uint8Array(4) });
    }
    const grids = store.getState().ganRun.grids;
    expect(grids).toHaveLength(GAN_GRIDS_KEPT);
    expect(grids[0]?.step).toBe(6);
  });
});
