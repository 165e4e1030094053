import type { DataSlice } from './data-slice';
import type { EvaluationSlice } from './evaluation-slice';
import type { GraphSlice } from './graph-slice';
import type { TrainingSlice } from './training-slice';
import type { UiSlice } from './ui-slice';

export type AppState = GraphSlice & UiSlice & DataSlice & TrainingSlice & EvaluationSlice;
