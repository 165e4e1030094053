// Installs IDBRequest, IDBKeyRange and the rest as globals, as a browser has them.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayerWeights } from '../../model/weights';
import type { ProjectRecord } from './project-db';

/** Each test gets an empty IndexedDB and a fresh module (openLayerloomDb caches its connection). */
async function freshDb() {
  vi.stubGlobal('indexedDB', new IDBFactory());
  vi.resetModules();
  return import('./project-db');
}

const w = (v: number): LayerWeights => ({ out: [{ name: 'kernel', shape: [2], values: Float32Array.of(v, v) }] });
const record = (id: string, runId: string | null): Omit<ProjectRecord, 'revision'> => ({
  id,
  savedBy: 'tab',
  summary: {
    id,
    name: id,
    createdAt: '',
    updatedAt: '',
    dataset: null,
    layers: 0,
    params: 0,
    runs: 1,
    hasWeights: true,
  },
  project: { id, name: id, weights: { runId, layers: 1, tensors: 1, values: 2 }, runs: [] } as never,
});

describe('IndexedDB project storage', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('keeps weights per project and run, writes only the runs named, and frees a run or a project', async () => {
    const { createIdbProjectDb } = await freshDb();
    const db = createIdbProjectDb();
    await db.save(record('a', null), { weights: { r1: w(1), r2: w(2) } }, 0);
    await db.save(record('b', null), { weights: { r1: w(9) } }, 0);
    await db.save(record('a', null), { weights: { r2: null, r3: w(3) } }, 1);
    const a = await db.getWeights('a');
    expect(Object.keys(a).sort()).toEqual(['r1', 'r3']);
    expect(Array.from(a.r1!.out![0]!.values)).toEqual([1, 1]);
    expect(Array.from((await db.getWeights('b')).r1!.out![0]!.values)).toEqual([9, 9]);

    await db.checkpoints.put('a', 'r1', { epoch: 1, values: new Float32Array(100) });
    await db.checkpoints.put('b', 'r1', { epoch: 7 });
    expect(await db.checkpoints.list('a')).toHaveLength(1);
    const before = await db.usage('a');
    expect(before).toBeGreaterThan(400 + 16);
    await db.removeRun('a', 'r1');
    expect(Object.keys(await db.getWeights('a'))).toEqual(['r3']);
    expect(await db.checkpoints.get('a', 'r1')).toBeUndefined();
    expect(await db.usage('a')).toBeLessThan(before - 400);
    await db.remove('a');
    expect(await db.getWeights('a')).toEqual({});
    expect(await db.checkpoints.list('b')).toEqual([{ epoch: 7 }]);
    expect(Object.keys(await db.getWeights('b'))).toEqual(['r1']);
  });

  it('moves version 2’s one weights object per project to the run it names, and drops the old unkeyed checkpoint', async () => {
    const v2 = new IDBFactory();
    vi.stubGlobal('indexedDB', v2);
    const old = await openDB('layerloom', 2, {
      upgrade(d) {
        for (const name of ['projects', 'weights', 'files', 'checkpoints']) d.createObjectStore(name);
      },
    });
    await old.put('projects', { ...record('p', 'run-7'), revision: 3 }, 'p');
    await old.put('weights', w(7), 'p');
    await old.put('projects', { ...record('q', null), revision: 1 }, 'q');
    await old.put('weights', w(5), 'q');
    await old.put('checkpoints', { runId: 'run-7' }, 'current');
    old.close();

    vi.resetModules();
    const { createIdbProjectDb, openLayerloomDb } = await import('./project-db');
    const db = createIdbProjectDb();
    expect(Object.keys(await db.getWeights('p'))).toEqual(['run-7']);
    expect(Array.from((await db.getWeights('p'))['run-7']!.out![0]!.values)).toEqual([7, 7]);
    expect(Object.keys(await db.getWeights('q'))).toEqual(['opened']);
    expect((await db.get('p'))?.revision).toBe(3);
    const names = Array.from((await openLayerloomDb()).objectStoreNames).sort();
    expect(names).toEqual(['files', 'projects', 'runCheckpoints', 'runWeights']);
  });
});
