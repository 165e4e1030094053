import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildGraph } from '../../model/build';
import { startProjects } from './boot';
import { MAX_BUNDLE_BYTES } from './bundle';
import { createMemoryProjectDb } from './memory-db';
import { shareHash } from './share-link';
import { projectTemplates, registerProjectTemplates } from './templates';
import { createAppStore } from '../index';

const mlp = (units: number) => buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', name: 'dense', params: { units } }]);

async function setup(initialHash = '') {
  const store = createAppStore();
  const db = createMemoryProjectDb();
  const runtime = startProjects(store, { db, channel: null, storage: null, initialHash, autosaveDelayMs: 60_000, undoMs: 50 });
  await runtime.ready;
  return { store, db, runtime, names: () => store.getState().projects.map((p) => p.name).sort() };
}

afterEach(() => registerProjectTemplates([], { keepModelTemplates: true }));

describe('project list actions', () => {
  it('creates from a template, renames, duplicates and switches, each project keeping its own state', async () => {
    const { store, db, runtime, names } = await setup();
    const first = store.getState().currentProjectId!;
    store.getState().setGraph(mlp(3));
    const template = projectTemplates()[0]!;
    expect(await runtime.create(template.id)).toBe(true);
    const second = store.getState().currentProjectId!;
    expect(second).not.toBe(first);
    expect(store.getState().projectScenario).toBe(template.id);
    expect(store.getState().graph.nodes.length).toBeGreaterThan(2);
    // Switching saved the first project's edit before leaving it.
    expect((await db.get(first))!.project.graph.nodes[1]!.params.units).toBe(3);

    expect(await runtime.rename(first, '  Iris  ')).toBeNull();
    expect(await runtime.rename(second, '')).toMatch(/needs a name/);
    expect(await runtime.rename(second, 'x'.repeat(201))).toMatch(/at most 200 characters \(this one has 201\)/);
    expect(await runtime.duplicate(first)).toBe(true);
    expect(names()).toEqual(['Iris', 'Iris (copy)', template.title]);

    expect(await runtime.open(first)).toBe(true);
    expect(store.getState().projectName).toBe('Iris');
    expect(store.getState().graph.nodes[1]!.params.units).toBe(3);
    expect(store.getState().past).toEqual([]);
  });

  it('deletes with undo for a few seconds, then for good', async () => {
    const { store, db, runtime, names } = await setup();
    await runtime.create(null);
    const doomed = store.getState().currentProjectId!;
    store.getState().setGraph(mlp(4));
    expect(await runtime.remove(doomed)).toBe(true);
    expect(store.getState().pendingDelete).toMatchObject({ id: doomed, name: 'Untitled project 2' });
    expect(store.getState().currentProjectId).not.toBe(doomed);
    expect(names()).toEqual(['Untitled project']);
    expect(await runtime.undoRemove()).toBe(true);
    expect(names()).toEqual(['Untitled project', 'Untitled project 2']);
    expect(store.getState().currentProjectId).toBe(doomed);
    expect(store.getState().graph.nodes[1]!.params.units).toBe(4);

    await runtime.remove(doomed);
    await new Promise((r) => setTimeout(r, 80));
    expect(store.getState().pendingDelete).toBeNull();
    expect(await runtime.undoRemove()).toBe(false);
    expect(await db.get(doomed)).toBeUndefined();
  });

  it('refuses to switch projects while training runs', async () => {
    const { store, runtime } = await setup();
    store.getState().setTrainingStatus('running');
    expect(await runtime.create(null)).toBe(false);
    expect(store.getState().projectNotice?.text).toMatch(/Stop training before you start a new project/);
  });
});

describe('export and import', () => {
  it('exports a project and imports it back as a new project with graph, runs and weights', async () => {
    const { store, runtime } = await setup();
    const id = store.getState().currentProjectId!;
    store.getState().setGraph(mlp(2));
    const weights = { dense: [{ name: 'kernel', shape: [4, 2], values: Float32Array.from({ length: 8 }, (_, i) => i - 3.5) }] };
    const run = { id: 'r1', name: 'Run 1', config: {}, backendLabel: 'CPU', status: 'completed' as const, epochs: [], test: null, seconds: 1, metric: 'accuracy' as const };
    store.getState().addRun(run);
    store.getState().setRunWeights('r1', weights);
    const exported = (await runtime.exportProject(id))!;
    expect(exported.fileName).toBe('Untitled_project.layerloom');

    expect(await runtime.importProject(new Blob([exported.bytes.slice()]), exported.fileName)).toBe(true);
    const s = store.getState();
    expect(s.currentProjectId).not.toBe(id);
    expect(s.projectName).toBe('Untitled project 2');
    expect(s.graph).toEqual(mlp(2));
    expect(s.runs.map((r) => r.name)).toEqual(['Run 1']);
    expect(Array.from(s.runWeights[s.runs[0]!.id]!.dense![0]!.values)).toEqual(Array.from(weights.dense[0]!.values));
    expect(s.projectNotice).toEqual({ kind: 'info', text: 'Imported “Untitled project 2”.' });
  });

  it('refuses a file with a prototype-pollution payload and one over the size limit, naming the problem', async () => {
    const { store, runtime, names } = await setup();
    const evil = zipSync({ 'project.json': strToU8('{"format":"layerloom-project","version":2,"constructor":{"prototype":{"x":1}}}') });
    expect(await runtime.importProject(new Blob([evil]), 'evil.layerloom')).toBe(false);
    expect(store.getState().projectNotice).toEqual({
      kind: 'import',
      text: 'Could not import “evil.layerloom”: The project file contains the forbidden key "constructor"; the file may be malicious and was not loaded',
    });
    const huge = { size: MAX_BUNDLE_BYTES + 1, arrayBuffer: vi.fn() } as unknown as Blob;
    expect(await runtime.importProject(huge, 'huge.layerloom')).toBe(false);
    expect(store.getState().projectNotice?.text).toBe('Could not import “huge.layerloom”: the file is 512 MB; the limit is 512 MB.');
    expect(huge.arrayBuffer).not.toHaveBeenCalled();
    expect(names()).toEqual(['Untitled project']);
  });

  it('opens a share link from the URL as a new project', async () => {
    const hash = shareHash({ name: 'Shared MLP', graph: mlp(7), pipeline: null });
    const { store, names } = await setup(hash);
    expect(names()).toEqual(['Shared MLP']);
    expect(store.getState().graph.nodes[1]!.params.units).toBe(7);
    const bad = await setup('#/share/not*valid');
    expect(bad.store.getState().projectNotice?.text).toMatch(/Could not open the share link: The share link is damaged: it has the character “\*”/);
    expect(bad.names()).toEqual(['Untitled project']);
  });

  it('offers registered scenario templates', async () => {
    registerProjectTemplates([{ id: 'iris', title: 'Iris flowers', description: 'd', task: 'Tabular', build: () => ({ graph: mlp(3), dataset: { kind: 'builtin', id: 'iris' }, train: { epochs: 40 } }) }]);
    const { store, runtime } = await setup();
    expect(projectTemplates().map((t) => t.id)).toEqual(['iris']);
    await runtime.create('iris');
    expect(store.getState().datasetRef).toEqual({ kind: 'builtin', id: 'iris' });
    expect(store.getState().trainSettings.epochs).toBe(40);
    expect(store.getState().projects.find((p) => p.id === store.getState().currentProjectId)?.dataset).toBe('iris (built-in)');
  });
});
