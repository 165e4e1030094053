import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { createAppStore } from '../store/index';
import type { AppStore } from '../store/types';
import { isRunCheckpoint } from './checkpoints';
import { fakeClients, fakeWeights, tinyDataset, type FakeClients } from './fake-clients';
import type { EvalWorker } from './clients';
import { createSession, type Session } from './index';
import { runLengthText } from './runs';

const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
]);
const config = (learningRate: number, epochs = 2) => ({ optimizer: { name: 'adam' as const, learningRate }, epochs });
const sessions: Session[] = [];

function setup(
  clients: FakeClients = fakeClients(),
  projectId = 'p-1',
): { store: AppStore; session: Session; clients: FakeClients } {
  const store = createAppStore();
  store.getState().resetGraph(graph);
  store.getState().setDataset(tinyDataset());
  store.getState().patchProjects({ currentProjectId: projectId });
  const session = createSession(store, clients);
  sessions.push(session);
  return { store, session, clients };
}

/** Waits until `check` holds (the fake worker runs on timers). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}

afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

describe('training session', () => {
  it('runs a run to the end: the promise gives the finished run, its weights and its stored checkpoint', async () => {
    const { store, session, clients } = setup();
    const run = await session.training.start({ config: config(0.01), backend: null, epochs: 2 });
    const s = store.getState();
    expect(run.status).toBe('completed');
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(run.test?.metrics).toMatchObject({ accuracy: 0.8 });
    expect(s.trainingStatus).toBe('idle');
    expect(s.runWeights[run.id]).toEqual(fakeWeights(config(0.01), 2));
    const stored = await clients.db.checkpoints.get('p-1', run.id);
    expect(isRunCheckpoint(stored) && stored.checkpoint.epoch).toBe(2);
    expect(isRunCheckpoint(stored) && stored.finished).toBe(true);
  });

  it('refuses to start without data, naming the page that fixes it', async () => {
    const { store, session } = setup();
    store.getState().setDataset(null);
    await expect(session.training.start({ config: config(0.01), backend: null, epochs: 1 })).rejects.toThrow(
      /no dataset yet.*Data page/,
    );
    expect(store.getState().runs).toEqual([]);
  });

  it('a resume or continue that cannot start leaves the run as it was, not "running"', async () => {
    const clients = fakeClients();
    const first = setup(clients);
    const run = await first.session.training.start({ config: config(0.01), backend: null, epochs: 1 });
    // After a reload whose data has not come back: no live worker, no dataset.
    const second = setup(clients);
    second.store.getState().addRun(run);
    second.store.getState().setDataset(null);
    await second.session.training.recover();
    await expect(second.session.training.continueRun(1)).rejects.toThrow(/no dataset yet/);
    await expect(second.session.training.resume(run.id, 1)).rejects.toThrow(/no dataset yet/);
    expect(second.store.getState().runs[0]!.status).toBe('completed');
  });

  it('keeps every run’s weights: a second run does not replace the first', async () => {
    const { store, session } = setup();
    const first = await session.training.start({ config: config(0.01), backend: null, epochs: 2 });
    const second = await session.training.start({ config: config(0.02), backend: null, epochs: 2 });
    const w = store.getState().runWeights;
    expect(Object.keys(w).sort()).toEqual([first.id, second.id].sort());
    expect(w[first.id]!.out![0]!.values[0]).toBe(12);
    expect(w[second.id]!.out![0]!.values[0]).toBe(22);
  });

  it('stores each epoch before the worker may start the next one', async () => {
    const clients = fakeClients();
    const put = clients.db.checkpoints.put.bind(clients.db.checkpoints);
    clients.db.checkpoints.put = async (p, r, v) => {
      // A slow disk: the worker must still wait for it.
      await new Promise((res) => setTimeout(res, 5));
      await put(p, r, v);
      clients.trace.push(`stored ${(v as { checkpoint: { epoch: number } }).checkpoint.epoch}`);
    };
    const { session } = setup(clients);
    await session.training.start({ config: config(0.01, 3), backend: null, epochs: 3 });
    expect(clients.trace).toEqual([
      'saved project',
      'begin 1',
      'stored 1',
      'begin 2',
      'stored 2',
      'begin 3',
      'stored 3',
    ]);
  });

  it('stop ends the run after the batch in progress, keeping the epochs done and its weights', async () => {
    const { store, session, clients } = setup();
    clients.holdBefore = 2;
    const done = session.training.start({ config: config(0.01, 5), backend: null, epochs: 5 });
    await until(() => clients.workers[0]?.waitingAt === 2);
    session.training.stop();
    clients.workers[0]!.release();
    const run = await done;
    expect(run.status).toBe('stopped');
    expect(run.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(store.getState().runWeights[run.id]).toBeDefined();
    expect(clients.workers).toHaveLength(1);
  });

  it('a run stopped before its first epoch ends keeps the weights it reached: Evaluate scores them and says it stopped; Export sends them', async () => {
    const clients = fakeClients();
    const loaded: Parameters<EvalWorker['load']>[0][] = [];
    const worker: EvalWorker = {
      ...(await clients.evalWorker()),
      load: async (req) => {
        loaded.push(req);
        return {
          type: 'scored',
          id: 1,
          backend: 'cpu',
          n: 2,
          loss: 0.7,
          metrics: { kind: 'classification', accuracy: 0.5 },
          predictions: new Float32Array(6),
          units: 3,
          seconds: 0,
          records: null,
        } as never;
      },
    };
    clients.evalWorker = async () => worker;
    const { store, session } = setup(clients);
    clients.holdBefore = 1;
    const done = session.training.start({ config: config(0.01, 5), backend: null, epochs: 5 });
    await until(() => clients.workers[0]?.waitingAt === 1);
    session.training.stop();
    clients.workers[0]!.release();
    const run = await done;
    expect(run.status).toBe('stopped');
    expect(run.epochs).toEqual([]);
    expect(run.test?.metrics).toMatchObject({ accuracy: 0.8 });
    // The weights are those the worker held when it stopped, one batch into epoch 1.
    const reached = fakeWeights(config(0.01), 0);
    expect(store.getState().runWeights[run.id]).toEqual(reached);
    expect(runLengthText(run)).toBe('0 epochs · stopped after 1 batch');

    await session.evaluation.evaluate();
    expect(store.getState().evaluationError).toBeNull();
    expect(loaded.map((r) => r.weights)).toEqual([reached]);
    expect(store.getState().evaluation?.label).toBe('Run 1 · 0 epochs · stopped after 1 batch');
    expect(store.getState().evaluation?.runId).toBe(run.id);

    await session.evaluation.exportZip('stopped-model');
    expect(clients.exported).toHaveLength(1);
    expect(clients.exported[0]!.weights).toEqual(reached);
    expect(clients.exported[0]!.run).toMatchObject({ id: run.id, name: 'Run 1', epochs: 0 });
    expect(clients.downloads.map((d) => d.fileName)).toEqual(['stopped-model.zip']);
  });

  it('says how far a run trained: epochs, and for a stopped run the batches it reached', () => {
    const base = {
      id: 'r',
      name: 'Run 1',
      config: {},
      backendLabel: 'CPU',
      test: null,
      seconds: 1,
      metric: 'accuracy' as const,
    };
    const log = (epoch: number) => ({
      epoch,
      loss: 1,
      metric: 0.5,
      valLoss: null,
      valMetric: null,
      lr: 0.001,
      seconds: 1,
      samplesPerSec: 1,
    });
    const curve = (last: number) => ({ step: [1, last], loss: [1, 1], metric: [0, 0] });
    expect(runLengthText({ ...base, status: 'completed', epochs: [log(1), log(2)], batchCurve: curve(40) })).toBe(
      '2 epochs',
    );
    expect(runLengthText({ ...base, status: 'stopped', epochs: [log(1)], batchCurve: curve(27) })).toBe(
      '1 epoch · stopped after 27 batches',
    );
    expect(runLengthText({ ...base, status: 'stopped', epochs: [] })).toBe('0 epochs · stopped');
  });

  it('continue trains more epochs of the current run in the live worker, with one history', async () => {
    const { session, clients } = setup();
    const run = await session.training.start({ config: config(0.01), backend: null, epochs: 2 });
    const more = await session.training.continueRun(2);
    expect(more.id).toBe(run.id);
    expect(more.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(clients.workers).toHaveLength(1);
    expect(clients.workers[0]!.starts).toHaveLength(1);
  });

  it('pause holds the clock and the status; resume goes on and counts the paused time out', async () => {
    const { store, session, clients } = setup();
    clients.holdBefore = 2;
    const done = session.training.start({ config: config(0.01, 2), backend: null, epochs: 2 });
    await until(() => clients.workers[0]?.waitingAt === 2 && store.getState().progress !== null);
    session.training.pause();
    expect(store.getState().trainingStatus).toBe('paused');
    expect(store.getState().progress?.pausedAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    session.training.unpause();
    expect(store.getState().trainingStatus).toBe('running');
    expect(store.getState().progress?.pausedMs).toBeGreaterThanOrEqual(15);
    clients.holdBefore = null;
    clients.workers[0]!.release();
    expect((await done).status).toBe('completed');
  });

  it('a crash keeps the finished epochs and Retry continues from the last checkpoint with no gap', async () => {
    const { store, session, clients } = setup();
    clients.holdBefore = 3;
    const done = session.training.start({ config: config(0.01, 3), backend: null, epochs: 3 });
    await until(() => clients.workers[0]?.waitingAt === 3);
    clients.holdBefore = null;
    clients.workers[0]!.crash();
    const crashed = await done;
    expect(crashed.status).toBe('crashed');
    expect(store.getState().trainingProblem).toMatchObject({ kind: 'crash' });
    expect(store.getState().runWeights[crashed.id]).toBeDefined();
    const kept = crashed.epochs.length;
    expect(kept).toBe(2);
    const retried = await session.training.retryOn('cpu');
    expect(retried.id).toBe(crashed.id);
    expect(clients.workers.at(-1)!.starts[0]!.checkpoint?.epoch).toBe(kept);
    expect(retried.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(retried.status).toBe('completed');
  });

  it('after a reload: the stored epochs come back, resume continues with no gap, and more epochs work', async () => {
    const clients = fakeClients();
    const first = setup(clients);
    clients.holdBefore = 3;
    const done = first.session.training.start({ config: config(0.01, 4), backend: null, epochs: 4 });
    await until(() => clients.workers[0]?.waitingAt === 3);
    clients.holdBefore = null;
    const worker = clients.workers[0]!;
    // What autosave had written a moment earlier: the run with only its first epoch.
    const saved = {
      ...first.store.getState().runs[0]!,
      epochs: first.store.getState().runs[0]!.epochs.slice(0, 1),
      status: 'stopped' as const,
    };
    worker.terminate(); // the tab closes: the worker dies with it
    void done;

    const second = setup(clients);
    second.store.getState().addRun(saved);
    second.store.getState().setCurrentRun(null);
    const cp = await second.session.training.recover();
    const s = second.store.getState();
    expect(cp?.checkpoint.epoch).toBe(2);
    expect(s.runs[0]!.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(s.runWeights[saved.id]).toEqual(fakeWeights(config(0.01), 2));
    expect(s.runs[0]!.batchCurve?.step.length).toBeGreaterThan(0);

    const resumed = await second.session.training.resume(saved.id, 2);
    expect(resumed.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(clients.workers.at(-1)!.starts[0]!.checkpoint?.epoch).toBe(2);

    // A third page load: "Train N more epochs" picks the finished run up from its stored checkpoint.
    const third = setup(clients);
    third.store.getState().addRun({ ...resumed, status: 'completed' });
    await third.session.training.recover();
    const more = await third.session.training.continueRun(1);
    expect(more.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
  });

  it('recovery leaves a run in progress alone (it is the live one, not an interrupted one)', async () => {
    const { store, session, clients } = setup();
    clients.holdBefore = 2;
    const done = session.training.start({ config: config(0.01, 2), backend: null, epochs: 2 });
    await until(() => clients.workers[0]?.waitingAt === 2);
    expect(await session.training.recover()).toBeNull();
    expect(session.training.resumable()).toBeNull();
    expect(store.getState().runs[0]!.status).toBe('running');
    clients.holdBefore = null;
    clients.workers[0]!.release();
    await done;
  });

  it('a stored checkpoint that does not read back as one is ignored, never trusted', async () => {
    const clients = fakeClients();
    await clients.db.checkpoints.put('p-1', 'bad', {
      version: 2,
      runId: 'bad',
      run: { name: 'x' },
      checkpoint: { epoch: 1, weights: [{ values: [1, 2] }] },
    });
    const { store, session } = setup(clients);
    expect(await session.training.recover()).toBeNull();
    expect(store.getState().runs).toEqual([]);
  });

  it('checkpoints are kept per project and run', async () => {
    const clients = fakeClients();
    const a = setup(clients, 'p-a');
    const runA = await a.session.training.start({ config: config(0.01), backend: null, epochs: 2 });
    const b = setup(clients, 'p-b');
    const runB = await b.session.training.start({ config: config(0.02), backend: null, epochs: 1 });
    expect((await clients.db.checkpoints.list('p-a')).length).toBe(1);
    expect((await clients.db.checkpoints.list('p-b')).length).toBe(1);
    expect(await clients.db.checkpoints.get('p-a', runB.id)).toBeUndefined();
    expect(await clients.db.checkpoints.get('p-b', runA.id)).toBeUndefined();
  });

  it('deleting a run frees its weights and checkpoint', async () => {
    const { store, session, clients } = setup();
    const keep = await session.training.start({ config: config(0.01), backend: null, epochs: 1 });
    const gone = await session.training.start({ config: config(0.02), backend: null, epochs: 1 });
    const before = await clients.db.usage('p-1');
    await session.training.deleteRun(gone.id);
    expect(store.getState().runs.map((r) => r.id)).toEqual([keep.id]);
    expect(store.getState().runWeights[gone.id]).toBeUndefined();
    expect(await clients.db.checkpoints.get('p-1', gone.id)).toBeUndefined();
    expect(await clients.db.usage('p-1')).toBeLessThan(before);
  });
});
