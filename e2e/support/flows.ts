import { expect, type Page } from '@playwright/test';

/** Picks a built-in dataset, lets the Data page build a starter model, and trains it to the end. */
export async function trainOn(page: Page, dataset: string, epochs: number) {
  await page.goto('/#/data');
  await page.getByRole('button', { name: `Use dataset ${dataset}` }).click();
  await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Create a starter model' }).click();
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
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
