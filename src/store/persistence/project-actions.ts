/**
 * The project list's commands: new, open, rename, duplicate, delete (with undo), and the two ways
 * out of a two-tab conflict. Each reports failures as a project notice, never as a throw.
 */
import { emptyGraph } from '../../model/graph';
import { newProject, newProjectId, readProject } from '../../model/project';
import type { Project } from '../../model/project-schema';
import { readPipeline } from '../../pipeline/schema';
import { weightsOf } from './autosave';
import { isQuotaError, type ProjectRecord, type RunWeightsMap, type StoredFile } from './project-db';
import {
  errorText,
  loadStored,
  notify,
  openLoaded,
  refreshList,
  refuseWhileTraining,
  storeNew,
  uniqueName,
  type PersistenceContext,
} from './context';
import { UNTITLED_PROJECT, watchDatasetName } from './dataset-name';
import { snapshotProject, summarize } from './snapshot';
import { projectTemplates } from './templates';

export const MAX_PROJECT_NAME = 200;

export interface ProjectActions {
  refresh(): Promise<void>;
  /** A blank project, or one from a template of `projectTemplates()`; it opens. */
  create(templateId?: string | null): Promise<boolean>;
  open(id: string): Promise<boolean>;
  /** Returns the reason when the name is refused, else null. */
  rename(id: string, name: string): Promise<string | null>;
  duplicate(id: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  undoRemove(): Promise<boolean>;
  /** Conflict: drop this tab's state and load what the other tab saved. */
  reloadFromOtherTab(): Promise<boolean>;
  /** Conflict: keep this tab's state as a new project. */
  saveAsCopy(): Promise<boolean>;
  flush(): Promise<void>;
}

interface Deleted {
  readonly record: ProjectRecord;
  readonly weights: RunWeightsMap;
  readonly file: StoredFile | null;
  readonly wasOpen: boolean;
}

export function checkProjectName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'A project needs a name.';
  if (trimmed.length > MAX_PROJECT_NAME) return `Names are at most ${MAX_PROJECT_NAME} characters (this one has ${trimmed.length}).`;
  return null;
}

export function projectActions(ctx: PersistenceContext): ProjectActions {
  const { store, db } = ctx;
  let deleted: Deleted | null = null;
  let undoTimer: ReturnType<typeof setTimeout> | null = null;
  const current = () => store.getState().currentProjectId;

  async function attempt(what: string, run: () => Promise<boolean>): Promise<boolean> {
    try {
      return await run();
    } catch (e) {
      if (isQuotaError(e)) notify(ctx, 'quota', `The browser's storage for Layerloom is full, so it could not ${what}. Export projects you want to keep, then delete old ones to free space.`);
      else notify(ctx, 'storage', `Could not ${what}: ${errorText(e)}`);
      return false;
    }
  }

  async function openId(id: string): Promise<boolean> {
    const { loaded, revision } = await loadStored(ctx, id);
    await openLoaded(ctx, loaded, revision);
    return true;
  }

  async function create(templateId: string | null = null): Promise<boolean> {
    if (refuseWhileTraining(ctx, 'start a new project')) return false;
    const template = templateId === null ? null : projectTemplates().find((t) => t.id === templateId);
    if (templateId !== null && !template) {
      notify(ctx, 'storage', `There is no template “${templateId}”.`);
      return false;
    }
    return attempt('create the project', async () => {
      await ctx.autosave.flush();
      const seed = template?.build() ?? { graph: emptyGraph };
      const blank = newProject(uniqueName(ctx, template?.projectName ?? template?.title ?? UNTITLED_PROJECT), seed.graph, ctx.now());
      const project = readProject({
        ...blank,
        scenario: template?.id ?? null,
        pipeline: seed.pipeline ?? null,
        dataset: seed.dataset ?? null,
        data: seed.data ?? blank.data,
        train: { ...blank.train, ...seed.train },
        // A GAN scenario: both networks and their settings (readProject fills the defaults).
        ...(seed.gan ? { gan: { ...seed.gan, settings: seed.gan.settings ?? {} } } : {}),
      });
      const pipeline = project.pipeline === null ? null : readPipeline(project.pipeline);
      const revision = await storeNew(ctx, project, {}, null);
      await refreshList(ctx);
      await openLoaded(ctx, { project, pipeline, weights: {}, file: null }, revision);
      return true;
    });
  }

  async function open(id: string): Promise<boolean> {
    if (id === current() && !store.getState().conflict) return true;
    if (refuseWhileTraining(ctx, 'open another project')) return false;
    const name = store.getState().projects.find((p) => p.id === id)?.name ?? id;
    return attempt(`open “${name}”`, async () => {
      if (!store.getState().conflict) await ctx.autosave.flush();
      return openId(id);
    });
  }

  async function rename(id: string, name: string): Promise<string | null> {
    const problem = checkProjectName(name);
    if (problem) return problem;
    const trimmed = name.trim();
    if (id === current()) {
      const s = store.getState();
      s.patchProjects({ projectName: trimmed, projects: s.projects.map((p) => (p.id === id ? { ...p, name: trimmed } : p)) });
      return null;
    }
    const ok = await attempt('rename the project', async () => {
      const record = await db.get(id);
      if (!record) throw new Error('it is no longer stored in this browser');
      const project: Project = { ...record.project, name: trimmed, updatedAt: ctx.now().toISOString() };
      const summary = { ...record.summary, name: trimmed, updatedAt: project.updatedAt };
      const result = await db.save({ id, savedBy: ctx.tabId, summary, project }, {}, record.revision);
      if (!result.ok) throw new Error('another tab changed it at the same moment; try again');
      ctx.lock.announceSaved(id, result.revision);
      await refreshList(ctx);
      return true;
    });
    return ok ? null : 'The project could not be renamed (see the message above).';
  }

  // A project still called "Untitled project" takes the name of the data the user chooses.
  watchDatasetName(ctx, rename);

  async function duplicate(id: string): Promise<boolean> {
    return attempt('duplicate the project', async () => {
      if (id === current()) await ctx.autosave.flush();
      const { loaded } = await loadStored(ctx, id);
      const stamp = ctx.now().toISOString();
      const name = uniqueName(ctx, `${loaded.project.name} (copy)`);
      const project: Project = { ...loaded.project, id: newProjectId(), name, createdAt: stamp, updatedAt: stamp };
      await storeNew(ctx, project, loaded.weights, loaded.file);
      await refreshList(ctx);
      notify(ctx, 'info', `Duplicated as “${name}”.`);
      return true;
    });
  }

  function forgetDeleted() {
    if (undoTimer) clearTimeout(undoTimer);
    undoTimer = null;
    deleted = null;
    store.getState().patchProjects({ pendingDelete: null });
  }

  async function remove(id: string): Promise<boolean> {
    const wasOpen = id === current();
    if (wasOpen && refuseWhileTraining(ctx, 'delete the open project')) return false;
    return attempt('delete the project', async () => {
      if (wasOpen) await ctx.autosave.flush();
      const record = await db.get(id);
      if (!record) throw new Error('it is no longer stored in this browser');
      const [weights, file] = await Promise.all([db.getWeights(id), db.getFile(id)]);
      if (wasOpen) ctx.autosave.detach();
      await db.remove(id);
      ctx.lock.announceDeleted(id);
      forgetDeleted();
      deleted = { record, weights, file: file ?? null, wasOpen };
      store.getState().patchProjects({ pendingDelete: { id, name: record.summary.name, until: Date.now() + ctx.undoMs } });
      undoTimer = setTimeout(forgetDeleted, ctx.undoMs);
      await refreshList(ctx);
      if (wasOpen) {
        const next = store.getState().projects[0];
        if (next) await openId(next.id);
        else await create(null);
      }
      return true;
    });
  }

  async function undoRemove(): Promise<boolean> {
    const gone = deleted;
    if (!gone) return false;
    forgetDeleted();
    return attempt('restore the project', async () => {
      const { id, savedBy, summary, project } = gone.record;
      const result = await db.save({ id, savedBy, summary, project }, { weights: gone.weights, file: gone.file }, 0);
      if (!result.ok) throw new Error('a project with its id exists again');
      await refreshList(ctx);
      if (gone.wasOpen && store.getState().trainingStatus === 'idle') {
        await ctx.autosave.flush();
        await openId(id);
      }
      notify(ctx, 'info', `Restored “${summary.name}”.`);
      return true;
    });
  }

  async function reloadFromOtherTab(): Promise<boolean> {
    const conflict = store.getState().conflict;
    if (!conflict || conflict.reason === 'deleted') return false;
    return attempt('reload the project', async () => {
      await openId(conflict.projectId);
      store.getState().setProjectNotice(null);
      await refreshList(ctx);
      return true;
    });
  }

  async function saveAsCopy(): Promise<boolean> {
    const s = store.getState();
    if (!s.currentProjectId) return false;
    return attempt('save a copy', async () => {
      await refreshList(ctx);
      const id = newProjectId();
      const name = uniqueName(ctx, `${s.projectName} (copy)`);
      const stamp = ctx.now().toISOString();
      const project = readProject({ ...snapshotProject(s, ctx.now(), id), name, createdAt: stamp });
      const ref = s.datasetRef;
      const file: StoredFile | null =
        s.datasetFile && ref?.kind === 'file' ? { name: ref.name, type: ref.type, blob: s.datasetFile } : null;
      const result = await db.save({ id, savedBy: ctx.tabId, summary: summarize(project, s.analysis.totals.total), project }, { weights: weightsOf(s), file }, 0);
      if (!result.ok) throw new Error('the new id was taken');
      store.getState().patchProjects({ currentProjectId: id, projectName: name, projectCreatedAt: stamp, conflict: null, projectNotice: null });
      ctx.autosave.adopt(id, result.revision);
      await refreshList(ctx);
      notify(ctx, 'info', `Your changes are saved as “${name}”.`);
      return true;
    });
  }

  return {
    refresh: () => refreshList(ctx),
    create,
    open,
    rename,
    duplicate,
    remove,
    undoRemove,
    reloadFromOtherTab,
    saveAsCopy,
    flush: () => ctx.autosave.flush(),
  };
}
