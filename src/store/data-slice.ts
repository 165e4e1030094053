import type { StateCreator } from 'zustand';
import type { PreparedDataset } from '../data/types';
import type { AppState } from './types';

/**
 * The dataset the project works on. `dataset` is what training consumes; the Data page adds
 * its own fields (parse progress, schema, preview) around it.
 */
export interface DataSlice {
  dataset: PreparedDataset | null;
  setDataset(dataset: PreparedDataset | null): void;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  dataset: null,
  setDataset(dataset) {
    set({ dataset });
  },
});
