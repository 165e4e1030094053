import type { StoreApi } from 'zustand';
import { defaultPipeline } from '../../pipeline/model';
import { readPipeline } from '../../pipeline/schema';
import type { Pipeline } from '../../pipeline/types';
import type { ProjectsSlice } from '../projects-slice';
import type { AppState } from '../types';

/** The store persistence works on. Equal to AppState once AppState includes ProjectsSlice. */
export type PersistState = AppState & ProjectsSlice;
export type PersistStore = StoreApi<PersistState>;

/**
 * How persistence reaches the pipeline. An interface rather than direct calls so tests (and a
 * future second pipeline model) can stand in. `select` must return the same object while the
 * pipeline is unchanged: autosave compares by reference to skip saves where nothing changed.
 */
export interface PipelineAdapter {
  /** The pipeline as plain JSON for the project file (null: none). */
  select(state: PersistState): Readonly<Record<string, unknown>> | null;
  /** Validates a pipeline read from a file or link; throws an Error whose message names the bad field. */
  read(raw: unknown): unknown;
  /** Shows a pipeline `read` returned (null: the project has none saved; show the default). */
  apply(state: PersistState, pipeline: unknown): void;
}

/** The pipeline slice of the store, validated by src/pipeline's readPipeline. */
export const slicePipeline: PipelineAdapter = {
  select: (s) => s.pipeline as unknown as Readonly<Record<string, unknown>>,
  read: (raw) => readPipeline(raw),
  apply: (s, pipeline) => s.resetPipeline((pipeline as Pipeline | null) ?? defaultPipeline()),
};
