import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { addStage, defaultPipeline, updateStageConfig } from '../pipeline/model';
import type { Pipeline } from '../pipeline/types';
import { createAppStore } from '../store/index';
import { fakeClients, fakeWeights, lrOf, tinyDataset, type FakeClients } from './fake-clients';
import { createSession, type Session } from './index';

const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
]);
const sessions: Session[] = [];

function withSearch(values: number[]): Pipeline {
  const r = addStage(defaultPipeline(), 'hpsearch');
  if (!r.ok) throw new Error(r.reason);
  const u = updateStageConfig(r.pipeline, r.id, 'hpsearch', { params: [{ name: 'learningRate', values }] });
  if (!u.ok) throw new Error(u.reason);
  return u.pipeline;
}

function setup(clients: FakeClients, pipeline: Pipeline) {
  const store = createAppStore();
  store.getState().resetGraph(graph);
  store.getState().setDataset(tinyDataset());
  store.getState().patchProjects({ currentProjectId: 'p-1' });
  store.getState().setTrainSettings({ epochs: 2 });
  store.getState().resetPipeline(pipeline);
  const session = createSession(store, clients);
  sessions.push(session);
  return { store, session };
}

afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

describe('pipeline session', () => {
  it('a search evaluates and exports the best trial’s weights, also when the best trial is not the last', async () => {
    // The middle learning rate scores best on validation and test data.
    const clients = fakeClients((c) => (lrOf(c) === 0.01 ? 0.95 : 0.7));
    const { store, session } = setup(clients, withSearch([0.001, 0.01, 0.1]));
    const result = await session.pipeline.run();
    expect(result?.outcome).toBe('met');
    const s = store.getState();
    expect(s.runs.map((r) => r.name)).toEqual(['Trial 1 · lr 0.001', 'Trial 2 · lr 0.01', 'Trial 3 · lr 0.1']);
    const best = s.runs[1]!;
    expect(s.selectedRunId).toBe(best.id);
    expect(session.evaluation.choice()?.id).toBe(best.id);
    const out = await session.evaluation.exportZip('search');
    expect(out.run.id).toBe(best.id);
    expect(clients.exported[0]!.weights).toEqual(fakeWeights({ optimizer: { name: 'adam', learningRate: 0.01 } }, 2));
    expect(clients.exported[0]!.weights).not.toEqual(s.runWeights[s.runs[2]!.id]);
    expect(clients.exported[0]!.run).toMatchObject({
      id: best.id,
      name: 'Trial 2 · lr 0.01',
      epochs: 2,
      test: { accuracy: 0.95 },
    });
  });

  it('Cancel stops the trial in progress and the run; training can start again afterwards', async () => {
    const clients = fakeClients();
    clients.holdBefore = 2;
    const { store, session } = setup(clients, withSearch([0.001, 0.01, 0.1]));
    const running = session.pipeline.run();
    for (let i = 0; i < 200 && clients.workers[0]?.waitingAt !== 2; i++) await new Promise((r) => setTimeout(r, 1));
    expect(store.getState().pipelineRunning).toBe(true);
    session.pipeline.cancel();
    clients.holdBefore = null;
    clients.workers[0]!.release();
    const result = await running;
    expect(result?.outcome).toBe('cancelled');
    const s = store.getState();
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]!.status).toBe('stopped');
    expect(s.trainingStatus).toBe('idle');
    expect(s.pipelineRunning).toBe(false);
    const again = await session.training.start({ config: { epochs: 1 }, backend: null, epochs: 1 });
    expect(again.status).toBe('completed');
  });
});
