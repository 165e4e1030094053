import { describe, expect, it } from 'vitest';
import { startProjects } from './boot';
import { datasetTitle, hasDefaultName } from './dataset-name';
import { createMemoryProjectDb } from './memory-db';
import { createAppStore } from '../index';
import type { BuiltinInfo } from '../../data/builtins';

async function setup() {
  const store = createAppStore();
  const db = createMemoryProjectDb();
  const runtime = startProjects(store, { db, channel: null, storage: null, initialHash: '', autosaveDelayMs: 60_000 });
  await runtime.ready;
  const iris = { id: 'iris', title: 'Iris flowers', kind: 'tabular' } as unknown as BuiltinInfo;
  store.getState().patchDataPage({ builtins: [iris] });
  const names = () =>
    store
      .getState()
      .projects.map((p) => p.name)
      .sort();
  return { store, runtime, names };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('a new project is named after its dataset', () => {
  it('renames "Untitled project" when data is chosen, unique among the projects', async () => {
    const { store, runtime, names } = await setup();
    expect(store.getState().projectName).toBe('Untitled project');
    store.getState().setDatasetSource({ kind: 'builtin', id: 'iris' });
    await flush();
    expect(store.getState().projectName).toBe('Iris flowers');

    expect(await runtime.create(null)).toBe(true);
    expect(store.getState().projectName).toBe('Untitled project');
    store
      .getState()
      .setDatasetSource({ kind: 'file', name: 'sales 2024.csv', size: 10, type: 'csv', fileInBundle: true });
    await flush();
    expect(store.getState().projectName).toBe('sales 2024');
    // Choosing other data later keeps the name the data gave it.
    store.getState().setDatasetSource({ kind: 'builtin', id: 'iris' });
    await flush();
    expect(store.getState().projectName).toBe('sales 2024');

    expect(await runtime.create(null)).toBe(true);
    store.getState().setDatasetSource({ kind: 'builtin', id: 'iris' });
    await flush();
    expect(store.getState().projectName).toBe('Iris flowers 2');
    expect(names()).toEqual(['Iris flowers', 'Iris flowers 2', 'sales 2024']);
  });

  it('keeps a name the user typed, and renames nothing when a project with data opens', async () => {
    const { store, runtime } = await setup();
    const first = store.getState().currentProjectId!;
    expect(await runtime.rename(first, 'My flowers')).toBeNull();
    store.getState().setDatasetSource({ kind: 'builtin', id: 'iris' });
    await flush();
    expect(store.getState().projectName).toBe('My flowers');

    // A project stored with data under a default-looking name (an older app made such) opens as it is.
    expect(await runtime.rename(first, 'Untitled project 5')).toBeNull();
    expect(await runtime.create(null)).toBe(true);
    expect(await runtime.open(first)).toBe(true);
    await flush();
    expect(store.getState().datasetRef).toEqual({ kind: 'builtin', id: 'iris' });
    expect(store.getState().projectName).toBe('Untitled project 5');
  });

  it('knows the names the app gives and the titles data gives', () => {
    expect(['Untitled project', 'Untitled project 12', ' Untitled project '].map(hasDefaultName)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['Untitled project copy', 'Iris', 'Untitled project (copy)'].map(hasDefaultName)).toEqual([
      false,
      false,
      false,
    ]);
    expect(datasetTitle({ kind: 'builtin', id: 'wine' }, null)).toBe('wine');
    expect(datasetTitle({ kind: 'file', name: 'photos.zip', size: 1, type: 'images', fileInBundle: true }, null)).toBe(
      'photos',
    );
    expect(datasetTitle({ kind: 'file', name: 'my-folder', size: 1, type: 'images', fileInBundle: false }, null)).toBe(
      'my-folder',
    );
  });
});
