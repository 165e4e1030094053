import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { canvasPixels, gridStep, unzipDownload, webFiles } from './support/gan';
import { serveFiles } from './support/static-server';

/**
 * Issue 17's pipeline scenario from a fresh app: "Generate fashion images" makes a GAN project
 * (DCGAN, Fashion-MNIST, rule frechet ≤ 105); the GAN Train page trains it and redraws the grid.
 * A finished epoch is stored: after a reload the run is listed again and offered to resume. Then
 * the generator exports, and the export's own page draws Fashion-MNIST-sized images from a seed.
 */

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

test.describe('the Generate fashion images scenario', () => {
  test.describe.configure({ timeout: 300_000 });

  test('new project from the scenario, GAN training redraws the grid, a stored epoch survives a reload, the generator exports and generates', async ({
    page,
    browser,
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

    await page.getByRole('link', { name: 'Deploy' }).click();
    await page.getByLabel('Model name').fill('fashion-generator');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download ZIP' }).click();
    const zip = await unzipDownload(await downloading);
    for (const path of ['tfjs/model.json', 'web/gan.js', 'onnx/model.onnx', 'pytorch/model.py']) {
      expect(zip[path], `${path} is in the ZIP`).toBeDefined();
    }
    const { server, url } = await serveFiles(webFiles(zip));
    const standalone = await (await browser.newContext()).newPage();
    try {
      await standalone.goto(url);
      const panel = standalone.locator('#gan');
      await panel.getByRole('spinbutton', { name: 'Seed' }).fill('7');
      await panel.getByRole('button', { name: 'Generate' }).click();
      await expect(standalone.locator('#gan-grid')).toHaveAttribute('data-seed', '7', { timeout: 30_000 });
      const drawn = await canvasPixels(standalone);
      // 16 images of 28×28 in rows of 4 with 1-pixel gaps, not one flat colour.
      expect([drawn.width, drawn.height, drawn.spread > 20]).toEqual([115, 115, true]);
      await standalone.screenshot({ path: join(ARTIFACTS, 'gan-scenario-standalone.png'), fullPage: true });
    } finally {
      server.close();
      await standalone.context().close();
    }
  });
});
