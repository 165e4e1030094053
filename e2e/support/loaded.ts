import { expect, type Page } from '@playwright/test';
import { Editor } from './editor';
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

/** The dialogs and menus a new user meets, each opened and closed with real gestures. */
export const DIALOGS: readonly {
  id: string;
  label: string;
  open: (page: Page) => Promise<void>;
  close: (page: Page) => Promise<void>;
}[] = [
  {
    id: 'templates',
    label: 'Model · Templates dialog',
    open: async (page) => {
      await openPage(page, 'model');
      await page.getByRole('toolbar', { name: 'Model tools' }).getByRole('button', { name: 'Templates' }).click();
      await expect(
        page
          .getByRole('dialog', { name: 'Templates' })
          .getByRole('button', { name: /^Load template / })
          .first(),
      ).toBeVisible();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Templates' })).toBeHidden();
    },
  },
  {
    id: 'quick-add',
    label: 'Model · quick add (/)',
    open: async (page) => {
      await openPage(page, 'model');
      await new Editor(page).focusCanvas();
      await page.keyboard.press('/');
      const dialog = page.getByRole('dialog', { name: 'Add a layer' });
      await dialog.getByLabel('Layer to add').fill('conv');
      await expect(dialog.getByRole('option').first()).toBeVisible();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Add a layer' })).toBeHidden();
    },
  },
  {
    id: 'project-templates',
    label: 'Projects · “From a template” menu',
    open: async (page) => {
      await openPage(page, 'projects');
      await page.getByRole('button', { name: /From a template/ }).click();
      await expect(page.getByRole('menu')).toBeVisible();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toBeHidden();
    },
  },
];

/** The start view (no tab): the logo leads there. */
export async function openStart(page: Page) {
  await page.getByRole('banner').getByRole('link', { name: 'Layerloom' }).click();
  await expect(page).toHaveURL(/#\/start$/);
  await expect(page.getByRole('list', { name: 'Ready-made projects' })).toBeVisible();
}
