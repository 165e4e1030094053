import { createStore } from 'zustand/vanilla';
import { createDataSlice } from './data-slice';
import { createEvaluationSlice } from './evaluation-slice';
import { createGanSlice } from './gan-slice';
import { createModelWeightsSlice } from './model-weights-slice';
import { createGraphSlice } from './graph-slice';
import { createPipelineSlice } from './pipeline-slice';
import { createProjectsSlice } from './projects-slice';
import { createTrainingSlice } from './training-slice';
import type { AppState, AppStore } from './types';
import { createUiSlice } from './ui-slice';

/** One store from typed slices; vanilla so non-React code (tests, pipeline) can use it. */
export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createUiSlice(...a),
    ...createDataSlice(...a),
    ...createTrainingSlice(...a),
    ...createPipelineSlice(...a),
    ...createEvaluationSlice(...a),
    ...createModelWeightsSlice(...a),
    ...createProjectsSlice(...a),
    ...createGanSlice(...a),
  }));
}

export type { AppState, AppStore };
