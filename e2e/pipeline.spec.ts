import { join } from 'node:path';
import { expect, test } from '@playwright/test';

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
});
