import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { createAppStore } from '../store/index';
import { fakeClients, tinyDataset } from './fake-clients';
import { createSession, type Session } from './index';

const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
]);
const config = { optimizer: { name: 'adam' as const, learningRate: 0.01 }, epochs: 5 };
const sessions: Session[] = [];

afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}

describe('the run an export records', () => {
  it('a run stopped during epoch 3 of 5 is exported as 2 epochs, the ones it completed', async () => {
    const clients = fakeClients();
    const store = createAppStore();
    store.getState().resetGraph(graph);
    store.getState().setDataset(tinyDataset());
    store.getState().patchProjects({ currentProjectId: 'p-1' });
    const session = createSession(store, clients);
    sessions.push(session);
    clients.holdBefore = 3;
    const done = session.training.start({ config, backend: null, epochs: 5 });
    await until(() => clients.workers[0]?.waitingAt === 3);
    session.training.stop();
    clients.workers[0]!.release();
    const run = await done;
    expect(run.status).toBe('stopped');
    await session.evaluation.exportZip('stopped-at-3');
    expect(clients.exported[0]!.run).toMatchObject({ id: run.id, epochs: 2 });
  });
});
