import { describe, expect, it } from 'vitest';
import { dcganTemplate } from '../model/gan-template';
import { ganWeightKey } from '../model/project-schema';
import { createAppStore } from '../store/index';
import type { AppStore } from '../store/types';
import type { RunStorage } from './clients';
import { fakeClients } from './fake-clients';
import { fakeDigits, fakeGanCheckpoint, FakeGanWorker } from './fake-gan-worker';
import { isRunCheckpoint } from './checkpoints';
import { isGanRunCheckpoint } from './gan-checkpoints';
import { createGanTraining } from './gan-training';
import { recoverRuns } from './recovery';

const images = fakeDigits();

const gan = dcganTemplate([8, 8, 1], { latentDim: 8, width: 8 });

/** A store with the GAN project `p1` open and its images loaded, as after opening it. */
function openProject(): AppStore {
  const store = createAppStore();
  store.getState().setGan(gan, { epochs: 4 });
  store.getState().setDataset(images);
  store.setState({ currentProjectId: 'p1' });
  return store;
}

function setup(storage: RunStorage = fakeClients().storage, holdBefore: number | null = null) {
  const store = openProject();
  const workers: FakeGanWorker[] = [];
  const training = createGanTraining(
    store,
    (handlers) => {
      const w = new FakeGanWorker(handlers);
      w.holdBefore = holdBefore;
      workers.push(w);
      return Promise.resolve(w);
    },
    storage,
  );
  return { store, storage, training, workers, worker: () => workers.at(-1)! };
}

const until = async (what: () => boolean) => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!what()) throw new Error('timed out');
};

const first = (w: Record<string, readonly { values: Float32Array }[]> | undefined) =>
  w ? Object.values(w)[0]![0]!.values[0] : undefined;

describe('a GAN run is a run: stored, checkpointed, recoverable', () => {
  it('is recorded in the project with its settings, seed and epochs; each epoch is stored before the next begins', async () => {
    const { store, storage, training, worker } = setup();
    store.getState().setTrainSettings({ seed: 9 });
    const seen: number[] = [];
    const put = storage.checkpoints.put.bind(storage.checkpoints);
    storage.checkpoints.put = async (p, r, v) => {
      // A slow disk: the worker must not begin the next epoch meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await put(p, r, v);
      seen.push(worker().begun.length);
    };
    await training.start();
    await until(() => store.getState().ganRun.status === 'done');
    expect(seen).toEqual([1, 2, 3, 4]);
    const run = store.getState().gan!.runs[0]!;
    expect(run).toMatchObject({ status: 'completed', seed: 9, dataName: 'Digits', settings: { epochs: 4 } });
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    // A diverged loss is kept as null, as the project file can hold it.
    expect(run.epochs[1]!.gLoss).toBeNull();
    const rw = store.getState().runWeights;
    expect(first(rw[ganWeightKey(run.id, 'generator')])).toBe(4);
    expect(first(rw[ganWeightKey(run.id, 'discriminator')])).toBe(-4);
    expect(first(store.getState().ganRun.weights?.generator)).toBe(4);
    // The last checkpoint says the run is finished: nothing to resume.
    const cp = await storage.checkpoints.get('p1', run.id);
    expect(isGanRunCheckpoint(cp) && cp.finished).toBe(true);
    expect(store.getState().ganRun.resumable).toBeNull();
  });

  it('stop keeps the last finished epoch’s weights and offers to resume from it', async () => {
    const { store, training, worker } = setup(undefined, 3);
    await training.start();
    await until(() => worker().acked.length === 2);
    training.stop();
    await until(() => store.getState().ganRun.status === 'stopped');
    const run = store.getState().gan!.runs[0]!;
    expect(run.status).toBe('stopped');
    expect(store.getState().ganRun).toMatchObject({ epochs: 2, resumable: { runId: run.id, epoch: 2 } });
    expect(first(store.getState().ganRun.weights?.generator)).toBe(2);
  });

  it('after a crash and a reload, the stored epochs come back and the run resumes from its checkpoint', async () => {
    const storage = fakeClients().storage;
    const before = setup(storage, 3);
    await before.training.start();
    await until(() => before.worker().acked.length === 2);
    const runId = before.store.getState().ganRun.runId!;
    before.worker().crash('no answer for 30 s');
    expect(before.store.getState().ganRun.status).toBe('failed');
    expect(before.store.getState().ganRun.error).toMatch(/stopped unexpectedly \(no answer for 30 s\)/);

    // The reload: the project was last saved before the run started.
    const after = setup(storage);
    await after.training.recover();
    const s = after.store.getState();
    expect(s.gan!.runs.map((r) => [r.id, r.status, r.epochs.length])).toEqual([[runId, 'stopped', 2]]);
    expect(s.ganRun).toMatchObject({ status: 'stopped', runId, resumable: { runId, epoch: 2 } });
    expect(first(s.ganRun.weights?.generator)).toBe(2);
    expect(first(s.runWeights[ganWeightKey(runId, 'discriminator')])).toBe(-2);

    await after.training.resumeStored();
    expect(after.worker().starts[0]).toMatchObject({ epochs: 2, checkpoint: { epoch: 2 } });
    await until(() => after.store.getState().ganRun.status === 'done');
    const run = after.store.getState().gan!.runs[0]!;
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(run.status).toBe('completed');
    expect(first(after.store.getState().ganRun.weights?.generator)).toBe(4);
    expect(after.store.getState().ganRun.resumable).toBeNull();
  });

  it('ignores a stored GAN checkpoint that does not read back, and normal-run recovery ignores GAN ones', async () => {
    const storage = fakeClients().storage;
    const good = { kind: 'gan-run', version: 1, runId: 'gan-x', finished: false, checkpoint: fakeGanCheckpoint(1) };
    const run = {
      id: 'gan-x',
      name: 'x',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'running',
      settings: { ...openProject().getState().gan!.settings },
      seed: 1,
      dataName: null,
      epochs: [],
      scores: null,
    };
    expect(isGanRunCheckpoint({ ...good, run })).toBe(true);
    expect(isGanRunCheckpoint({ ...good, run: { ...run, status: 'lost' } })).toBe(false);
    expect(
      isGanRunCheckpoint({ ...good, run, checkpoint: { ...good.checkpoint, generator: { g: [{ values: [1] }] } } }),
    ).toBe(false);
    await storage.checkpoints.put('p1', 'gan-x', { ...good, run, checkpoint: { ...good.checkpoint, rng: null } });
    const { store, training } = setup(storage);
    await training.recover();
    expect(store.getState().gan!.runs).toEqual([]);
    expect(store.getState().ganRun.resumable).toBeNull();
    await storage.checkpoints.put('p1', 'gan-x', { ...good, run });
    expect(isRunCheckpoint(await storage.checkpoints.get('p1', 'gan-x'))).toBe(false);
    await recoverRuns(store, storage);
    expect(store.getState().runs).toEqual([]);
  });

  it('trains on when an epoch cannot be stored, and says a reload would lose it', async () => {
    const storage = fakeClients().storage;
    storage.checkpoints.put = () => Promise.reject(new Error('QuotaExceededError'));
    const { store, training, worker } = setup(storage);
    await training.start();
    await until(() => store.getState().ganRun.status === 'done');
    expect(worker().acked).toEqual([1, 2, 3, 4]);
    expect(store.getState().ganRun.warning).toMatch(
      /Epoch \d could not be stored in the browser \(QuotaExceededError\); a reload now would lose it/,
    );
  });
});
