import { useStore } from 'zustand';
import { editorActions } from './editor-actions';
import { createAppStore, type AppState } from './index';

/** The app's single store. Vanilla underneath, so tests and non-React code can getState(). */
export const appStore = createAppStore();

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

export const actions = editorActions(appStore);
