import { expect, type Page } from '@playwright/test';

/**
 * Exactly this many epochs: early stopping (on by default) is switched off, so a run meant to
 * outlast the test keeps running and a short one ends 'completed'.
 */
export async function setExactEpochs(page: Page, epochs: number) {
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Early stopping', { exact: true }).uncheck();
}

/** Picks a built-in dataset, lets the Data page build a starter model, and trains it to the end. */
export async function trainOn(page: Page, dataset: string, epochs: number) {
  await page.goto('/#/data');
  await page.getByRole('button', { name: `Use dataset ${dataset}` }).click();
  await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Create a starter model' }).click();
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await setExactEpochs(page, epochs);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status').first()).toHaveText('completed', { timeout: 120_000 });
}

/** The headline test accuracy on the Evaluate page, once scored. */
export async function evaluatedAccuracy(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
  const scores = page.getByRole('definition');
  await expect(page.getByRole('figure', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
  return Number(await scores.first().textContent());
}

/** Iris bound on the Data page with its starter model, and a short training length on the Train page. */
export async function irisWithStarterModel(page: Page, epochs: number) {
  await page.goto('/#/data');
  await page.getByRole('button', { name: 'Use dataset Iris flowers' }).click();
  await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Create a starter model' }).click();
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await setExactEpochs(page, epochs);
}

/** Adds a Hyperparameter search stage from the palette and sets it to the learning rates given. */
export async function addLearningRateSearch(page: Page, rates: readonly number[]) {
  await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
  await page.getByRole('button', { name: 'Add Hyperparameter search stage' }).click();
  const editor = page.getByRole('region', { name: 'Hyperparameter search settings' });
  await editor.getByLabel('Parameter 1').selectOption({ label: 'Learning rate' });
  const values = editor.getByLabel('Learning rate values');
  await values.fill(rates.join(', '));
  await values.press('Enter');
  await expect(editor.getByTestId('hp-plan')).toHaveText(
    `${rates.length} trials: ${rates.map((r) => `lr ${r}`).join('; ')}`,
  );
  return editor;
}
