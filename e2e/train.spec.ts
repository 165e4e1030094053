import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { crashTrainWorker } from './support/faults';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');
const FASHION = 'Use dataset Fashion-MNIST (12,000-image subset)';

/** MNIST CNN on #/model, Fashion-MNIST on #/data, then #/train — all by clicking. */
async function prepare(page: Page, query = '') {
  await page.goto(`/${query}#/model`);
  await page.getByRole('button', { name: 'Templates' }).first().click();
  await page.getByRole('button', { name: 'Load template MNIST CNN' }).click();
  await page.getByRole('link', { name: 'Data' }).click();
  const use = page.getByRole('button', { name: FASHION });
  await expect(use, 'the Data page offers the Fashion-MNIST subset').toBeVisible({ timeout: 15_000 });
  await use.click();
  await page.getByRole('link', { name: 'Train' }).click();
  await expect(page.getByText(/Dataset: .*Fashion/)).toBeVisible({ timeout: 60_000 });
}

async function setEpochs(page: Page, n: number) {
  const epochs = page.getByLabel('Epochs', { exact: true });
  await epochs.fill(String(n));
}

const batchNumber = async (page: Page) =>
  Number((await page.getByTestId('batch-counter').textContent())?.match(/Batch (\d+)/)?.[1] ?? -1);

const chartBatches = async (page: Page) =>
  Number((await page.locator('.train-charts[data-batches]').getAttribute('data-batches')) ?? 0);

test.describe('training', () => {
  test.describe.configure({ timeout: 240_000 });

  test('trains, pauses, resumes, stops and continues with one history', async ({ page }) => {
    await prepare(page);
    await setEpochs(page, 1);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('backend-line')).toContainText(/wasm|WebGPU|WebGL|cpu/, { timeout: 60_000 });

    // Charts and progress move.
    await expect.poll(() => chartBatches(page), { timeout: 60_000 }).toBeGreaterThan(5);
    const firstBatch = await batchNumber(page);
    const firstEta = await page.getByTestId('eta').textContent();
    await expect.poll(() => batchNumber(page), { timeout: 20_000 }).toBeGreaterThan(firstBatch + 3);
    await expect.poll(() => page.getByTestId('eta').textContent(), { timeout: 20_000 }).not.toBe(firstEta);
    expect(await page.getByLabel('Batch progress').getAttribute('value')).not.toBe('0');
    const lossChart = page.getByRole('figure', { name: /Loss per batch/ });
    await expect.poll(async () => Number(await lossChart.getAttribute('data-points'))).toBeGreaterThan(5);
    await expect(lossChart.locator('path.line-chart-line').first()).toHaveAttribute('d', /L/);
    await page.screenshot({ path: join(ARTIFACTS, 'train-running.png'), fullPage: true });

    // Pause: the batch counter stops.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(500); // a batch already in flight may still land
    const paused = await batchNumber(page);
    await page.waitForTimeout(1500);
    expect(await batchNumber(page)).toBe(paused);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => batchNumber(page), { timeout: 20_000 }).not.toBe(paused);

    // A stopped epoch is not logged (core rule), so epoch 1 runs to the end and Stop is tried on
    // the continued run: it keeps the weights, and the next "Train 1 more epoch" yields epoch 2.
    await expect(page.getByTestId('run-epochs').first()).toHaveText('1', { timeout: 150_000 });
    await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Train 1 more epoch' }).click();
    await expect.poll(() => batchNumber(page), { timeout: 60_000 }).toBeGreaterThan(2);
    await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
    // Stop keeps the weights; then continue again for a full second epoch.
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled({ timeout: 60_000 });
    await expect(page.getByTestId('run-status').first()).toHaveText('stopped');
    await expect(page.getByTestId('run-epochs').first()).toHaveText('1');
    await page.getByRole('button', { name: 'Train 1 more epoch' }).click();
    await expect(page.getByTestId('run-epochs').first()).toHaveText('1, 2', { timeout: 150_000 });
    await expect(page.getByTestId('run-status').first()).toHaveText('completed', { timeout: 60_000 });
    await expect(page.getByTestId('run-test').first()).toContainText('accuracy');
    const accuracy = Number((await page.getByTestId('run-test').first().textContent())?.match(/[\d.]+/)?.[0]);
    expect(accuracy).toBeGreaterThan(0.7);
    await page.screenshot({ path: join(ARTIFACTS, 'train-two-epochs.png'), fullPage: true });
  });

  test('recovers from a worker crash, keeping the graph and the previous run', async ({ page }) => {
    await prepare(page);
    await setEpochs(page, 1);
    await page.getByLabel('Batch size').fill('128');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('run-epochs').first()).toHaveText('1', { timeout: 150_000 });
    await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Train 1 more epoch' }).click();
    await expect.poll(() => batchNumber(page), { timeout: 60_000 }).toBeGreaterThan(1);
    await crashTrainWorker(page);

    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The training worker stopped unexpectedly', { timeout: 30_000 });
    await expect(alert.getByRole('button', { name: /^Retry on / })).toBeVisible();
    await expect(page.getByTestId('run-epochs').first()).toHaveText('1');
    await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
    await page.screenshot({ path: join(ARTIFACTS, 'train-crash.png'), fullPage: true });

    // The graph is intact on the Model page.
    await page.getByRole('link', { name: 'Model' }).click();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(3);
  });
});
