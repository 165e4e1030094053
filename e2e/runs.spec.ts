import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { addLearningRateSearch, irisWithStarterModel } from './support/flows';
import { binValues, runValues } from './support/weights';

/** Issue "Runs you can trust": every run keeps its weights, Deploy names and exports the chosen one. */

type Hook = {
  __layerloom: {
    getState(): {
      runs: { id: string; name: string; epochs: { epoch: number }[]; status: string }[];
      trainingStatus: string;
    };
  };
};
const state = (page: Page) => page.evaluate(() => (window as unknown as Hook).__layerloom.getState());
const epochsOf = async (page: Page, i = 0) => ((await state(page)).runs[i]?.epochs ?? []).map((e) => e.epoch);

/** Downloads the export ZIP from the Deploy page and returns its entries. */
async function downloadZip(page: Page): Promise<Record<string, Uint8Array>> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download ZIP' }).click();
  const download = await downloading;
  return unzipSync(new Uint8Array(await readFile((await download.path())!)));
}

test.describe('runs', () => {
  test.describe.configure({ timeout: 180_000 });

  test('two runs keep their own weights; Deploy exports the run picked, and metadata.json names it', async ({
    page,
  }) => {
    await irisWithStarterModel(page, 3);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('run-status')).toHaveText(['completed'], { timeout: 90_000 });
    await page.getByRole('spinbutton', { name: 'Learning rate' }).fill('0.05');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('run-status')).toHaveText(['completed', 'completed'], { timeout: 90_000 });
    await expect(page.getByTestId('run-size')).toHaveText([/\d+(\.\d)? KB|\d+ bytes/, /\d+(\.\d)? KB|\d+ bytes/]);
    const first = await runValues(page, 0);
    const second = await runValues(page, 1);
    expect(first).not.toEqual(second);

    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    const picker = page.getByTestId('run-picker');
    await picker.selectOption({ label: (await picker.locator('option', { hasText: /^Run 1/ }).textContent())! });
    await expect(page.getByTestId('run-picker-why')).toHaveText(/^You chose Run 1/);
    await page.getByLabel('Model name').fill('two-runs');
    const zip = await downloadZip(page);
    expect(binValues(zip['tfjs/weights.bin']!)).toEqual(first);
    const metadata = JSON.parse(strFromU8(zip['tfjs/metadata.json']!)) as {
      run: {
        id: string;
        name: string;
        epochs: number;
        settings: { optimizer: { learningRate: number } };
        data: { fingerprint: string; splitSeed: number };
      };
    };
    const runs = (await state(page)).runs;
    expect(metadata.run).toMatchObject({ id: runs[0]!.id, name: 'Run 1', epochs: 3, data: { splitSeed: 42 } });
    expect(metadata.run.data.fingerprint).toMatch(/^[0-9a-f]{8}-\d+\/\d+\/\d+$/);
    await expect(page.getByTestId('exported-run')).toContainText('Exported Run 1');
  });

  test('a search whose best trial is not the last one evaluates and exports the best trial’s weights', async ({
    page,
  }) => {
    await irisWithStarterModel(page, 6);
    // A learning rate this small leaves the last trial near chance: the first trial is the best.
    await addLearningRateSearch(page, [0.05, 0.0000001]);
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeVisible({ timeout: 150_000 });
    const runs = (await state(page)).runs;
    expect(runs.map((r) => r.name)).toEqual(['Trial 1 · lr 0.05', 'Trial 2 · lr 1e-7']);
    const best = await runValues(page, 0);
    expect(best).not.toEqual(await runValues(page, 1));

    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await expect(page.getByTestId('run-picker-why')).toHaveText(/^The pipeline kept Trial 1/);
    await page.getByLabel('Model name').fill('search-best');
    const zip = await downloadZip(page);
    expect(binValues(zip['tfjs/weights.bin']!)).toEqual(best);
    expect(JSON.parse(strFromU8(zip['tfjs/metadata.json']!)).run.name).toBe('Trial 1 · lr 0.05');
  });

  test('20 reloads at random moments of one run lose no finished epoch and leave no gap', async ({ page }) => {
    test.setTimeout(600_000);
    const TOTAL = 2000; // longer than the test: every reload lands mid-run
    await irisWithStarterModel(page, TOTAL);
    await page.getByLabel('Batch size', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Start' }).click();
    // A seeded plan of moments: after 0–2 more finished epochs, then 1–20 batches into the next.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const batch = async () =>
      Number((await page.getByTestId('batch-counter').textContent())?.match(/Batch (\d+)/)?.[1] ?? 0);
    let reloads = 0;
    const moments: string[] = [];
    for (let reload = 1; reload <= 20; reload++) {
      const shown = (await epochsOf(page)).length;
      const target = shown + rand(3);
      await expect.poll(() => epochsOf(page).then((e) => e.length), { timeout: 60_000 }).toBeGreaterThanOrEqual(target);
      const batches = 1 + rand(20);
      await expect.poll(batch, { timeout: 30_000 }).toBeGreaterThanOrEqual(Math.min(batches, 38));
      const before = await epochsOf(page);
      moments.push(`${before.length}+${await batch()}`);
      await page.reload();
      reloads += 1;
      await page.getByRole('link', { name: 'Train', exact: true }).click();
      const resume = page.getByRole('button', { name: /^Resume training from epoch \d+$/ });
      await expect(resume).toBeVisible({ timeout: 60_000 });
      const after = await epochsOf(page);
      // Nothing the page showed as finished is lost, and the list has no gap.
      expect(after.slice(0, before.length), `reload ${reload}`).toEqual(before);
      expect(after, `reload ${reload}`).toEqual(after.map((_, i) => i + 1));
      await expect(resume).toHaveText(`Resume training from epoch ${after.length}`);
      await resume.click();
      await expect.poll(async () => (await state(page)).trainingStatus, { timeout: 30_000 }).toBe('running');
    }
    test.info().annotations.push({ type: 'reload moments (finished epochs + batch)', description: moments.join(', ') });
    expect(reloads).toBe(20);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('run-status')).toHaveText(['stopped'], { timeout: 60_000 });
    const final = await epochsOf(page);
    expect(final.length).toBeGreaterThanOrEqual(20);
    expect(final).toEqual(final.map((_, i) => i + 1));
    // The curves came back with the run: the saved per-batch curve spans the reloads.
    const curve = await page.evaluate(
      () =>
        (
          window as unknown as { __layerloom: { getState(): { runs: { batchCurve?: { step: number[] } }[] } } }
        ).__layerloom.getState().runs[0]!.batchCurve?.step.length ?? 0,
    );
    expect(curve).toBeGreaterThan(final.length);
    // "Train N more epochs" works after a reload.
    await expect(page.getByText(/^Saved/).first()).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Train 1 more epoch' })).toBeEnabled({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Train 1 more epoch' }).click();
    await expect
      .poll(() => epochsOf(page), { timeout: 60_000 })
      .toEqual(Array.from({ length: final.length + 1 }, (_, i) => i + 1));
    await expect(page.getByTestId('run-status')).toHaveText(['completed'], { timeout: 60_000 });
  });

  test('closing the tab while training asks first; an idle, saved tab closes without asking', async ({ page }) => {
    await irisWithStarterModel(page, 100_000); // far longer than the test: it is still training when the tab closes
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => (await state(page)).trainingStatus, { timeout: 30_000 }).toBe('running');
    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('run-status')).toHaveText(['stopped'], { timeout: 30_000 });
    await expect(page.getByText(/^Saved/).first()).toBeVisible({ timeout: 30_000 });
    const prevented = await page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    });
    expect(prevented).toBe(false);
  });
});

test('Cancel on the Pipeline page stops the trial in progress and the run; the app stays usable', async ({ page }) => {
  test.setTimeout(180_000);
  await irisWithStarterModel(page, 400);
  await addLearningRateSearch(page, [0.01, 0.02, 0.03]);
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await expect.poll(async () => (await state(page)).trainingStatus, { timeout: 60_000 }).toBe('running');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeEnabled({ timeout: 30_000 });
  const s = await state(page);
  expect(s.runs.map((r) => r.status)).toEqual(['stopped']);
  expect(s.trainingStatus).toBe('idle');
  // Usable afterwards: a plain run starts and finishes.
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(['stopped', 'completed'], { timeout: 60_000 });
});
