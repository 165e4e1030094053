/**
 * A GAN run's resumable state as stored per project and run (the runCheckpoints store, beside the
 * normal runs' RunCheckpoint, which `kind` tells apart): the last finished epoch's networks,
 * optimizers and random streams, and the run's record as it was then. Written before the worker
 * starts the next epoch; anything that fails to read back is ignored, never trusted.
 */
import { ganRunSchema, ganWeightKey, type GanEpochRecord, type GanRunRecord } from '../model/project-schema';
import type { AppStore } from '../store/types';
import type { GanCheckpoint, GanEpochLog } from '../training/gan/trainer';
import type { RunStorage } from './clients';

export interface GanRunCheckpoint {
  readonly kind: 'gan-run';
  readonly version: 1;
  readonly runId: string;
  /** The run's record with the epochs stored so far: lists the run again if the project was not saved since. */
  readonly run: GanRunRecord;
  readonly checkpoint: GanCheckpoint;
  /** True once the run trained all its epochs: nothing to resume. */
  readonly finished: boolean;
}

const isArrays = (list: unknown) =>
  Array.isArray(list) && list.every((w) => w != null && (w as { values?: unknown }).values instanceof Float32Array);

const isWeights = (w: unknown) => w != null && typeof w === 'object' && Object.values(w).every(isArrays);

export function isGanRunCheckpoint(value: unknown): value is GanRunCheckpoint {
  const v = value as Partial<GanRunCheckpoint> | null;
  const cp = v?.checkpoint;
  return (
    v != null &&
    v.kind === 'gan-run' &&
    v.version === 1 &&
    typeof v.runId === 'string' &&
    ganRunSchema.safeParse(v.run).success &&
    v.run!.id === v.runId &&
    cp != null &&
    Number.isInteger(cp.epoch) &&
    isWeights(cp.generator) &&
    isWeights(cp.discriminator) &&
    cp.optimizers?.generator != null &&
    cp.optimizers.discriminator != null &&
    Number.isFinite(cp.rng?.shuffle) &&
    Number.isFinite(cp.rng?.noise)
  );
}

/** A value JSON can carry: NaN and ±Infinity (a diverged loss) become null, as the project file keeps them. */
const measuredOf = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The project file's form of a worker's epoch log. */
export function ganEpochRecord(log: GanEpochLog): GanEpochRecord {
  const d = log.diversity;
  return {
    epoch: log.epoch,
    dLoss: measuredOf(log.dLoss),
    gLoss: measuredOf(log.gLoss),
    realScore: measuredOf(log.realScore),
    fakeScore: measuredOf(log.fakeScore),
    seconds: measuredOf(log.seconds),
    diversity: {
      samples: measuredOf(d.samples),
      real: measuredOf(d.real),
      ratio: measuredOf(d.ratio),
      collapsed: d.collapsed,
    },
  };
}

/** The stored checkpoint of one GAN run of the open project, or null (none, unreadable, or storage refused). */
export async function storedGanCheckpoint(
  store: AppStore,
  storage: RunStorage | null,
  runId: string,
): Promise<GanRunCheckpoint | null> {
  const projectId = store.getState().currentProjectId;
  if (!projectId || !storage) return null;
  try {
    const v = await storage.checkpoints.get(projectId, runId);
    return isGanRunCheckpoint(v) ? v : null;
  } catch (_unavailable) {
    return null;
  }
}

/**
 * After a reload or a crash: every stored GAN checkpoint gives its run its finished epochs and
 * weights back (a run started after the last autosave is listed again). Returns the newest run
 * that can still train more epochs, or null.
 */
export async function recoverGanRuns(store: AppStore, storage: RunStorage): Promise<GanRunCheckpoint | null> {
  const s = () => store.getState();
  const projectId = s().currentProjectId;
  if (!projectId || !s().gan) return null;
  let stored: unknown[] = [];
  try {
    stored = await storage.checkpoints.list(projectId);
  } catch (_unavailable) {
    return null;
  }
  if (s().currentProjectId !== projectId || !s().gan) return null;
  let resumable: GanRunCheckpoint | null = null;
  for (const cp of stored.filter(isGanRunCheckpoint)) {
    const known = s().gan!.runs.find((r) => r.id === cp.runId);
    // The checkpoint is written before the next epoch starts; autosave may lag behind it.
    if (!known || cp.run.epochs.length >= known.epochs.length) {
      s().putGanRunRecord({ ...(known ?? cp.run), epochs: cp.run.epochs });
      s().setRunWeights(ganWeightKey(cp.runId, 'generator'), cp.checkpoint.generator);
      s().setRunWeights(ganWeightKey(cp.runId, 'discriminator'), cp.checkpoint.discriminator);
    }
    const more = !cp.finished && cp.checkpoint.epoch < cp.run.settings.epochs;
    if (more && (!resumable || cp.run.createdAt >= resumable.run.createdAt)) resumable = cp;
  }
  // No worker trains after a reload: a run saved as running was interrupted.
  for (const run of s().gan?.runs ?? []) {
    if (run.status === 'running') s().updateGanRunRecord(run.id, (r) => ({ ...r, status: 'stopped' }));
  }
  return resumable;
}
