/**
 * The training worker's GAN run: a GanTrainer on the page's image dataset, its steps sent a few
 * times a second, the sample grid of the fixed latent batch at the start and then at most every
 * GRID_EVERY_MS, and each epoch's means with the mode-collapse check, then its checkpoint (both
 * networks, both optimizers, the random streams); the next epoch waits until the page has stored it.
 * Pause, resume and stop come through the TrainingControl the worker's message handler holds.
 */
import { setupWasm } from '../training/backend-wasm';
import { defaultProbes } from '../training/backend-probes';
import type { TrainingControl } from '../training/control';
import { sampleGrid } from '../training/gan/grid';
import { GanTrainer, type GanStepLog } from '../training/gan/trainer';
import type { GanEvent, GanStartRequest, GanWeights, TrainEvent } from './train-protocol';

/** The grid is redrawn at most this often: drawing it runs the generator on 64 latent vectors. */
export const GRID_EVERY_MS = 2500;
/** Steps are sent at most this often (the charts redraw at 4 Hz). */
const STEPS_EVERY_MS = 250;

export type GanPost = (event: TrainEvent | GanEvent, transfer?: Transferable[]) => void;

export interface GanRunDeps {
  readonly control: TrainingControl;
  readonly post: GanPost;
  readonly now?: () => number;
  /** Resolves once the page has stored epoch `epoch`'s checkpoint (train.worker.ts: 'checkpoint-saved'). */
  readonly checkpointStored?: (epoch: number) => Promise<void>;
  /** Makes the backend active and says which it is (tests use the one already active). */
  readonly activate?: (
    req: GanStartRequest,
  ) => Promise<{ backend: 'webgpu' | 'webgl' | 'wasm' | 'cpu'; label: string }>;
}

/**
 * A GAN trains on wasm unless the form forces another backend: the normal run's timing trial
 * compiles one graph, and a GAN's two small networks gain little from a GPU at these sizes.
 */
async function activateBackend(req: GanStartRequest) {
  const backend = req.forceBackend ?? 'wasm';
  if (backend === 'wasm') await setupWasm();
  const probes = defaultProbes();
  await probes.prepare(backend);
  await probes.activate(backend);
  return { backend, label: backend === 'wasm' ? 'wasm' : backend };
}

export async function runGan(req: GanStartRequest, deps: GanRunDeps): Promise<void> {
  const { control, post } = deps;
  const now = deps.now ?? (() => performance.now());
  let trainer: GanTrainer;
  try {
    const chosen = await (deps.activate ?? activateBackend)(req);
    post({
      type: 'backend',
      backend: chosen.backend,
      label: chosen.label,
      reason: req.forceBackend
        ? `${chosen.label} (chosen on the form)`
        : `${chosen.label} (GAN runs train on wasm unless the form picks a backend)`,
      notices: [],
    });
    trainer = new GanTrainer(req.gan, req.dataset, { ...req.config, epochs: req.epochs });
  } catch (err) {
    return post({ type: 'error', kind: 'setup', message: err instanceof Error ? err.message : String(err) });
  }
  /** Both networks at the last finished epoch: what a stop keeps (the unfinished epoch is dropped). */
  let finished: GanWeights | null = null;
  try {
    const cp = req.checkpoint;
    if (cp) {
      await trainer.restore(cp.generator, cp.discriminator, cp);
      finished = { generator: cp.generator, discriminator: cp.discriminator };
    }
  } catch (err) {
    trainer.dispose();
    const why = err instanceof Error ? err.message : String(err);
    return post({
      type: 'error',
      kind: 'setup',
      message: `The stored epoch ${req.checkpoint?.epoch} of this run does not fit the networks now (${why}): start a new run instead`,
    });
  }
  try {
    let lastGrid = -Infinity;
    let gridStep = -1;
    const grid = (step: number, epoch: number) => {
      const image = sampleGrid(trainer.samples(), trainer.config.sampleCount, trainer.imageShape);
      lastGrid = now();
      gridStep = step;
      post({ type: 'gan-grid', step, epoch, width: image.width, height: image.height, rgba: image.rgba }, [
        image.rgba.buffer as ArrayBuffer,
      ]);
    };
    let pending: GanStepLog[] = [];
    let lastSteps = now();
    const flush = () => {
      if (pending.length === 0) return;
      post({ type: 'gan-steps', steps: pending });
      pending = [];
      lastSteps = now();
    };
    grid(0, 0);
    let last: GanStepLog | null = null;
    const result = await trainer.run(
      {
        onStep: (log) => {
          last = log;
          pending.push(log);
          if (now() - lastSteps >= STEPS_EVERY_MS) flush();
          if (now() - lastGrid >= GRID_EVERY_MS) grid(log.step, log.epoch);
        },
        onEpoch: async (log) => {
          flush();
          post({ type: 'gan-epoch', log });
          const checkpoint = await trainer.checkpoint();
          finished = { generator: checkpoint.generator, discriminator: checkpoint.discriminator };
          const stored = deps.checkpointStored?.(checkpoint.epoch);
          // Copied, not transferred: the worker keeps these weights for a stop in the next epoch.
          post({ type: 'gan-checkpoint', checkpoint });
          // The next epoch starts once the page has stored this one, so a reload loses at most one.
          await stored;
        },
      },
      control,
      req.epochs,
    );
    flush();
    const final = last as GanStepLog | null;
    // The finished generator's grid, unless the last one already shows it.
    if (final && final.step !== gridStep) grid(final.step, final.epoch);
    const weights = result.status === 'completed' ? trainer.weights() : finished;
    post({ type: 'gan-done', status: result.status, epochs: result.epoch, weights });
  } catch (err) {
    post({ type: 'error', kind: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    trainer.dispose();
  }
}
