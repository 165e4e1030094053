/**
 * A store with the projects slice, for the persistence tests. Once src/store/index.ts adds
 * createProjectsSlice, `createAppStore()` is the same thing and this file can go.
 */
import { createAppStore } from '../index';
import { createProjectsSlice } from '../projects-slice';
import type { PersistStore } from './types';

export function createPersistStore(): PersistStore {
  const store = createAppStore() as unknown as PersistStore;
  store.setState(createProjectsSlice(store.setState, store.getState, store));
  return store;
}
