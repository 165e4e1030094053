import type { StateCreator } from 'zustand';
import type { ProjectDatasetRef } from '../model/project-schema';
import type { ImageBuildOptions } from '../worker/data-protocol';
import type { AppState } from './types';

/** What a project card shows, kept beside the project so listing never parses whole projects. */
export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** "iris (built-in)", "sales.csv", or null when no data is chosen. */
  readonly dataset: string | null;
  readonly layers: number;
  readonly params: number;
  readonly runs: number;
  readonly hasWeights: boolean;
}

/**
 * A message about saving and loading projects, shown until dismissed or resolved:
 * - quota: the browser refused to store more (nothing is lost in memory; export still works);
 * - conflict: another tab saved or deleted the open project (autosave paused here);
 * - import: a file or share link could not be read;
 * - storage: IndexedDB failed for another reason (private mode, a broken database);
 * - info: a plain confirmation.
 */
export interface ProjectNotice {
  readonly kind: 'quota' | 'conflict' | 'import' | 'storage' | 'info';
  readonly text: string;
}

export interface ProjectConflict {
  readonly projectId: string;
  readonly reason: 'newer-revision' | 'deleted';
}

export interface SaveStatus {
  readonly state: 'idle' | 'pending' | 'saving' | 'saved' | 'failed' | 'paused';
  /** Date.now() of the last successful save. */
  readonly savedAt: number | null;
}

export interface PendingDelete {
  readonly id: string;
  readonly name: string;
  /** Date.now() after which undo is no longer offered. */
  readonly until: number;
}

export interface ProjectsState {
  projects: readonly ProjectSummary[];
  currentProjectId: string | null;
  projectName: string;
  projectCreatedAt: string | null;
  /** The scenario template the open project started from. */
  projectScenario: string | null;
  /** Where the open project's data comes from; set by the Data page when the user picks data. */
  datasetRef: ProjectDatasetRef | null;
  /** The user's dataset file, so autosave can keep it beside the project (not for folders). */
  datasetFile: Blob | null;
  /** How the image dataset was built, so reopening rebuilds it the same way. */
  imageSettings: ImageBuildOptions | null;
  saveStatus: SaveStatus;
  projectNotice: ProjectNotice | null;
  conflict: ProjectConflict | null;
  pendingDelete: PendingDelete | null;
}

export interface ProjectsSlice extends ProjectsState {
  patchProjects(patch: Partial<ProjectsState>): void;
  /** The Data page calls this when the user picks a built-in, a file or a folder (file null). */
  setDatasetSource(ref: ProjectDatasetRef | null, file?: Blob | null): void;
  setImageSettings(settings: ImageBuildOptions | null): void;
  setProjectNotice(notice: ProjectNotice | null): void;
}

export const initialProjectsState: ProjectsState = {
  projects: [],
  currentProjectId: null,
  projectName: 'Untitled project',
  projectCreatedAt: null,
  projectScenario: null,
  datasetRef: null,
  datasetFile: null,
  imageSettings: null,
  saveStatus: { state: 'idle', savedAt: null },
  projectNotice: null,
  conflict: null,
  pendingDelete: null,
};

/** Typed for `AppState & ProjectsSlice` so it compiles before and after AppState includes ProjectsSlice. */
export const createProjectsSlice: StateCreator<AppState & ProjectsSlice, [], [], ProjectsSlice> = (set) => ({
  ...initialProjectsState,
  patchProjects(patch) {
    set(patch);
  },
  setDatasetSource(datasetRef, file = null) {
    set({ datasetRef, datasetFile: file });
  },
  setImageSettings(imageSettings) {
    set({ imageSettings });
  },
  setProjectNotice(projectNotice) {
    set({ projectNotice });
  },
});
