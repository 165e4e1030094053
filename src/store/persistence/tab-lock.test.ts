import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { startProjects } from './boot';
import { createMemoryProjectDb, type MemoryProjectDb } from './memory-db';
import { createFakeChannelBus, type ChannelLike } from './tab-lock';
import { createAppStore } from '../index';

const mlp = (units: number) => buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', params: { units } }]);
const units = (graph: { nodes: readonly { params: Record<string, unknown> }[] }) => graph.nodes[1]!.params.units;
const tick = () => new Promise((r) => setTimeout(r, 0));

async function tab(db: MemoryProjectDb, channel: ChannelLike | null) {
  const store = createAppStore();
  const runtime = startProjects(store, { db, channel, storage: null, autosaveDelayMs: 60_000 });
  await runtime.ready;
  return { store, runtime };
}

async function twoTabs(withChannel: boolean) {
  const db = createMemoryProjectDb();
  const bus = createFakeChannelBus();
  const a = await tab(db, withChannel ? bus() : null);
  a.store.getState().setGraph(mlp(2));
  await a.runtime.flush();
  const b = await tab(db, withChannel ? bus() : null);
  return { db, a, b, id: a.store.getState().currentProjectId! };
}

describe('two tabs on one project', () => {
  it('tells the second tab over the channel and stops it from overwriting', async () => {
    const { db, a, b, id } = await twoTabs(true);
    expect(b.store.getState().currentProjectId).toBe(id);
    expect(units(b.store.getState().graph)).toBe(2);

    a.store.getState().setGraph(mlp(5));
    await a.runtime.flush();
    await tick();
    expect(b.store.getState().conflict).toEqual({ projectId: id, reason: 'newer-revision' });
    expect(b.store.getState().projectNotice).toMatchObject({ kind: 'conflict' });
    expect(b.store.getState().projectNotice?.text).toMatch(/changed in another tab.*reload the other tab's version, or save this tab's work as a copy/);
    expect(a.store.getState().conflict).toBeNull();

    b.store.getState().setGraph(mlp(9));
    await b.runtime.flush();
    expect(units((await db.get(id))!.project.graph)).toBe(5);

    expect(await b.runtime.reloadFromOtherTab()).toBe(true);
    expect(units(b.store.getState().graph)).toBe(5);
    expect(b.store.getState().conflict).toBeNull();
    b.store.getState().setGraph(mlp(6));
    await b.runtime.flush();
    expect(units((await db.get(id))!.project.graph)).toBe(6);
  });

  it('catches the conflict on save when no channel carried the news, and saves the work as a copy', async () => {
    const { db, a, b, id } = await twoTabs(false);
    a.store.getState().setGraph(mlp(5));
    await a.runtime.flush();
    b.store.getState().setGraph(mlp(9));
    await b.runtime.flush();
    expect(b.store.getState().conflict).toEqual({ projectId: id, reason: 'newer-revision' });
    expect(units((await db.get(id))!.project.graph)).toBe(5);

    expect(await b.runtime.saveAsCopy()).toBe(true);
    const copyId = b.store.getState().currentProjectId!;
    expect(copyId).not.toBe(id);
    expect(units((await db.get(copyId))!.project.graph)).toBe(9);
    expect((await db.get(copyId))!.project.name).toBe('Untitled project (copy)');
    expect(units((await db.get(id))!.project.graph)).toBe(5);
    b.store.getState().setGraph(mlp(11));
    await b.runtime.flush();
    expect(units((await db.get(copyId))!.project.graph)).toBe(11);
  });

  it('tells the other tab when its project is deleted', async () => {
    const { a, b, id } = await twoTabs(true);
    expect(await a.runtime.remove(id)).toBe(true);
    await tick();
    expect(b.store.getState().conflict).toEqual({ projectId: id, reason: 'deleted' });
    expect(b.store.getState().projectNotice?.text).toMatch(/deleted in another tab/);
    expect(await b.runtime.reloadFromOtherTab()).toBe(false);
  });
});
