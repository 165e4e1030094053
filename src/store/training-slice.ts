import type { StateCreator } from 'zustand';
import type { AppState } from './types';

/** Training runs and their live state. Filled in by the Training work. */
export interface TrainingSlice {
  trainingStatus: 'idle' | 'running' | 'paused';
}

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = () => ({
  trainingStatus: 'idle',
});
