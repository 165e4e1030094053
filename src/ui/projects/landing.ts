/**
 * Where the app opens when the URL names no page. A first-time user (no project yet, or only the
 * blank one the app made on its first start) gets the start view: what Layerloom does, the ready
 * scenarios, a blank project, a file to open. Anyone with work of their own lands on the Model
 * page, as before; a URL with a page (`#/data`, a bookmark, a reload) always opens that page.
 */
import type { ProjectSummary } from '../../store/projects-slice';

export const START_PAGE_ID = 'start';

/** Nothing drawn, no data chosen, never trained: the project the app creates on a first visit. */
export function isBlankProject(p: ProjectSummary): boolean {
  return p.layers === 0 && p.dataset === null && p.runs === 0;
}

export function isFirstVisit(projects: readonly ProjectSummary[]): boolean {
  return projects.length === 0 || (projects.length === 1 && isBlankProject(projects[0]!));
}

export function landingPage(projects: readonly ProjectSummary[], returningPage: string): string {
  return isFirstVisit(projects) ? START_PAGE_ID : returningPage;
}
