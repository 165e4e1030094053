import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { strFromU8 } from 'fflate';
import { canvasPixels, gridStep, unzipDownload, webFiles } from './support/gan';
import { shootSizesAndThemes } from './support/shots';
import { serveFiles } from './support/static-server';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');
const DIGITS = 'Use dataset Handwritten digits (8×8)';

test.describe('a GAN generator deploys', () => {
  test.describe.configure({ timeout: 300_000 });

  test('after a short run, Deploy exports the generator and its standalone page generates by seed', async ({
    page,
    browser,
  }) => {
    await page.goto('/#/data');
    const use = page.getByRole('button', { name: DIGITS });
    await expect(use).toBeVisible({ timeout: 15_000 });
    await use.click();
    await expect(page.getByText(/Handwritten digits/).first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Model' }).click();
    await page.getByRole('button', { name: 'Templates' }).first().click();
    await page.getByRole('button', { name: 'Load template DCGAN' }).click();
    await expect(page.locator('.react-flow__node').filter({ hasText: 'g_image' }).first()).toBeVisible();

    // Before any run, Deploy says there is nothing to export and where to go.
    await page.getByRole('link', { name: 'Deploy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'no finished GAN run yet' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download ZIP' })).toBeDisabled();
    await page.screenshot({ path: join(ARTIFACTS, 'gan-deploy-no-run.png') });
    await page.getByRole('link', { name: 'Go to the Train page' }).click();

    await expect(page.getByRole('heading', { name: 'GAN training' })).toBeVisible();
    await page.getByLabel('Epochs', { exact: true }).fill('500');
    await page.getByRole('button', { name: 'Start GAN training' }).click();
    await expect(page.getByTestId('gan-grid')).toBeVisible({ timeout: 60_000 });
    const first = await gridStep(page);
    await expect.poll(() => gridStep(page), { timeout: 60_000 }).toBeGreaterThan(first);
    // A stop keeps the last finished epoch's weights: wait for one, so there is a generator to export.
    const finishedEpochs = () =>
      page.evaluate(
        () =>
          (window as unknown as { __layerloom: { getState(): { ganRun: { epochs: number } } } }).__layerloom.getState()
            .ganRun.epochs,
      );
    await expect.poll(finishedEpochs, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('gan-status')).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });

    await page.getByRole('link', { name: 'Deploy' }).click();
    await expect(page.getByText(/Exports the generator of the latest GAN run/)).toBeVisible();
    await page.getByLabel('Model name').fill('digits-generator');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download ZIP' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('digits-generator.zip');
    const zip = await unzipDownload(download);
    for (const path of [
      'tfjs/model.json',
      'tfjs/metadata.json',
      'web/index.html',
      'web/gan.js',
      'keras/model.py',
      'onnx/model.onnx',
      'pytorch/model.py',
      'pytorch/weights.npz',
    ]) {
      expect(zip[path], `${path} is in the ZIP`).toBeDefined();
    }
    const metadata = JSON.parse(strFromU8(zip['tfjs/metadata.json']!)) as {
      task: unknown;
      gan: { latent: { size: number }; image: { height: number; width: number; channels: number; range: number[] } };
      run: { id: string; epochs: number; name: string };
    };
    expect(metadata.task).toBeNull();
    expect(metadata.gan.image).toMatchObject({ height: 8, width: 8, channels: 1, range: [0, 1] });
    expect(metadata.gan.latent.size).toBeGreaterThan(0);
    expect(metadata.run.name).toMatch(/^GAN run 1 \(stopped after \d+ epochs?\)$/);
    expect(metadata.run.epochs).toBeGreaterThanOrEqual(1);
    const exported = page.getByRole('region', { name: 'Exported files' });
    await expect(exported).toContainText('web/gan.js');
    await expect(exported).toContainText('onnx/model.onnx');
    await expect(exported).toContainText('pytorch/model.py');
    // The snippets draw the page's images for a seed, not one prediction.
    await expect(page.getByRole('tabpanel')).toContainText('latentBatch(1, count, latent.size)');
    await shootSizesAndThemes(page, 'gan-deploy');

    // The standalone page, served as plain files, generates on its own.
    const web = webFiles(zip);
    const { server, url } = await serveFiles(web);
    const standalone = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    standalone.on('pageerror', (e) => errors.push(e.message));
    try {
      await standalone.goto(url);
      await expect(standalone.locator('#gan')).toBeVisible({ timeout: 30_000 });
      await expect(standalone.locator('#subtitle')).toHaveText('GAN generator · trained on Handwritten digits (8×8)');
      const panel = standalone.locator('#gan');
      const seed = panel.getByRole('spinbutton', { name: 'Seed' });
      const generate = panel.getByRole('button', { name: 'Generate' });
      await seed.fill('1');
      await generate.click();
      await expect(standalone.locator('#gan-grid')).toHaveAttribute('data-seed', '1');
      const one = await canvasPixels(standalone);
      // 16 images of 8×8 in rows of 4 with 1-pixel gaps, not one flat colour.
      expect([one.width, one.height]).toEqual([35, 35]);
      expect(one.spread).toBeGreaterThan(20);
      await seed.fill('2');
      await generate.click();
      await expect(standalone.locator('#gan-grid')).toHaveAttribute('data-seed', '2');
      const two = await canvasPixels(standalone);
      expect(two.key).not.toBe(one.key);
      await seed.fill('1');
      await generate.click();
      await expect(standalone.locator('#gan-grid')).toHaveAttribute('data-seed', '1');
      expect((await canvasPixels(standalone)).key).toBe(one.key);
      // A bad seed is refused with the range, and the last images stay.
      await seed.fill('-3');
      await generate.click();
      await expect(standalone.locator('#status')).toContainText('whole number from 0 to 4294967295');
      await seed.fill('1');
      await generate.click();
      await expect(standalone.locator('#status')).toBeHidden();
      for (const scheme of ['light', 'dark'] as const) {
        await standalone.emulateMedia({ colorScheme: scheme });
        for (const [width, height] of [
          [1440, 900],
          [1024, 700],
        ] as const) {
          await standalone.setViewportSize({ width, height });
          await standalone.screenshot({
            path: join(ARTIFACTS, `gan-standalone-${width}-${scheme}.png`),
            fullPage: true,
          });
        }
      }
      expect(errors).toEqual([]);
    } finally {
      server.close();
      await standalone.context().close();
    }
  });
});
