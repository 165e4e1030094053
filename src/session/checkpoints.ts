/**
 * A run's resumable state as stored per project and run: the last finished epoch's weights,
 * optimizer state and history, and the downsampled batch curve. Written before the worker starts
 * the next epoch, so a reload or a crash loses at most the epoch in progress. Anything that fails
 * to read back is ignored, never trusted.
 */
import type { LayerWeights } from '../model/weights';
import type { BatchCurve, TrainingRun } from '../store/training-slice';
import type { TrainConfigInput } from '../training/config';
import type { Checkpoint } from '../training/types';

export interface RunCheckpoint {
  readonly version: 2;
  readonly runId: string;
  /** Enough of the run's record to list it again if the project was not saved since it started. */
  readonly run: Pick<TrainingRun, 'name' | 'metric' | 'createdAt' | 'data'>;
  readonly config: TrainConfigInput;
  readonly backendLabel: string;
  readonly checkpoint: Checkpoint;
  /** The same weights by layer name, as Evaluate and Deploy take them. */
  readonly weights: LayerWeights;
  readonly batchCurve: BatchCurve;
  /** True once the run ended on its own (completed or early-stopped): nothing to resume. */
  readonly finished: boolean;
}

const isArrays = (list: unknown) =>
  Array.isArray(list) && list.every((w) => w != null && (w as { values?: unknown }).values instanceof Float32Array);

export function isRunCheckpoint(value: unknown): value is RunCheckpoint {
  const v = value as Partial<RunCheckpoint> | null;
  return (
    v != null &&
    v.version === 2 &&
    typeof v.runId === 'string' &&
    typeof v.run?.name === 'string' &&
    v.checkpoint != null &&
    Number.isInteger(v.checkpoint.epoch) &&
    Array.isArray(v.checkpoint.trainer?.history) &&
    isArrays(v.checkpoint.weights) &&
    v.weights != null &&
    typeof v.weights === 'object' &&
    Object.values(v.weights).every(isArrays) &&
    v.batchCurve != null &&
    Array.isArray(v.batchCurve.step)
  );
}
