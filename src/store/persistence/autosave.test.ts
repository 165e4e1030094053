import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildGraph } from '../../model/build';
import { startProjects } from './boot';
import { createMemoryProjectDb } from './memory-db';
import { createAppStore } from '../index';

const mlp = (units: number) => buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', params: { units } }]);
const weights = (n: number) => ({ dense: [{ name: 'kernel', shape: [n], values: new Float32Array(n).fill(0.25) }] });

async function setup() {
  const store = createAppStore();
  const db = createMemoryProjectDb();
  const runtime = startProjects(store, { db, channel: null, autosaveDelayMs: 500, storage: null });
  await runtime.ready;
  const id = store.getState().currentProjectId!;
  const saves = vi.spyOn(db, 'save');
  return { store, db, runtime, id, saves };
}

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stores the first project and saves a burst of edits once, 500 ms after the last', async () => {
    const { store, db, id, saves } = await setup();
    expect((await db.get(id))?.revision).toBe(1);
    for (const units of [2, 3, 4]) {
      store.getState().setGraph(mlp(units));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(saves).not.toHaveBeenCalled();
    expect(store.getState().saveStatus.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(299);
    expect(saves).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toHaveBeenCalledTimes(1);
    const stored = await db.get(id);
    expect(stored?.revision).toBe(2);
    expect(stored?.project.graph.nodes[1]!.params.units).toBe(4);
    expect(store.getState().saveStatus.state).toBe('saved');
  });

  it('saves at least every 2 s while changes keep coming (a training run edits the project every few hundred ms)', async () => {
    const { store, db, id, saves } = await setup();
    for (let i = 0; i < 10; i++) {
      store.getState().setGraph(mlp(2 + i));
      await vi.advanceTimersByTimeAsync(300);
    }
    // 3 s of edits 300 ms apart: the 500 ms debounce alone would not have saved yet.
    expect(saves).toHaveBeenCalledTimes(1);
    expect((await db.get(id))?.project.graph.nodes[1]!.params.units).toBeGreaterThanOrEqual(8);
  });

  it('skips saving when nothing persisted changed', async () => {
    const { store, saves } = await setup();
    store.getState().select(['n1']);
    store.getState().logTraining({ level: 'info', text: 'not part of a project' });
    store.getState().bumpSeriesVersion();
    await vi.advanceTimersByTimeAsync(2000);
    expect(saves).not.toHaveBeenCalled();
  });

  it('reports a full disk (QuotaExceededError) without losing the in-memory state, then recovers', async () => {
    const { store, db, id, runtime } = await setup();
    db.setQuota(db.usedBytes() + 1000);
    store.getState().setGraph(mlp(7));
    store.getState().setInitialWeights(weights(10_000), 'test');
    await vi.advanceTimersByTimeAsync(500);
    const s = store.getState();
    expect(s.projectNotice?.kind).toBe('quota');
    expect(s.projectNotice?.text).toMatch(/storage for Layerloom is full.*export the project \(\.layerloom\)/);
    expect(s.saveStatus.state).toBe('failed');
    expect(s.graph.nodes[1]!.params.units).toBe(7);
    expect(s.initialWeights?.dense?.[0]?.values.length).toBe(10_000);
    expect((await db.get(id))?.revision).toBe(1);
    expect(await db.getWeights(id)).toEqual({});

    // The export path still works from memory.
    const exported = await runtime.exportProject(id);
    expect(exported?.fileName).toBe('Untitled_project.layerloom');

    db.setQuota(Infinity);
    store.getState().setTrainSettings({ epochs: 9 });
    await vi.advanceTimersByTimeAsync(500);
    expect(store.getState().projectNotice).toBeNull();
    expect((await db.get(id))?.project.train.epochs).toBe(9);
    expect((await db.getWeights(id)).opened?.dense?.[0]?.values.length).toBe(10_000);
  });

  it('asks once for persistent storage', async () => {
    const storage = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true) };
    const runtime = startProjects(createAppStore(), { db: createMemoryProjectDb(), channel: null, storage });
    await runtime.ready;
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });
});
