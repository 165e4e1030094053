import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';

/** Issue 13, "a new user's first hour": the start view, the project name in the header, three clicks to a trained model. */

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');
const MODEL_JSON = join(
  import.meta.dirname,
  '..',
  'src',
  'model',
  'fixtures',
  'tfjs-models',
  'mlp-dense-dropout',
  'model.json',
);

const projectTitle = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Project: / });
const stageNode = (page: Page, kind: string) =>
  page.locator('.react-flow__node', { has: page.locator(`.stage-node.kind-${kind}`) });

type Hook = { __layerloom: { getState(): { runs: { status: string }[]; projects: { name: string }[] } } };
const storeState = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as Hook).__layerloom.getState();
    return { runs: s.runs.map((r) => r.status), projects: s.projects.map((p) => p.name) };
  });

/** The start view at both widths, light and dark: `start-<width>-<theme>.png`. */
async function shootStart(page: Page) {
  for (const theme of ['light', 'dark'] as const) {
    const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
    if (await toggle.isVisible()) await toggle.click();
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      // Nothing runs off the side: the cards wrap, the header fits.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} ${theme}`).toBeLessThanOrEqual(
        width,
      );
      await page.screenshot({ path: join(ARTIFACTS, `start-${width}-${theme}.png`) });
    }
  }
}

test.describe('start view', () => {
  test.describe.configure({ timeout: 180_000 });

  test('a first visit shows what the app does, the scenarios, a blank project, a file to open and recent projects', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/#\/start$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Build, train and ship neural networks in your browser.',
    );
    const cards = page.getByRole('list', { name: 'Ready-made projects' }).getByRole('button');
    await expect(cards).toHaveCount(11);
    await expect(cards.filter({ hasText: 'Iris species from measurements' })).toContainText('Tabular · multiclass');
    await expect(page.getByRole('button', { name: 'Blank project' })).toBeVisible();
    await expect(page.getByText('Open a file…')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Recent projects' })).toBeVisible();
    // The start view has no tab of its own; the logo leads back to it.
    await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Start' })).toHaveCount(0);
    await expect(projectTitle(page)).toHaveText('Untitled project');
    await shootStart(page);

    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByRole('link', { name: /Layerloom/ }).click();
    await expect(page).toHaveURL(/#\/start$/);
  });

  test('three clicks at most from the start view to a trained model', async ({ page }) => {
    let clicks = 0;
    const click = async (target: Locator) => {
      clicks += 1;
      await target.click();
    };
    await page.goto('/');
    await click(page.getByRole('button', { name: /Iris species from measurements/ }));
    await expect(page).toHaveURL(/#\/pipeline$/, { timeout: 60_000 });
    await expect(projectTitle(page)).toHaveText('Iris species from measurements');
    await expect(stageNode(page, 'data')).toHaveAttribute('aria-label', /Data stage, (ready|done): .*Iris/, {
      timeout: 60_000,
    });
    await click(page.getByRole('button', { name: 'Run pipeline' }));
    await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeVisible({ timeout: 150_000 });
    await expect(page.locator('.react-flow__node', { has: page.locator('.decision-node') })).toHaveAttribute(
      'aria-label',
      /Evaluate stage, done: accuracy [01]\.\d+ ≥ 0\.9\d* ✓/,
    );
    expect((await storeState(page)).runs).toEqual(['completed']);
    expect(clicks).toBeLessThanOrEqual(3);
    test
      .info()
      .annotations.push({ type: 'clicks from the start view to a trained model', description: String(clicks) });
    await page.screenshot({ path: join(ARTIFACTS, 'start-three-clicks-trained.png') });
  });

  test('the header names the project: a new one takes its dataset’s name; click to rename, Enter or leaving saves, Escape cancels', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Blank project' }).click();
    await expect(page).toHaveURL(/#\/data$/);
    await expect(projectTitle(page)).toHaveText('Untitled project');
    await page.getByRole('button', { name: 'Use dataset Iris flowers' }).click();
    await expect(projectTitle(page)).toHaveText('Iris flowers');

    const field = page.getByRole('banner').getByRole('textbox', { name: 'Project name' });
    await projectTitle(page).click();
    await expect(field).toBeFocused();
    await field.fill('Petals');
    await field.press('Escape');
    await expect(projectTitle(page)).toHaveText('Iris flowers');

    await projectTitle(page).click();
    await field.fill('Petals');
    await field.press('Enter');
    await expect(projectTitle(page)).toHaveText('Petals');
    expect((await storeState(page)).projects).toContain('Petals');

    await projectTitle(page).click();
    await field.fill('   ');
    await field.press('Enter');
    await expect(page.getByRole('banner').getByRole('alert')).toHaveText('A project needs a name.');
    await field.fill('Sepals');
    await field.blur();
    await expect(projectTitle(page)).toHaveText('Sepals');
    // A dataset chosen later keeps the name the user gave.
    await page.getByRole('button', { name: 'Use dataset Wine recognition' }).click();
    await expect(page.getByTestId('dataset-ready')).toContainText('Wine', { timeout: 60_000 });
    await expect(projectTitle(page)).toHaveText('Sepals');
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Saved', { timeout: 15_000 });

    // Someone with work of their own lands on the Model page; a page in the URL is kept.
    await page.goto('/');
    await expect(page).toHaveURL(/#\/model$/);
    await expect(projectTitle(page)).toHaveText('Sepals');
    await page.goto('/#/data');
    await expect(page.getByRole('link', { name: 'Data', exact: true })).toHaveAttribute('aria-current', 'page');

    // A long name shrinks with an ellipsis at 1024 px, while editing too; the bar never widens the page.
    await page.setViewportSize({ width: 1024, height: 700 });
    const long = 'Iris species from sepal and petal measurements taken in the field by volunteers';
    const barWidth = () => page.getByRole('banner').evaluate((e) => e.scrollWidth);
    await projectTitle(page).click();
    await field.fill(long);
    expect(await barWidth()).toBeLessThanOrEqual(1024);
    await field.press('Enter');
    await expect(projectTitle(page)).toHaveAttribute('title', `${long}: click to rename`);
    expect(await barWidth()).toBeLessThanOrEqual(1024);
    await page.getByRole('banner').screenshot({ path: join(ARTIFACTS, 'start-header-long-name-1024.png') });
  });

  test('"Open a file" opens a TensorFlow.js model.json in the Model editor; recent projects open from the start view', async ({
    page,
  }) => {
    await page.goto('/');
    await page
      .getByLabel('Open a file…')
      .setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: await readFile(MODEL_JSON) });
    await expect(page).toHaveURL(/#\/model$/);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    const layers = await page.locator('.react-flow__node').count();
    expect(layers).toBeGreaterThan(2);
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Saved', { timeout: 15_000 });

    await page.getByRole('link', { name: /Layerloom/ }).click();
    const recent = page.getByRole('list', { name: 'Recent projects' }).getByRole('button');
    await expect(recent).toHaveCount(1);
    await expect(recent).toContainText(`${layers} layers`);
    await recent.first().click();
    await expect(page).toHaveURL(/#\/model$/);
    await expect(page.locator('.react-flow__node')).toHaveCount(layers);
  });
});
