import { expect, type Page } from '@playwright/test';
import { evaluatedAccuracy, trainOn } from './flows';

/** The pages in tab order, with what shows that each one has rendered its content. */
export const PAGE_READY: readonly { id: string; label: string; ready: (page: Page) => Promise<void> }[] = [
  {
    id: 'projects',
    label: 'Projects',
    ready: (p) => expect(p.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible(),
  },
  { id: 'pipeline', label: 'Pipeline', ready: (p) => expect(p.locator('.react-flow__node').first()).toBeVisible() },
  {
    id: 'data',
    label: 'Data',
    ready: (p) => expect(p.getByRole('heading', { name: 'Data', exact: true })).toBeVisible(),
  },
  { id: 'model', label: 'Model', ready: (p) => expect(p.getByTestId('graph-canvas')).toBeVisible() },
  { id: 'train', label: 'Train', ready: (p) => expect(p.getByRole('button', { name: 'Start' })).toBeVisible() },
  {
    id: 'evaluate',
    label: 'Evaluate',
    ready: (p) => expect(p.getByRole('heading', { name: 'Evaluate', exact: true })).toBeVisible(),
  },
  {
    id: 'deploy',
    label: 'Deploy',
    ready: (p) => expect(p.getByRole('heading', { name: 'Export and deploy' })).toBeVisible(),
  },
];

/** Opens a page by its tab, as a person would, and waits until it has rendered. */
export async function openPage(page: Page, id: string) {
  const def = PAGE_READY.find((p) => p.id === id);
  if (!def) throw new Error(`no page ${id}`);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: def.label, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/${id}$`));
  await def.ready(page);
}

/** Iris bound with its starter model, trained a few epochs and scored on the Evaluate page. */
export async function loadedProject(page: Page, epochs = 5) {
  await trainOn(page, 'Iris flowers', epochs);
  await evaluatedAccuracy(page);
}

/** Resolves after two animation frames: layout and paint have caught up with the last change. */
export function settled(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}
