import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/**
 * Issue 17's pipeline scenario from a fresh app: "Generate fashion images" makes a GAN project
 * (DCGAN, Fashion-MNIST, rule frechet ≤ 105); the GAN Train page trains it and redraws the grid.
 * A finished epoch is stored: after a reload the run is listed again and offered to resume.
 */

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

const gridStep = async (page: Page) => Number((await page.getByTestId('gan-grid').getAttribute('data-step')) ?? -1);

test.describe('the Generate fashion images scenario', () => {
  test.describe.configure({ timeout: 300_000 });

  test('new project from the scenario, GAN training redraws the grid, a stored epoch survives a reload', async ({
    page,
  }) => {
    await page.goto('/#/projects');
    await page.getByRole('button', { name: 'From a template ▾' }).click();
    await page.getByRole('menuitem', { name: /Generate fashion images/ }).click();
    await expect(page).toHaveURL(/#\/pipeline/, { timeout: 60_000 });
    await expect(page.getByText(/frechet ≤ 105/).first()).toBeVisible();

    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'GAN training' })).toBeVisible();
    // The built-in loads when the project opens: 28×28 photos for the DCGAN's 28×28 generator.
    await expect(page.getByText(/training images of 28×28×1/)).toBeVisible({ timeout: 120_000 });
    // Large batches keep an epoch short: 8,500 photos / 256 = 33 generator steps.
    await page.getByLabel('Batch size', { exact: true }).fill('256');
    await page.getByLabel('Epochs', { exact: true }).fill('50');
    await page.getByRole('button', { name: 'Start GAN training' }).click();
    await expect(page.getByTestId('gan-grid')).toBeVisible({ timeout: 60_000 });
    const first = await gridStep(page);
    await expect.poll(() => gridStep(page), { timeout: 120_000 }).toBeGreaterThan(first);
    await expect(page.getByTestId('gan-status')).toContainText(/D loss \d/);

    // Epoch 1 is listed once it is stored.
    const runs = page.getByRole('region', { name: 'GAN runs' });
    await expect(runs.getByRole('row', { name: /GAN run 1/ })).toContainText('1 / 50', { timeout: 180_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'gan-scenario-train.png'), fullPage: true });

    // A reload mid-run: the stored epochs come back and the run can go on from them.
    await page.reload();
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    const resume = page.getByRole('button', { name: /^Resume training from epoch \d+$/ });
    await expect(resume).toBeVisible({ timeout: 60_000 });
    const epoch = Number((await resume.textContent())?.match(/(\d+)$/)?.[1]);
    expect(epoch).toBeGreaterThanOrEqual(1);
    await expect(page.getByRole('region', { name: 'GAN runs' }).getByRole('row', { name: /GAN run 1/ })).toContainText(
      `${epoch} / 50`,
    );
    await expect(page.getByText(/training images of 28×28×1/)).toBeVisible({ timeout: 120_000 });
    await resume.click();
    await expect(page.getByTestId('gan-status')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
    await expect(page.getByTestId('gan-status')).toContainText(new RegExp(`epoch ${epoch + 1}`), { timeout: 60_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('gan-status')).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
  });
});
