/**
 * Starting, pausing and stopping a GAN run, and its events into the store (gan-slice.ts): the
 * step logs for the live charts, the sample grids for the scrubber, the epochs' collapse warning.
 * A GAN run lives beside the normal runs; it is not added to the Runs list.
 */
import type { GanConfigInput } from '../training/gan/config';
import type { OptimizerConfig } from '../training/config';
import type { PreparedDataset } from '../data/types';
import { analyzeGan } from '../model/gan';
import { ganGraphs, idleGanRun, type GanSettings } from '../store/gan-slice';
import type { AppStore } from '../store/types';
import type { GanClientHandlers } from '../worker/gan-client';
import type { GanStartRequest } from '../worker/train-protocol';

export interface GanWorker {
  start(request: Omit<GanStartRequest, 'type'>): void;
  pause(): void;
  resume(): void;
  stop(): void;
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

export function createGanTraining(store: AppStore, spawn: GanWorkerFactory) {
  const s = () => store.getState();
  let worker: GanWorker | null = null;

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

  function handle(event: Parameters<GanClientHandlers['onEvent']>[0]): void {
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
      case 'gan-epoch':
        return st.patchGanRun({ epochs: event.log.epoch, warning: event.log.diversity.warning });
      case 'gan-done':
        worker?.terminate();
        worker = null;
        return st.patchGanRun({
          status: event.status === 'stopped' ? 'stopped' : 'done',
          epochs: event.epochs,
          weights: event.weights,
        });
      case 'error':
        worker?.terminate();
        worker = null;
        return st.patchGanRun({ status: 'failed', error: event.message });
      default:
        return; // the normal run's events: a GAN worker sends none of them
    }
  }

  return {
    blocker,
    /** Starts a fresh GAN run on the loaded dataset with the project's GAN settings. */
    async start(): Promise<void> {
      const why = blocker();
      if (why) {
        s().patchGanRun({ ...idleGanRun, status: 'failed', error: why });
        return;
      }
      const st = s();
      const graphs = ganGraphs(st)!;
      const settings = st.gan!.settings;
      const seed = st.trainSettings.seed ?? Math.floor(Math.random() * 2 ** 31);
      st.patchGanRun({ ...idleGanRun, status: 'starting' });
      worker?.terminate();
      const w = await spawn({
        onEvent: (event) => {
          if (worker === w) handle(event);
        },
        onCrash: (reason) => {
          if (worker !== w) return;
          worker = null;
          s().patchGanRun({ status: 'failed', error: `The training worker stopped unexpectedly (${reason})` });
        },
      });
      worker = w;
      const backend = st.trainSettings.backend;
      w.start({
        gan: graphs,
        dataset: st.dataset as PreparedDataset,
        config: ganConfigOf(settings, seed),
        forceBackend: backend === 'auto' ? null : backend,
        epochs: settings.epochs,
      });
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
