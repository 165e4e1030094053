/**
 * Starting, pausing, stopping and resuming GAN runs, and their events into the store
 * (gan-slice.ts): the step logs for the live charts, the sample grids for the scrubber, the
 * epochs' collapse warning. Each run is a record of the project (gan.runs) with both networks'
 * weights among the run weights; each finished epoch's checkpoint is stored before the worker
 * begins the next (gan-checkpoints.ts), so a reload offers "Resume training from epoch N".
 */
import type { GanConfigInput } from '../training/gan/config';
import type { OptimizerConfig } from '../training/config';
import type { PreparedDataset } from '../data/types';
import { analyzeGan } from '../model/gan';
import { ganWeightKey, type GanRunRecord } from '../model/project-schema';
import { ganGraphs, idleGanRun, storedGanWeights, type GanSettings } from '../store/gan-slice';
import type { AppStore } from '../store/types';
import type { GanCheckpoint } from '../training/gan/trainer';
import type { GanClientHandlers } from '../worker/gan-client';
import type { GanStartRequest, GanWeights } from '../worker/train-protocol';
import type { RunStorage } from './clients';
import { ganEpochRecord, recoverGanRuns, storedGanCheckpoint, type GanRunCheckpoint } from './gan-checkpoints';

export interface GanWorker {
  start(request: Omit<GanStartRequest, 'type'>): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** The page has stored epoch `epoch`'s checkpoint: the worker may begin the next epoch. */
  checkpointSaved(epoch: number): void;
  terminate(): void;
}

export type GanWorkerFactory = (handlers: GanClientHandlers) => Promise<GanWorker>;

/** The DCGAN paper's Adam (β1 0.5), at the learning rate the form gives each network. */
const adam = (learningRate: number): OptimizerConfig => ({
  name: 'adam',
  learningRate,
  beta1: 0.5,
  beta2: 0.999,
  epsilon: 1e-7,
});

export function ganConfigOf(settings: GanSettings, seed: number): GanConfigInput {
  return {
    batchSize: settings.batchSize,
    discriminatorSteps: settings.discriminatorSteps,
    realLabel: settings.realLabel,
    generatorOptimizer: adam(settings.generatorLearningRate),
    discriminatorOptimizer: adam(settings.discriminatorLearningRate),
    seed,
  };
}

let runCounter = 0;

/** How a run ended, for whoever awaits it (the pipeline's Train stage). */
export interface GanRunOutcome {
  readonly status: GanRunRecord['status'];
  readonly runId: string | null;
  readonly epochs: number;
  readonly error: string | null;
}

/** A GAN run that trains nothing now (not starting, running, paused or stopping). */
const BUSY = new Set(['starting', 'running', 'paused', 'stopping']);

/**
 * `storage` holds each epoch's checkpoint (the app's projects database; null: none is kept, as in
 * a test that needs no recovery).
 */
export function createGanTraining(store: AppStore, spawn: GanWorkerFactory, storage: RunStorage | null = null) {
  const s = () => store.getState();
  let worker: GanWorker | null = null;
  let waiters: ((outcome: GanRunOutcome) => void)[] = [];

  /** Why a GAN run cannot start now, or null. */
  function blocker(): string | null {
    const graphs = ganGraphs(s());
    if (!graphs) return 'This project is not a GAN: pick the DCGAN template on the Model page';
    const dataset = s().dataset;
    if (!dataset) return 'Load an image dataset on the Data page first';
    if (dataset.kind !== 'image')
      return `A GAN learns to draw images, but "${dataset.name}" is ${dataset.kind} data: load an image dataset`;
    const analysis = analyzeGan(graphs);
    const issues = analysis.issues;
    if (issues.length > 0) {
      const first = issues[0]!;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more on the Model page)` : '';
      return `Fix the ${first.graph} on the Model page: ${first.message}${more}`;
    }
    const drawn = analysis.imageShape?.join('×');
    const held = dataset.inputShape.join('×');
    if (drawn !== held) {
      return `The generator draws ${drawn} images but "${dataset.name}" holds ${held}: load the DCGAN template again on the Model page to size both networks to this dataset`;
    }
    return null;
  }

  const runRecord = (id: string | null): GanRunRecord | undefined => s().gan?.runs.find((r) => r.id === id);

  function keepWeights(runId: string, weights: GanWeights): void {
    s().setRunWeights(ganWeightKey(runId, 'generator'), weights.generator);
    s().setRunWeights(ganWeightKey(runId, 'discriminator'), weights.discriminator);
  }

  /** Stores the epoch's checkpoint, then lets the worker begin the next epoch (even when storing failed). */
  async function keepCheckpoint(w: GanWorker, checkpoint: GanCheckpoint): Promise<void> {
    const runId = s().ganRun.runId;
    const run = runRecord(runId);
    const projectId = s().currentProjectId;
    try {
      if (run && projectId && storage) {
        const record: GanRunCheckpoint = {
          kind: 'gan-run',
          version: 1,
          runId: run.id,
          run,
          checkpoint,
          finished: checkpoint.epoch >= run.settings.epochs,
        };
        await storage.checkpoints.put(projectId, run.id, record);
      }
    } catch (e) {
      s().patchGanRun({
        warning: `Epoch ${checkpoint.epoch} could not be stored in the browser (${e instanceof Error ? e.message : String(e)}); a reload now would lose it.`,
      });
    } finally {
      // Autosave writes the run weights: what the run list shows, a reload keeps.
      if (run) keepWeights(run.id, checkpoint);
      w.checkpointSaved(checkpoint.epoch);
    }
  }

  /** The run ended (finished, stopped, failed or crashed) after `epochs` finished epochs. */
  function ended(status: GanRunRecord['status'], epochs: number, weights: GanWeights | null, error?: string): void {
    const runId = s().ganRun.runId;
    const run = runRecord(runId);
    if (run) s().updateGanRunRecord(run.id, (r) => ({ ...r, status }));
    if (run && weights) keepWeights(run.id, weights);
    const more = run && status !== 'completed' && epochs > 0 && epochs < run.settings.epochs;
    s().patchGanRun({
      status: status === 'completed' ? 'done' : status,
      epochs,
      // A failed run keeps what its last finished epoch stored.
      weights: weights ?? (runId ? storedGanWeights(s().runWeights, runId) : null),
      resumable: more ? { runId: run.id, epoch: epochs } : null,
      ...(error ? { error } : {}),
    });
    const outcome: GanRunOutcome = { status, runId: runId ?? null, epochs, error: error ?? null };
    const waiting = waiters;
    waiters = [];
    for (const resolve of waiting) resolve(outcome);
  }

  function handle(w: GanWorker, event: Parameters<GanClientHandlers['onEvent']>[0]): void {
    const st = s();
    switch (event.type) {
      case 'backend':
        return st.patchGanRun({
          backend: event.reason,
          status: st.ganRun.status === 'starting' ? 'running' : st.ganRun.status,
        });
      case 'gan-steps':
        return st.addGanSteps(event.steps);
      case 'gan-grid':
        return st.addGanGrid({
          step: event.step,
          epoch: event.epoch,
          width: event.width,
          height: event.height,
          rgba: event.rgba,
        });
      case 'gan-epoch': {
        const runId = st.ganRun.runId;
        const epoch = ganEpochRecord(event.log);
        if (runId)
          st.updateGanRunRecord(runId, (r) => ({
            ...r,
            epochs: [...r.epochs.filter((e) => e.epoch < epoch.epoch), epoch],
          }));
        return st.patchGanRun({ epochs: event.log.epoch, warning: event.log.diversity.warning });
      }
      case 'gan-checkpoint':
        void keepCheckpoint(w, event.checkpoint);
        return;
      case 'gan-done':
        w.terminate();
        worker = null;
        return ended(event.status === 'stopped' ? 'stopped' : 'completed', event.epochs, event.weights);
      case 'error':
        w.terminate();
        worker = null;
        return ended('failed', st.ganRun.epochs, null, event.message);
      default:
        return; // the normal run's events: a GAN worker sends none of them
    }
  }

  /** One leg in a fresh worker: `epochs` more, from `checkpoint` when resuming. */
  async function launch(settings: GanSettings, seed: number, epochs: number, checkpoint: GanCheckpoint | null) {
    const st = s();
    const graphs = ganGraphs(st)!;
    worker?.terminate();
    const w = await spawn({
      onEvent: (event) => {
        if (worker === w) handle(w, event);
      },
      onCrash: (reason) => {
        if (worker !== w) return;
        worker = null;
        ended('failed', s().ganRun.epochs, null, `The training worker stopped unexpectedly (${reason})`);
      },
    });
    worker = w;
    const backend = st.trainSettings.backend;
    w.start({
      gan: graphs,
      dataset: st.dataset as PreparedDataset,
      config: ganConfigOf(settings, seed),
      forceBackend: backend === 'auto' ? null : backend,
      epochs,
      checkpoint,
    });
  }

  return {
    blocker,
    /**
     * Starts a fresh GAN run on the loaded dataset with the project's GAN settings (changed by
     * `overrides`: a pipeline search trial's); resolves once the worker has it.
     */
    async start(overrides: Partial<GanSettings> = {}): Promise<void> {
      const why = blocker();
      if (why) {
        s().patchGanRun({ ...idleGanRun, status: 'failed', error: why });
        return;
      }
      const st = s();
      const settings = { ...st.gan!.settings, ...overrides };
      const seed = st.trainSettings.seed ?? Math.floor(Math.random() * 2 ** 31);
      const record: GanRunRecord = {
        id: `gan-${Date.now().toString(36)}-${++runCounter}`,
        name: `GAN run ${st.gan!.runs.length + 1}`,
        createdAt: new Date().toISOString(),
        status: 'running',
        settings,
        seed,
        dataName: st.dataset?.name ?? null,
        epochs: [],
        scores: null,
      };
      st.putGanRunRecord(record);
      st.patchGanRun({ ...idleGanRun, status: 'starting', runId: record.id });
      await launch(settings, seed, settings.epochs, null);
    },
    /**
     * Continues the stored run of "Resume training from epoch N" from its checkpoint, with the
     * settings and seed it started with, up to its epochs.
     */
    async resumeStored(): Promise<void> {
      const offer = s().ganRun.resumable;
      if (!offer || worker) return;
      const why = blocker();
      const cp = why ? null : await storedGanCheckpoint(store, storage, offer.runId);
      const run = runRecord(offer.runId) ?? cp?.run;
      if (why || !cp || !run) {
        s().patchGanRun({
          error:
            why ??
            `Epoch ${offer.epoch} of this run can no longer be read from the browser's storage: start a new run instead`,
        });
        return;
      }
      s().updateGanRunRecord(run.id, (r) => ({ ...r, status: 'running' }));
      s().patchGanRun({ ...idleGanRun, status: 'starting', runId: run.id, epochs: cp.checkpoint.epoch });
      await launch(run.settings, run.seed, run.settings.epochs - cp.checkpoint.epoch, cp.checkpoint);
    },
    /** After a reload: stored epochs and weights come back, and the newest unfinished run is offered to resume. */
    async recover(): Promise<void> {
      if (!storage || worker || BUSY.has(s().ganRun.status)) return;
      const cp = await recoverGanRuns(store, storage);
      if (!cp || worker || BUSY.has(s().ganRun.status)) return;
      s().patchGanRun({
        ...idleGanRun,
        status: 'stopped',
        runId: cp.runId,
        epochs: cp.checkpoint.epoch,
        weights: { generator: cp.checkpoint.generator, discriminator: cp.checkpoint.discriminator },
        resumable: { runId: cp.runId, epoch: cp.checkpoint.epoch },
      });
    },
    /** Resolves when the run in progress (or the next one started) ends, however it ends. */
    finished(): Promise<GanRunOutcome> {
      return new Promise((resolve) => waiters.push(resolve));
    },
    pause(): void {
      if (!worker || s().ganRun.status !== 'running') return;
      worker.pause();
      s().patchGanRun({ status: 'paused' });
    },
    resume(): void {
      if (!worker || s().ganRun.status !== 'paused') return;
      worker.resume();
      s().patchGanRun({ status: 'running' });
    },
    stop(): void {
      if (!worker) return;
      // A paused run must wake to see the stop.
      worker.resume();
      worker.stop();
      s().patchGanRun({ status: 'stopping' });
    },
  };
}

export type GanTraining = ReturnType<typeof createGanTraining>;
