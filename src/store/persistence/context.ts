/** What the project actions share, and the steps they have in common. */
import { readProject } from '../../model/project';
import type { Project } from '../../model/project-schema';
import type { ProjectNotice } from '../projects-slice';
import type { Autosave } from './autosave';
import type { ProjectDb, RunWeightsMap, StoredFile } from './project-db';
import { applyProject, summarize, type LoadedProject } from './snapshot';
import type { TabLock } from './tab-lock';
import { readPipeline } from '../../pipeline/schema';
import type { AppStore } from '../types';

export interface PersistenceContext {
  readonly store: AppStore;
  readonly db: ProjectDb;
  readonly autosave: Autosave;
  readonly lock: TabLock;
  readonly tabId: string;
  readonly now: () => Date;
  /** How long a deleted project can be brought back. */
  readonly undoMs: number;
  /** Reloads the opened project's dataset (through the Data page's worker). */
  readonly restoreDataset?: (loaded: LoadedProject) => void | Promise<void>;
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function notify(ctx: PersistenceContext, kind: ProjectNotice['kind'], text: string): void {
  ctx.store.getState().setProjectNotice({ kind, text });
}

/** Switching projects mid-run would hand the run's results to the wrong project. */
export function refuseWhileTraining(ctx: PersistenceContext, what: string): boolean {
  if (ctx.store.getState().trainingStatus === 'idle') return false;
  notify(ctx, 'info', `Stop training before you ${what}: the run belongs to the open project.`);
  return true;
}

export async function refreshList(ctx: PersistenceContext): Promise<void> {
  const records = await ctx.db.list();
  const projects = records.map((r) => r.summary).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  ctx.store.getState().patchProjects({ projects });
}

/** `base`, or `base 2`, `base 3`… so two cards never read the same. */
export function uniqueName(ctx: PersistenceContext, base: string): string {
  const taken = new Set(ctx.store.getState().projects.map((p) => p.name));
  const trimmed = base.slice(0, 190);
  if (!taken.has(trimmed)) return trimmed;
  for (let i = 2; ; i++) if (!taken.has(`${trimmed} ${i}`)) return `${trimmed} ${i}`;
}

/** A stored project, migrated and validated: what IndexedDB holds may come from an older app. */
export async function loadStored(ctx: PersistenceContext, id: string): Promise<{ loaded: LoadedProject; revision: number }> {
  const record = await ctx.db.get(id);
  if (!record) throw new Error('it is no longer stored in this browser');
  const project = readProject(record.project);
  let pipeline: unknown = null;
  try {
    pipeline = project.pipeline === null ? null : readPipeline(project.pipeline);
  } catch (e) {
    notify(ctx, 'storage', `The pipeline of “${project.name}” could not be read (${errorText(e)}); it starts from the default pipeline.`);
  }
  const [weights, file] = await Promise.all([ctx.db.getWeights(id), ctx.db.getFile(id)]);
  return { loaded: { project, pipeline, weights, file: file ?? null }, revision: record.revision };
}

/** Stores a project that does not exist yet; returns its first revision. */
export async function storeNew(
  ctx: PersistenceContext,
  project: Project,
  weights: RunWeightsMap,
  file: StoredFile | null,
): Promise<number> {
  const record = { id: project.id, savedBy: ctx.tabId, summary: summarize(project), project };
  const result = await ctx.db.save(record, { weights, file }, 0);
  if (!result.ok) throw new Error(`a project with the id ${project.id} already exists`);
  return result.revision;
}

export async function openLoaded(ctx: PersistenceContext, loaded: LoadedProject, revision: number): Promise<void> {
  // Detached first: the edits that load the project must not be saved into the one being left.
  ctx.autosave.detach();
  applyProject(ctx.store, loaded);
  ctx.autosave.adopt(loaded.project.id, revision);
  if (ctx.restoreDataset && loaded.project.dataset) {
    try {
      await ctx.restoreDataset(loaded);
    } catch (e) {
      notify(ctx, 'storage', `The project opened, but its data could not be reloaded: ${errorText(e)}`);
    }
  }
}
