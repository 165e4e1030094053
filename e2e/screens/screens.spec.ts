import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { irisWithStarterModel, setExactEpochs } from '../support/flows';
import { DIALOGS, openPage, openStart, PAGE_READY, settled } from '../support/loaded';
import { writeContactSheet, type Shot } from './contact-sheet';

/**
 * `npm run screens`: every page in its key states and every dialog open, at two window sizes in
 * both themes, into e2e-artifacts/screens/ with an index.html contact sheet. Not part of `npm test`
 * (playwright.screens.config.ts runs it); nothing is asserted beyond reaching each state.
 */
const OUT = join(import.meta.dirname, '..', '..', 'e2e-artifacts', 'screens');
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const THEMES = ['light', 'dark'] as const;

const shots: Shot[] = [];

/** Screenshots the page as it is now at every size and theme; `name` is the file stem. */
async function capture(page: Page, name: string, caption: string) {
  for (const size of SIZES)
    for (const theme of THEMES) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await settled(page);
      const file = `${name}-${size.width}x${size.height}-${theme}.png`;
      await page.screenshot({ path: join(OUT, file) });
      shots.push({ file, caption, size: `${size.width}×${size.height}`, theme });
    }
}

/** Every tab's page as it is now. */
async function captureAllPages(page: Page, state: string) {
  for (const { id, label } of PAGE_READY) {
    await openPage(page, id);
    await capture(page, `${state}-${id}`, `${label} · ${state}`);
  }
}

test.beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
});
test.afterAll(() => writeContactSheet(OUT, shots));

test('screens: every page and dialog, 1440 and 1024 wide, light and dark', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  // Where a first visit lands (the start view where there is one).
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
  await expect(page.locator('#main > *').first()).toBeVisible();
  await capture(page, 'first-visit', 'First visit · landing');

  await captureAllPages(page, 'empty');

  // The dialogs, opened as a person would.
  for (const { id, label, open, close } of DIALOGS) {
    await open(page);
    await capture(page, `dialog-${id}`, label);
    await close(page);
  }

  // Loaded: Iris bound with its starter model.
  await irisWithStarterModel(page, 5);
  await captureAllPages(page, 'loaded');

  // Training: a long run, captured while its charts move, then stopped.
  await openPage(page, 'train');
  await setExactEpochs(page, 1000);
  await page.getByRole('button', { name: 'Start' }).click();
  const loss = page.getByRole('figure', { name: /Loss per batch/ });
  await expect
    .poll(async () => Number(await loss.getAttribute('data-points')), { timeout: 60_000 })
    .toBeGreaterThan(20);
  await expect(page.getByTestId('run-status').first()).toHaveText('running');
  await capture(page, 'training-train', 'Train · training (mid-run)');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status').first()).not.toHaveText('running', { timeout: 60_000 });
  await capture(page, 'trained-train', 'Train · run stopped');

  // Evaluated: the Evaluate page scores the run.
  await openPage(page, 'evaluate');
  await expect(page.getByRole('figure', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
  await capture(page, 'evaluated-evaluate', 'Evaluate · scored');

  // Deploy after an export.
  await openPage(page, 'deploy');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download ZIP' }).click();
  await downloading;
  await expect(page.getByRole('region', { name: 'Exported files' })).toBeVisible({ timeout: 60_000 });
  await capture(page, 'exported-deploy', 'Deploy · after export');

  await openPage(page, 'pipeline');
  await capture(page, 'trained-pipeline', 'Pipeline · after a run');
  await openPage(page, 'projects');
  await capture(page, 'trained-projects', 'Projects · with a trained project');
  await openStart(page);
  await capture(page, 'trained-start', 'Start view · with a recent project');

  // A user's messy CSV: the reading settings, a number format to choose, and a fix button.
  await openPage(page, 'data');
  const fixtures = join(import.meta.dirname, '..', '..', 'test-fixtures', 'robustness');
  await page.getByTestId('data-file-input').setInputFiles(join(fixtures, 'ambiguous-number-format.csv'));
  await expect(page.getByRole('combobox', { name: 'Number format of amount' })).toHaveValue('');
  await capture(page, 'messy-data', 'Data · a number column that fits two formats');
  await page.getByTestId('data-file-input').setInputFiles(join(fixtures, 'windows-1252.csv'));
  await expect(page.getByRole('button', { name: 'Read as windows-1252' })).toBeVisible();
  await capture(page, 'not-utf8-data', 'Data · a file that is not UTF-8, with its fix');
});
