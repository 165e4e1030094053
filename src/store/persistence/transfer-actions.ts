/**
 * Moving projects in and out of the browser: export to a .layerloom file, import one, and share
 * links. Export of the open project reads the in-memory state, so it works even when autosave
 * cannot (a full disk, a conflict with another tab).
 */
import type { Graph } from '../../model/graph';
import { readPipeline } from '../../pipeline/schema';
import { newProject, newProjectId, readProject } from '../../model/project';
import type { Project } from '../../model/project-schema';
import { weightsOf } from './autosave';
import { BUNDLE_EXTENSION, formatBytes, MAX_BUNDLE_BYTES, readBundle, writeBundle, type BundleDataset } from './bundle';
import { errorText, loadStored, notify, openLoaded, refreshList, storeNew, uniqueName, type PersistenceContext } from './context';
import type { RunWeightsMap, StoredFile } from './project-db';
import { shareHash, readSharePayload } from './share-link';
import { snapshotProject } from './snapshot';

export interface ExportedFile {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

export interface TransferActions {
  /** The project as a .layerloom file; `includeDataset` adds the user's data file when there is one. */
  exportProject(id: string, options?: { includeDataset?: boolean }): Promise<ExportedFile | null>;
  /** Reads a .layerloom (or project .json) file into a new project and opens it. */
  importProject(file: Blob, fileName: string): Promise<boolean>;
  /** `baseUrl` + `#/share/…` for the project's graph and pipeline, or null (with a notice) when it cannot be made. */
  shareLink(id: string, baseUrl: string): Promise<string | null>;
  /** Opens the payload of a `#/share/…` hash as a new project. */
  openShared(payload: string): Promise<boolean>;
}

/** Letters, digits, dash and underscore: safe on every file system. */
export function bundleFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80);
  return (cleaned || 'project') + BUNDLE_EXTENSION;
}

interface ProjectParts {
  readonly project: Project;
  readonly weights: RunWeightsMap;
  readonly file: Blob | null;
}

async function partsOf(ctx: PersistenceContext, id: string): Promise<ProjectParts> {
  const s = ctx.store.getState();
  if (id === s.currentProjectId) {
    return { project: readProject(snapshotProject(s, ctx.now())), weights: weightsOf(s), file: s.datasetFile };
  }
  const { loaded } = await loadStored(ctx, id);
  return { project: loaded.project, weights: loaded.weights, file: loaded.file?.blob ?? null };
}

export function transferActions(ctx: PersistenceContext): TransferActions {
  const { store } = ctx;

  async function exportProject(id: string, { includeDataset = false } = {}): Promise<ExportedFile | null> {
    try {
      const { project, weights, file } = await partsOf(ctx, id);
      const ref = project.dataset;
      const dataset: BundleDataset | null =
        includeDataset && file && ref?.kind === 'file' ? { name: ref.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
      return { bytes: writeBundle({ project, weights, dataset }), fileName: bundleFileName(project.name) };
    } catch (e) {
      notify(ctx, 'storage', `Could not export the project: ${errorText(e)}`);
      return null;
    }
  }

  async function adoptNew(project: Project, pipeline: unknown, weights: RunWeightsMap, file: StoredFile | null, verb: string) {
    if (store.getState().trainingStatus === 'idle') await ctx.autosave.flush();
    const revision = await storeNew(ctx, project, weights, file);
    await refreshList(ctx);
    if (store.getState().trainingStatus === 'idle') {
      await openLoaded(ctx, { project, pipeline, weights, file }, revision);
      notify(ctx, 'info', `${verb} “${project.name}”.`);
    } else {
      notify(ctx, 'info', `${verb} “${project.name}”; open it from the project list when training ends.`);
    }
  }

  async function importProject(file: Blob, fileName: string): Promise<boolean> {
    const fail = (why: string) => {
      notify(ctx, 'import', `Could not import “${fileName}”: ${why}`);
      return false;
    };
    if (file.size > MAX_BUNDLE_BYTES) return fail(`the file is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_BUNDLE_BYTES)}.`);
    try {
      const read = readBundle(new Uint8Array(await file.arrayBuffer()), { validatePipeline: readPipeline });
      const ref = read.project.dataset;
      const project: Project = {
        ...read.project,
        id: newProjectId(),
        name: uniqueName(ctx, read.project.name),
        updatedAt: ctx.now().toISOString(),
        dataset: ref?.kind === 'file' ? { ...ref, fileInBundle: read.dataset !== null } : ref,
      };
      const stored: StoredFile | null =
        read.dataset && ref?.kind === 'file' ? { name: ref.name, type: ref.type, blob: new Blob([read.dataset.bytes.slice()]) } : null;
      await adoptNew(project, read.pipeline, read.weights, stored, 'Imported');
      return true;
    } catch (e) {
      return fail(errorText(e));
    }
  }

  async function shareLink(id: string, baseUrl: string): Promise<string | null> {
    try {
      const s = store.getState();
      const model =
        id === s.currentProjectId
          ? { name: s.projectName, graph: s.graph, pipeline: s.pipeline as unknown as Readonly<Record<string, unknown>> }
          : await partsOf(ctx, id).then(({ project }) => ({ name: project.name, graph: project.graph as Graph, pipeline: project.pipeline }));
      return baseUrl.replace(/#.*$/, '') + shareHash(model);
    } catch (e) {
      notify(ctx, 'storage', errorText(e));
      return null;
    }
  }

  async function openShared(payload: string): Promise<boolean> {
    try {
      const shared = readSharePayload(payload, readPipeline);
      const base = newProject(uniqueName(ctx, shared.name), shared.graph, ctx.now());
      const project = readProject({ ...base, pipeline: shared.pipelineJson });
      await adoptNew(project, shared.pipeline, {}, null, 'Opened the shared model as');
      return true;
    } catch (e) {
      notify(ctx, 'import', `Could not open the share link: ${errorText(e)}`);
      return false;
    }
  }

  return { exportProject, importProject, shareLink, openShared };
}
