import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectUnder, mouseDrag, recordPointerTypes, touchDrag } from './support/palette';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

test.describe('pipeline', () => {
  test.describe.configure({ timeout: 180_000 });

  test('Run pipeline trains, evaluates and checks the rule; an impossible target highlights Optimize', async ({ page }) => {
    await page.goto('/#/data');
    await page.getByRole('button', { name: 'Use dataset Handwritten digits (8×8)' }).click();
    await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await page.getByLabel('Epochs', { exact: true }).fill('5');

    await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
    const evaluate = page.locator('.react-flow__node').filter({ has: page.locator('.decision-node') });
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(page.getByRole('button', { name: 'Running…' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeVisible({ timeout: 150_000 });
    await expect(evaluate).toHaveAttribute('aria-label', /Evaluate stage, \w[\w ]*: accuracy 0\.\d+ ≥ 0\.9\d* ✓/);
    await page.screenshot({ path: join(ARTIFACTS, 'pipeline-met.png'), fullPage: true });

    // The rule lives on the Scenario stage: ask for the impossible.
    await page.locator('.react-flow__node', { hasText: 'Scenario' }).first().click();
    await page.getByLabel('Threshold').fill('0.999');
    await page.getByLabel('Threshold').blur();
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeVisible({ timeout: 150_000 });
    await expect(evaluate).toHaveAttribute('aria-label', /✗/);
    await expect(page.locator('.stage-node.kind-optimize.is-highlighted')).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'pipeline-not-met.png'), fullPage: true });
  });

  test('the handwritten digits scenario: stages go ready → running → done and Evaluate shows the metric against the target', async ({ page }) => {
    await page.goto('/#/projects');
    await page.getByRole('button', { name: 'From a template ▾' }).click();
    await page.getByRole('menuitem', { name: /Handwritten digits/ }).click();
    await expect(page).toHaveURL(/#\/pipeline/, { timeout: 60_000 });
    const train = page.locator('.react-flow__node', { has: page.locator('.stage-node.kind-train') });
    const data = page.locator('.react-flow__node', { has: page.locator('.stage-node.kind-data') });
    const evaluate = page.locator('.react-flow__node', { has: page.locator('.decision-node') });
    await expect(data).toHaveAttribute('aria-label', /Data stage, (ready|done): .*Handwritten digits/, { timeout: 60_000 });
    await expect(train).toHaveAttribute('aria-label', /Train stage, ready:/);
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(train).toHaveAttribute('aria-label', /Train stage, running:/, { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeVisible({ timeout: 150_000 });
    await expect(train).toHaveAttribute('aria-label', /Train stage, done:/);
    await expect(evaluate).toHaveAttribute('aria-label', /Evaluate stage, done: accuracy 0\.\d+ ≥ 0\.9\d* ✓/);
    await expect(page.locator('.react-flow__node', { has: page.locator('.stage-node.kind-deploy') })).toHaveAttribute('aria-label', /Deploy stage, ready/);
    await page.screenshot({ path: join(ARTIFACTS, 'pipeline-digits-scenario.png'), fullPage: true });
  });
});

/** The default pipeline, with the stage palette and the flowchart side by side. */
async function openPipeline(page: Page) {
  await page.goto('/#/pipeline');
  await expect(page.locator('.react-flow__node', { has: page.locator('.stage-node.kind-train') })).toBeVisible();
  const notes = page.locator('.react-flow__node', { has: page.locator('.stage-node.kind-notes') });
  return { canvas: page.getByTestId('pipeline-canvas'), notes };
}

test.describe('stage palette', () => {
  test('drags a stage onto the flowchart with the mouse, where it was let go; Enter adds one too', async ({ page }) => {
    const { canvas, notes } = await openPipeline(page);
    const item = page.getByRole('button', { name: 'Add Notes stage' });
    const box = (await canvas.boundingBox())!;
    const dropped = await mouseDrag(page, item, canvas, { x: box.width * 0.5, y: box.height - 60 });
    // One stage: the release over the canvas adds it, and the click that follows does not add another.
    await expect(notes).toHaveCount(1);
    await expectUnder(notes, dropped);
    await expect(page.locator('.palette-ghost')).toHaveCount(0);

    await item.focus();
    await page.keyboard.press('Enter');
    await expect(notes).toHaveCount(2);
  });

  test.describe('on a touch screen', () => {
    test.use({ hasTouch: true });

    test('drags a stage onto the flowchart with a finger', async ({ page }) => {
      const { canvas, notes } = await openPipeline(page);
      const pointerTypes = await recordPointerTypes(page);
      const box = (await canvas.boundingBox())!;
      const item = page.getByRole('button', { name: 'Add Notes stage' });
      const dropped = await touchDrag(page, item, canvas, { x: box.width * 0.5, y: box.height - 60 });
      await expect(notes).toHaveCount(1);
      await expectUnder(notes, dropped);
      expect(await pointerTypes()).toContain('touch');
    });
  });
});
