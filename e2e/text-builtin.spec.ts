import { expect, test } from '@playwright/test';

// A text built-in that ships a scikit-learn anchor: a starter text model trained for one epoch is
// shown beside "a classic baseline" (TF-IDF + logistic regression on the same split) on Evaluate.
test('a text built-in: starter model, one epoch, and the classic baseline on Evaluate', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/#/data');
  await page.getByRole('button', { name: 'Use dataset Which language is this word?' }).click();
  await expect(page.getByTestId('dataset-ready')).toContainText('tokens in the vocabulary', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Create a starter model' }).click();
  await page.getByRole('link', { name: 'Train' }).click();
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status').first()).toHaveText('completed', { timeout: 150_000 });
  await page.getByRole('link', { name: 'Evaluate' }).click();
  const baseline = page.getByTestId('classic-baseline');
  await expect(baseline).toContainText(
    /A classic baseline, TF-IDF \+ logistic regression .* reaches 0\.9\d* test accuracy on the same split; this model reaches/,
    {
      timeout: 60_000,
    },
  );
});
