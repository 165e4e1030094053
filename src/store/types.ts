import type { StoreApi } from 'zustand/vanilla';
import type { DataSlice } from './data-slice';
import type { EvaluationSlice } from './evaluation-slice';
import type { GanSlice } from './gan-slice';
import type { ModelWeightsSlice } from './model-weights-slice';
import type { GraphSlice } from './graph-slice';
import type { PipelineSlice } from './pipeline-slice';
import type { ProjectsSlice } from './projects-slice';
import type { TrainingSlice } from './training-slice';
import type { UiSlice } from './ui-slice';

export type AppState = GraphSlice & UiSlice & DataSlice & TrainingSlice & EvaluationSlice & ModelWeightsSlice & PipelineSlice & ProjectsSlice & GanSlice;

/** The store as non-React code (the session layer, persistence, tests) holds it. */
export type AppStore = StoreApi<AppState>;
