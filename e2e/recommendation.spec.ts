import { expect, test } from '@playwright/test';
import { expectSaved } from './support/faults';
import { dataParts, modelInputs, setRole, shootRegions, trainEpochs, uploadFixture, useTable } from './support/mixed';

/**
 * Issue 16's recommendation path by real gestures: the template, a ratings CSV whose user and item
 * columns take the id role, the binding banner naming both sides, Fix, training, a test score above
 * what popularity alone reaches (each item is liked by half the users), and try-it for a pair.
 */
test.describe('recommendation', () => {
  test.describe.configure({ timeout: 300_000 });

  test('ratings: two id columns bound to the template by Fix, trained, scored and tried', async ({ page }) => {
    await page.goto('/#/model');
    await page.getByRole('button', { name: 'Templates' }).first().click();
    await page.getByRole('button', { name: 'Load template Recommendation (two embeddings)' }).click();
    await expect
      .poll(() => modelInputs(page))
      .toEqual([
        { name: 'user', shape: [1], dtype: 'int32' },
        { name: 'item', shape: [1], dtype: 'int32' },
      ]);

    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await uploadFixture(page, 'ratings-small.csv');
    await setRole(page, 'user_id', 'Id → Embedding Input');
    await setRole(page, 'item_id', 'Id → Embedding Input');
    await expect(page.getByRole('article', { name: 'Column user_id' }).getByTestId('own-input')).toBeVisible();
    await useTable(page, ['user_id:id', 'item_id:id']);

    await expect(page.getByTestId('dataset-ready')).toContainText('binary · 2 Inputs · train 700');
    const parts = page.getByRole('table', { name: 'Model inputs from the data' });
    await expect(parts.getByRole('rowheader', { name: 'user_id' })).toBeVisible();
    await expect(parts.getByRole('row', { name: /item_id/ })).toContainText('[1] int32');
    const banner = page.getByRole('region', { name: 'Dataset and model' });
    await expect(banner.getByRole('alert').first()).toContainText(
      "The data has 2 inputs, user_id [1] int32 and item_id [1] int32; the model's Inputs are user and item.",
    );
    await shootRegions(page, 'recommendation', {
      banner,
      columns: page.getByRole('article', { name: 'Column user_id' }).locator('..'),
    });

    await banner.getByRole('button', { name: 'Fix: bind the Inputs to the data' }).click();
    await expect
      .poll(() => modelInputs(page))
      .toEqual([
        { name: 'user_id', shape: [1], dtype: 'int32' },
        { name: 'item_id', shape: [1], dtype: 'int32' },
      ]);
    await expect(banner.getByRole('alert')).toHaveCount(0);
    await expect(banner).toContainText('Bound the model to the data: Input user is now user_id');

    // Reopened, the project reads the file again with its roles: the same parts, still bound.
    await expectSaved(page);
    await page.reload();
    await expect.poll(() => dataParts(page), { timeout: 60_000 }).toEqual(['user_id:id', 'item_id:id']);
    expect((await modelInputs(page)).map((i) => i.name)).toEqual(['user_id', 'item_id']);
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Model inputs from the data' })).toBeVisible();
    await expect(banner.getByRole('alert')).toHaveCount(0);

    await trainEpochs(page, 30);
    await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
    await expect(page.getByRole('figure', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
    const accuracy = Number(await page.getByRole('definition').first().textContent());
    // Popularity alone scores about 0.5 here: every item is liked by half the users.
    expect(accuracy).toBeGreaterThan(0.65);

    const form = page.getByRole('form', { name: 'Feature values' });
    await form.getByLabel('user_id').fill('3');
    await form.getByLabel('item_id').fill('105');
    const probs = page.getByRole('figure', { name: 'Predicted probabilities' });
    await expect(probs).toBeVisible({ timeout: 30_000 });
    await expect(probs.getByRole('meter')).toHaveCount(2);
    const seen = page.getByRole('figure', { name: 'What the model sees' });
    await expect(seen.getByRole('row', { name: /user_id/ })).toContainText('index');
    // User 3 and item 105 share a taste group (both odd): liked.
    await expect(probs).toContainText('Prediction: 1');
    await shootRegions(page, 'recommendation', { tryit: page.getByRole('region', { name: 'Try it' }) });
  });

  test('the movie-ratings built-in: its id columns make two parts, and the starter model is the recommendation template, bound', async ({
    page,
  }) => {
    await page.goto('/#/data');
    await page.getByRole('button', { name: 'Use dataset Movie ratings (synthetic)' }).click();
    await expect.poll(() => dataParts(page), { timeout: 60_000 }).toEqual(['user_id:id', 'item_id:id']);
    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await expect(
      page.getByText('Made the “Recommendation (two embeddings)” template, sized to the data'),
    ).toBeVisible();
    await expect
      .poll(() => modelInputs(page))
      .toEqual([
        { name: 'user_id', shape: [1], dtype: 'int32' },
        { name: 'item_id', shape: [1], dtype: 'int32' },
      ]);
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    const banner = page.getByRole('region', { name: 'Dataset and model' });
    await expect(banner.getByRole('table', { name: 'Model inputs from the data' })).toBeVisible();
    await expect(banner.getByRole('alert')).toHaveCount(0);
    await expect(banner.getByRole('button', { name: 'Fix: bind the Inputs to the data' })).toHaveCount(0);
    // Split by the file's split column: the rows the one-hot logistic regression anchor was scored on.
    await expect(page.getByText('Split by the column split')).toBeVisible();
    await expect(page.getByTestId('dataset-ready')).toContainText('train 13,954 · validation 2,990 · test 2,990');

    await trainEpochs(page, 3);
    await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
    const baseline = page.getByTestId('classic-baseline');
    await expect(baseline).toContainText('one-hot user + item, logistic regression', { timeout: 60_000 });
    await expect(baseline).toContainText('0.558 test accuracy on the same split');
    await shootRegions(page, 'movie-ratings', { baseline });
  });
});
