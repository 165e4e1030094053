/**
 * A new project takes its dataset's name: while the open project still has the name it was made
 * with ("Untitled project", "Untitled project 2"…), choosing data renames it after the data
 * ("Iris flowers", "sales"). A name the user typed is never replaced, and opening a project
 * (which sets its dataset too) renames nothing.
 */
import type { BuiltinInfo } from '../../data/builtins';
import type { ProjectDatasetRef } from '../../model/project-schema';
import type { AppState } from '../types';
import { uniqueName, type PersistenceContext } from './context';

export const UNTITLED_PROJECT = 'Untitled project';
const UNTITLED = /^Untitled project(?: \d+)?$/;

export const hasDefaultName = (name: string) => UNTITLED.test(name.trim());

/** What to call a project on this data: a built-in's title, a file's name without its extension. */
export function datasetTitle(ref: ProjectDatasetRef, builtins: readonly BuiltinInfo[] | null): string {
  if (ref.kind === 'builtin') return builtins?.find((b) => b.id === ref.id)?.title ?? ref.id;
  return ref.name.replace(/\.[^./]{1,12}$/, '') || ref.name;
}

const sameRef = (a: ProjectDatasetRef | null, b: ProjectDatasetRef | null) => JSON.stringify(a) === JSON.stringify(b);

/** The name the open project should take after this change, or null to keep its name. */
export function nameAfterData(prev: AppState, next: AppState): ProjectDatasetRef | null {
  const ref = next.datasetRef;
  if (!ref || sameRef(prev.datasetRef, ref)) return null;
  // Another project opening brings its own dataset: that is not the user choosing data.
  if (next.currentProjectId === null || next.currentProjectId !== prev.currentProjectId) return null;
  return hasDefaultName(next.projectName) ? ref : null;
}

/** Watches the store; returns the unsubscribe. `rename` is the project actions' own. */
export function watchDatasetName(
  ctx: PersistenceContext,
  rename: (id: string, name: string) => Promise<string | null>,
): () => void {
  return ctx.store.subscribe((next, prev) => {
    const ref = nameAfterData(prev, next);
    if (!ref || !next.currentProjectId) return;
    void rename(next.currentProjectId, uniqueName(ctx, datasetTitle(ref, next.dataPage.builtins)));
  });
}
