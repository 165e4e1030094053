import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shootSizesAndThemes } from './support/shots';

/**
 * Issue 16's acceptance: the "Write like Austen" scenario from a fresh app, trained for a few
 * batches only (a full epoch of austen-text is 25,640 windows, far too long here), stopped, then
 * evaluated and asked to write. A stopped run keeps the weights it reached, so Evaluate scores it
 * and generates from it.
 */

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

/** Batches the Train page says the running epoch has done. */
const batchesDone = async (page: Page) =>
  Number((await page.getByTestId('batch-counter').textContent())?.match(/Batch (\d+)/)?.[1] ?? -1);

/** Characters in the generated text so far. */
const generatedLength = async (page: Page) =>
  [...((await page.getByRole('region', { name: 'Generate text' }).getByTestId('generated-text').textContent()) ?? '')]
    .length;

/**
 * Records, from inside the page, each length the generated text has while the panel is still
 * writing (its caret shows): a text that streams in leaves several, one written at once leaves none.
 * Polling from the test could miss a fast stream; a MutationObserver sees every render.
 */
async function recordStreaming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __streamed: number[] };
    w.__streamed = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="generated-text"]')?.textContent ?? '';
      const writing = document.querySelector('.eval-gen-caret') !== null;
      if (writing && text.length > 0 && w.__streamed.at(-1) !== text.length) w.__streamed.push(text.length);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

const streamedLengths = (page: Page) => page.evaluate(() => (window as unknown as { __streamed: number[] }).__streamed);

test.describe('the Write like Austen scenario', () => {
  test.describe.configure({ timeout: 480_000 });

  test('from a fresh app: new project from the scenario, a few batches, Stop, scores against the baselines, streamed text', async ({
    page,
  }) => {
    await page.goto('/#/projects');
    await page.getByRole('button', { name: 'From a template ▾' }).click();
    await page.getByRole('menuitem', { name: /Write like Austen/ }).click();
    await expect(page).toHaveURL(/#\/pipeline/, { timeout: 60_000 });

    await page.getByRole('link', { name: 'Data', exact: true }).click();
    // 1.8 million characters to read and tokenize.
    await expect(page.getByTestId('dataset-ready')).toContainText('next-token', { timeout: 180_000 });

    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => batchesDone(page), { message: 'a few batches trained', timeout: 180_000 })
      .toBeGreaterThanOrEqual(5);
    await page.getByRole('button', { name: 'Stop' }).click();
    // Stopping mid-epoch scores the held-out text with the weights reached.
    await expect(page.getByTestId('run-status').first()).toHaveText('stopped', { timeout: 180_000 });
    await expect(page.getByTestId('run-test').first()).toContainText('bits/char');
    await expect(page.getByTestId('run-size').first()).not.toHaveText('–');

    await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
    await expect(page.getByTestId('lm-bpc')).toHaveText(/^\d+\.\d{3}$/, { timeout: 120_000 });
    // The run is named for what it is: stopped part-way through its first epoch.
    const reached = Number(
      (await page.getByTestId('eval-source').textContent())?.match(
        /Run 1 · 0 epochs · stopped after (\d+) batches/,
      )?.[1],
    );
    expect(reached).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('run-facts')).toContainText(`0 epochs · stopped after ${reached} batches`);
    await expect(page.getByTestId('lm-row-bigram')).toBeVisible();
    await expect(page.getByTestId('lm-row-unigram')).toBeVisible();

    const panel = page.getByRole('region', { name: 'Generate text' });
    await panel.getByLabel('Prompt').fill('It is a truth ');
    await panel.getByLabel('Max characters').fill('120');
    await recordStreaming(page);
    await panel.getByRole('button', { name: 'Generate' }).click();
    // The text streams in: it is seen growing while the panel still writes, then whole.
    await expect
      .poll(async () => new Set(await streamedLengths(page)).size, {
        message: 'the text grows while written',
        timeout: 60_000,
      })
      .toBeGreaterThanOrEqual(2);
    await expect(panel.getByText(/120 characters\./)).toBeVisible({ timeout: 60_000 });
    await expect(panel.locator('.eval-gen-prompt-text')).toHaveText('It is a truth ');
    expect(await generatedLength(page)).toBe(120);

    await shootSizesAndThemes(page, 'text-scenario-austen');
    // At 1024 px the written text sits below the fold of the page's own scrolling pane: the panel alone.
    await page.setViewportSize({ width: 1024, height: 700 });
    for (const theme of ['light', 'dark'] as const) {
      const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
      if (await toggle.isVisible()) await toggle.click();
      await panel.screenshot({ path: join(ARTIFACTS, `text-scenario-austen-generate-1024-${theme}.png`) });
    }
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });
});
