/**
 * What the start view's buttons do: a blank project, a project or model file, a recent project.
 * Each ends on the page where the user's next step is (Data for a blank project, Model for a file).
 */
import { projectsRuntime } from '../../session/projects-app';
import { appStore } from '../../store/app-store';
import { jsonSizeProblem, readJsonBlob } from '../../model/json-prescan';
import { BUNDLE_EXTENSION } from '../../store/persistence/bundle';
import { openFilesIntoEditor } from '../panels/Toolbar';
import { isBlankProject } from './landing';
import { createProject } from './scenario-templates';

/** Project bundles, project .json, or a TensorFlow.js model.json with its .bin shards. */
export const START_FILE_ACCEPT = `${BUNDLE_EXTENSION},.json,.bin,application/zip,application/json`;

const go = (pageId: string) => {
  window.location.hash = `#/${pageId}`;
};

/** Imports each .layerloom or project .json as a new project (the last one opens). */
export async function importProjectFiles(files: readonly File[]): Promise<boolean> {
  let any = false;
  for (const file of files) {
    // A project .json is read whole before parsing; one past the JSON cap is refused unread.
    const tooBig = file.name.toLowerCase().endsWith('.json') ? jsonSizeProblem(file.size, file.name) : null;
    if (tooBig) appStore.getState().notify(tooBig, 'error');
    else any = (await projectsRuntime().importProject(file, file.name)) || any;
  }
  return any;
}

const isProjectText = (text: string) => text.includes('"layerloom-project"');

/** The open project when nothing is in it yet (the one made at first start), so no empty duplicate piles up. */
function openBlankProject(): boolean {
  const s = appStore.getState();
  const current = s.projects.find((p) => p.id === s.currentProjectId);
  return current !== undefined && isBlankProject(current) && s.graph.nodes.length === 0 && s.datasetRef === null;
}

export async function startBlankProject(): Promise<void> {
  if (openBlankProject() || (await createProject(null))) go('data');
}

/**
 * "Open a file": project files become projects; a TensorFlow.js model.json (with its .bin files)
 * opens in the Model editor of a fresh project.
 */
export async function openStartFiles(files: readonly File[]): Promise<void> {
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  const bundles = files.filter(
    (f) => !f.name.toLowerCase().endsWith('.json') && !f.name.toLowerCase().endsWith('.bin'),
  );
  let jsonIsProject = false;
  try {
    // Size-capped and depth-scanned like every JSON the app reads: a 200 MB file is not read whole.
    jsonIsProject = json ? isProjectText(await readJsonBlob(json, json.name)) : false;
  } catch (err) {
    appStore.getState().notify(err instanceof Error ? err.message : String(err), 'error');
    return;
  }
  if (bundles.length > 0 || jsonIsProject) {
    if (await importProjectFiles(jsonIsProject && json ? [...bundles, json] : bundles)) go('model');
    return;
  }
  if (!json) return;
  if (!openBlankProject() && !(await createProject(null))) return;
  await openFilesIntoEditor(files);
  go('model');
}

export async function openRecentProject(id: string): Promise<void> {
  if (await projectsRuntime().open(id)) go('model');
}
