import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { createAppStore } from '../store/index';
import { fakeClients, tinyDataset } from './fake-clients';
import { createSession, type Session } from './index';

const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
]);
const sessions: Session[] = [];

afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

describe('an export of a dataset with several parts', () => {
  it("hands the dataset's parts to the export, so metadata.json lists one input per part", async () => {
    const clients = fakeClients();
    const store = createAppStore();
    store.getState().resetGraph(graph);
    const inputs = [
      { name: 'user_id', shape: [1], dtype: 'int32', role: 'id', columns: ['user_id'], vocabulary: 5 },
      { name: 'features', shape: [3], dtype: 'float32', role: 'features', columns: ['a', 'b', 'c'] },
    ] as const;
    store.getState().setDataset({ ...tinyDataset(), inputs });
    store.getState().patchProjects({ currentProjectId: 'p-1' });
    const session = createSession(store, clients);
    sessions.push(session);
    const config = { optimizer: { name: 'adam' as const, learningRate: 0.01 }, epochs: 1 };
    await session.training.start({ config, backend: null, epochs: 1 });
    await session.evaluation.exportZip('parts');
    expect(clients.exported[0]!.dataset?.inputs).toEqual(inputs);
  });
});
