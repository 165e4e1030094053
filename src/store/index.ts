import { createStore } from 'zustand/vanilla';
import { createGraphSlice } from './graph-slice';
import type { AppState } from './types';
import { createUiSlice } from './ui-slice';

/** One store from typed slices; vanilla so non-React code (tests, pipeline) can use it. */
export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createUiSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
export type { AppState };
