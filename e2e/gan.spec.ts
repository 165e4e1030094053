import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Editor } from './support/editor';
import { shootSizesAndThemes } from './support/shots';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');
const DIGITS = 'Use dataset Handwritten digits (8×8)';

const gridStep = async (page: Page) => Number((await page.getByTestId('gan-grid').getAttribute('data-step')) ?? -1);

test.describe('a GAN in the app', () => {
  test.describe.configure({ timeout: 240_000 });

  test('builds a DCGAN for the digits, shows both networks, trains and redraws the sample grid', async ({ page }) => {
    // The digits first, so the template is sized to their 8×8 images.
    await page.goto('/#/data');
    const use = page.getByRole('button', { name: DIGITS });
    await expect(use, 'the Data page offers the digits built-in').toBeVisible({ timeout: 15_000 });
    await use.click();
    await expect(page.getByText(/Handwritten digits/).first()).toBeVisible({ timeout: 30_000 });

    await page.getByRole('link', { name: 'Model' }).click();
    await page.getByRole('button', { name: 'Templates' }).first().click();
    await page.getByRole('button', { name: 'Load template DCGAN' }).click();

    // Two tabs, each with its own graph on the canvas; no cross-graph problem for a fresh template.
    const tabs = page.getByRole('tablist', { name: 'GAN networks' });
    await expect(tabs.getByRole('tab', { name: 'Generator' })).toHaveAttribute('aria-selected', 'true');
    await expect(tabs).toContainText('images 8×8×1');
    await expect(page.locator('.react-flow__node').filter({ hasText: 'g_image' }).first()).toBeVisible();
    await tabs.getByRole('tab', { name: 'Discriminator' }).click();
    await expect(tabs.getByRole('tab', { name: 'Discriminator' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.react-flow__node').filter({ hasText: 'd_score' })).toBeVisible();
    await expect(page.locator('.react-flow__node').filter({ hasText: 'g_image' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Problems' })).toHaveCount(0);

    // A discriminator Input of another size: the mismatch is named on both ends, then undone.
    const ed = new Editor(page);
    await ed.select('image');
    await ed.setField('Shape', '9, 9, 1');
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(
      problems.getByRole('button', { name: /^Generator: The generator's output .* gives images of \[8, 8, 1\]/ }),
    ).toBeVisible();
    await expect(
      problems.getByRole('button', { name: /^Discriminator: The discriminator's .* takes \[9, 9, 1\]/ }),
    ).toBeVisible();
    await expect(ed.node('image')).toHaveClass(/has-error/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(problems).toHaveCount(0);

    await tabs.getByRole('tab', { name: 'Generator' }).click();
    await expect(page.locator('.react-flow__node').filter({ hasText: 'g_image' }).first()).toBeVisible();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'gan-model-1440-light.png') });

    await page.getByRole('link', { name: 'Train' }).click();
    await expect(page.getByRole('heading', { name: 'GAN training' })).toBeVisible();
    // Many epochs: the run is stopped once the grid has been redrawn twice.
    await page.getByLabel('Epochs', { exact: true }).fill('500');
    await page.getByRole('button', { name: 'Start GAN training' }).click();
    await expect(page.getByTestId('gan-grid')).toBeVisible({ timeout: 60_000 });
    const first = await gridStep(page);
    await expect.poll(() => gridStep(page), { timeout: 60_000 }).toBeGreaterThan(first);
    const second = await gridStep(page);
    await expect.poll(() => gridStep(page), { timeout: 60_000 }).toBeGreaterThan(second);
    await expect(page.getByTestId('gan-status')).toContainText(/D loss \d/);
    await expect(page.getByRole('figure', { name: /Losses per generator step/ })).toBeVisible();
    await expect(page.getByRole('figure', { name: /D\(x\)/ })).toBeVisible();

    // Pause and resume reach the worker's run.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByTestId('gan-status')).toHaveAttribute('data-status', 'paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByTestId('gan-status')).toHaveAttribute('data-status', 'running');

    // The scrubber goes back to an earlier grid and holds it.
    const scrubber = page.getByRole('slider', { name: 'Earlier samples' });
    await scrubber.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => gridStep(page)).toBe(0);

    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('gan-status')).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });
    await scrubber.focus();
    await page.keyboard.press('End');
    await expect.poll(() => gridStep(page)).toBeGreaterThan(second);
    await shootSizesAndThemes(page, 'gan-train');

    // Evaluate generates from the stopped run's generator, walks between two samples and scores it.
    await page.getByRole('link', { name: 'Evaluate' }).click();
    await expect(page.getByTestId('gan-eval-grid')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('gan-eval-between')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Compute scores' }).click();
    await expect(page.getByTestId('gan-scores')).toContainText('Uniform noise', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Find the nearest training image' }).click();
    await expect(page.getByTestId('gan-eval-nearest')).toBeVisible({ timeout: 60_000 });
    await shootSizesAndThemes(page, 'gan-evaluate');
  });
});
