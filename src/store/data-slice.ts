import type { StateCreator } from 'zustand';
import type { AppState } from './types';

/** The dataset the project works on. Filled in by the Datasets work. */
export interface DataSlice {
  datasetName: string | null;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = () => ({
  datasetName: null,
});
