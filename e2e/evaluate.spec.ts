import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { trainOn } from './support/flows';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

test.describe('evaluate', () => {
  test.describe.configure({ timeout: 180_000 });

  test('iris: confusion matrix, per-class table, cell examples and the feature form', async ({ page }) => {
    await trainOn(page, 'Iris flowers', 40);
    await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
    const matrix = page.getByRole('figure', { name: 'Confusion matrix' });
    await expect(matrix).toBeVisible({ timeout: 60_000 });
    const table = page.getByRole('region', { name: 'Per-class scores' });
    for (const species of ['setosa', 'versicolor', 'virginica']) {
      await expect(table.getByRole('rowheader', { name: species })).toBeVisible();
    }
    // Every test row lands in exactly one cell.
    const cells = matrix.getByRole('button');
    await expect(cells).toHaveCount(9);
    let total = 0;
    for (const label of await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) {
      total += Number(label.match(/: (\d+) \(/)?.[1]);
    }
    const n = Number((await page.getByTestId('eval-source').textContent())?.match(/on the (\d+) test samples/)?.[1]);
    expect(total).toBe(n);
    const accuracy = Number(await page.getByRole('definition').first().textContent());
    expect(accuracy).toBeGreaterThan(0.7);

    await matrix.getByRole('button', { name: /^true setosa, predicted setosa/ }).click();
    await expect(page.getByRole('heading', { name: /Examples: true setosa, predicted setosa/ })).toBeVisible();

    const form = page.getByRole('form', { name: 'Feature values' });
    await form.getByLabel('petal_length').fill('1.4');
    await form.getByLabel('petal_width').fill('0.2');
    const probs = page.getByRole('figure', { name: 'Predicted probabilities' });
    await expect(probs).toContainText('Prediction: setosa', { timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'evaluate-iris.png'), fullPage: true });
  });

  test('digits: drawing a 1 on the try-it canvas shows a probability chart', async ({ page }) => {
    await trainOn(page, 'Handwritten digits (8×8)', 10);
    await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
    await expect(page.getByRole('figure', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('region', { name: /Misclassified test images/ })).toBeVisible();
    const pad = page.getByLabel(/Drawing area/);
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.12);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.12 + i * 0.076));
    await page.mouse.up();
    const probs = page.getByRole('figure', { name: 'Predicted probabilities' });
    await expect(probs).toBeVisible({ timeout: 30_000 });
    await expect(probs.getByRole('meter')).toHaveCount(10);
    const sum = (await probs.getByRole('meter').evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-valuenow'))))).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 2);
    // What the model sees: the drawing shrunk to the model's 8×8 input, beside the drawing.
    const seen = page.getByRole('figure', { name: 'What the model sees' });
    await expect(seen.getByRole('img', { name: /the picture at 8×8 pixels/ })).toBeVisible();
    await expect(seen).toContainText('What the model sees: 8×8');
    await page.getByRole('region', { name: 'Try it' }).screenshot({ path: join(ARTIFACTS, 'evaluate-digits-tryit.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'evaluate-digits-draw.png'), fullPage: true });
  });
});
