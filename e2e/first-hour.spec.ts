import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { trainOn } from './support/flows';
import { shootSizesAndThemes } from './support/shots';

/** Parts of issue 13 ("a new user's first hour") on the Pipeline and Evaluate pages. */

const stageNode = (page: Page, kind: string) => page.locator('.react-flow__node', { has: page.locator(`.stage-node.kind-${kind}`) });

/** The built-in wine table with long cultivar names and the `ash` cell missing in every third row. */
function wineWithGaps(): string {
  const lines = readFileSync(join(import.meta.dirname, '..', 'public', 'datasets', 'wine.csv'), 'utf8').trim().split('\n');
  const names: Record<string, string> = { class_0: 'Barolo, Piedmont', class_1: 'Grignolino, Piedmont', class_2: 'Barbera, Piedmont' };
  return [
    lines[0],
    ...lines.slice(1).map((line, i) => {
      const cells = line.split(',');
      if (i % 3 === 1) cells[2] = '';
      cells[cells.length - 1] = names[cells.at(-1)!]!;
      return cells.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',');
    }),
  ].join('\n');
}

test.describe('first hour', () => {
  test.describe.configure({ timeout: 180_000 });

  test('Remove is disabled for required stages, with the reason as its tooltip', async ({ page }) => {
    await page.goto('/#/pipeline');
    const remove = page.getByRole('button', { name: 'Remove', exact: true });
    await stageNode(page, 'scenario').click();
    await expect(remove).toBeDisabled();
    await expect(remove).toHaveAttribute('title', /Scenario holds the success rule/);
    await stageNode(page, 'data').click();
    await expect(remove).toBeDisabled();
    await expect(remove).toHaveAttribute('title', /Data is a required stage/);
    await page.getByRole('button', { name: 'Add Notes stage' }).click();
    await expect(remove).toBeEnabled();
    await expect(remove).toHaveAttribute('title', /Remove the selected stage/);

  });

  test('a refusal message closes when the user goes to another page', async ({ page }) => {
    await page.goto('/#/pipeline');
    // The Delete key still says why it refuses; the message does not follow the user to other pages.
    await stageNode(page, 'data').click();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('pipeline-message')).toContainText('required');
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
    await expect(stageNode(page, 'data')).toBeVisible();
    await expect(page.getByTestId('pipeline-message')).toHaveCount(0);
  });

  test('wine with long class names and gaps: full labels, filled cells marked, the scaled inputs shown', async ({ page }) => {
    await page.goto('/#/data');
    await page.getByTestId('data-file-input').setInputFiles({ name: 'wine-gaps.csv', mimeType: 'text/csv', buffer: Buffer.from(wineWithGaps()) });
    await expect(page.getByLabel('Label column')).toHaveValue('class');
    await page.getByRole('button', { name: 'Use this data' }).click();
    await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await page.getByLabel('Epochs', { exact: true }).fill('15');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('run-status').first()).toHaveText(/completed|early-stopped/, { timeout: 120_000 });
    await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
    const matrix = page.getByRole('figure', { name: 'Confusion matrix' });
    await expect(matrix).toBeVisible({ timeout: 60_000 });

    // Every class name shows whole: no label is cut while the page has room.
    for (const name of ['Barolo, Piedmont', 'Grignolino, Piedmont', 'Barbera, Piedmont'])
      await expect(matrix.getByRole('columnheader', { name })).toBeVisible();
    const cut = await matrix.locator('th:not(.eval-corner)').evaluateAll((ths) =>
      ths
        .map((th) => th.querySelector<HTMLElement>('.eval-confusion-label') ?? th)
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
        .map((e) => e.textContent),
    );
    expect.soft(cut).toEqual([]);

    // Filled-in values are marked as such, never shown as if the file held them.
    const worst = page.getByRole('region', { name: 'Worst test rows' });
    const filled = worst.getByRole('cell', { name: /\(filled\)/ });
    await expect.soft(filled.first()).toBeVisible();
    await expect.soft(filled.first()).toHaveAttribute('title', 'missing in the file; filled with the training mean');

    const form = page.getByRole('form', { name: 'Feature values' });
    await form.getByLabel('alcohol').fill('14.2');
    const seen = page.getByRole('figure', { name: 'What the model sees' });
    await expect(seen).toContainText('13 scaled inputs', { timeout: 30_000 });
    await expect(seen.getByRole('rowheader', { name: 'alcohol' })).toBeVisible();
    await page.getByRole('region', { name: 'Try it' }).screenshot({ path: join(import.meta.dirname, '..', 'e2e-artifacts', 'evaluate-wine-tryit.png') });
    await shootSizesAndThemes(page, 'evaluate-wine');
  });

  test('a missed target brings Optimize suggestions at once, with no pipeline run', async ({ page }) => {
    await trainOn(page, 'Iris flowers', 3);
    await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
    await expect(page.getByRole('figure', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
    await stageNode(page, 'scenario').click();
    await page.getByLabel('Threshold').fill('0.999');
    await page.getByLabel('Threshold').blur();
    await expect(stageNode(page, 'optimize')).toHaveAttribute('aria-label', /Optimize stage, needs attention: Target missed: \d+ suggestions?/);
    await stageNode(page, 'optimize').click();
    const list = page.getByRole('region', { name: 'Optimize suggestions' });
    await expect(list.getByRole('listitem').first()).toBeVisible();
    await expect(list).toContainText('0.999');
    await shootSizesAndThemes(page, 'pipeline-optimize');
  });
});
