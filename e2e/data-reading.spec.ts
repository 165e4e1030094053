import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/** Issue 14's fixtures (scripts/robustness-fixtures.ts). */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'test-fixtures', 'robustness', name));

async function upload(page: Page, name: string) {
  await page.goto('/#/data');
  await expect(page.getByRole('heading', { name: 'Data', exact: true })).toBeVisible();
  await page.getByTestId('data-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: fixture(name) });
}

test.describe('Data page: reading settings and the fixes problems offer', () => {
  test.describe.configure({ timeout: 60_000 });

  test('a windows-1252 file is named, and one click reads it', async ({ page }) => {
    await upload(page, 'windows-1252.csv');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('read it with the windows-1252 encoding');
    await alert.getByRole('button', { name: 'Read as windows-1252' }).click();
    const preview = page.getByRole('table', { name: 'Data preview' });
    await expect(preview).toContainText('Montréal');
    await expect(page.getByRole('combobox', { name: 'Encoding' })).toHaveValue('windows-1252');
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The encoding is saved with the project: a reload reads the stored file the same way.
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Saved', { timeout: 15_000 });
    await page.reload();
    await expect(page.getByRole('table', { name: 'Data preview' })).toContainText('Montréal', { timeout: 30_000 });
    await expect(page.getByRole('combobox', { name: 'Encoding' })).toHaveValue('windows-1252');
  });

  test('an ambiguous number column asks, and the column card answers', async ({ page }) => {
    await upload(page, 'ambiguous-number-format.csv');
    const format = page.getByRole('combobox', { name: 'Number format of amount' });
    await expect(format).toHaveValue('');
    await expect(page.getByText(/'1,234' on row 2 could be 1234 \(written 1,234\.5\) or 1\.234/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Use this data' })).toBeVisible();
    await format.selectOption('decimal-comma');
    await expect(format).toHaveValue('decimal-comma');
    const stats = page.getByRole('article', { name: 'Column amount' }).getByTestId('numeric-stats');
    await expect(stats).toContainText('max 9.876');
    await expect(page.getByText(/could be 1234/)).toHaveCount(0);
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
  });

  test('a header of years is said, and the first row can be read as data instead', async ({ page }) => {
    await upload(page, 'numeric-header.csv');
    await expect(page.getByRole('columnheader', { name: '1960' })).toBeVisible();
    const header = page.getByRole('combobox', { name: 'Header row' });
    await expect(header.locator('option:checked')).toHaveText('automatic (found one)');
    await page.getByRole('button', { name: 'Read the first row as data' }).click();
    await expect(header).toHaveValue('no');
    await expect(page.getByRole('columnheader', { name: 'column_3' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Data preview' })).toContainText('1960');
    // And back: the setting is the one the page shows.
    await header.selectOption('auto');
    await expect(page.getByRole('columnheader', { name: '1960' })).toBeVisible();
  });

  test('a space-aligned table is split on its spaces, and the delimiter can be set by hand', async ({ page }) => {
    await upload(page, 'whitespace-delimited.csv');
    const delimiter = page.getByRole('combobox', { name: 'Delimiter' });
    await expect(delimiter.locator('option:checked')).toHaveText('automatic (found spaces (aligned columns))');
    await expect(page.getByRole('columnheader', { name: 'GRADE' })).toBeVisible();
    await delimiter.selectOption(';');
    await expect(page.getByRole('columnheader', { name: 'GRADE', exact: true })).toHaveCount(0);
    await expect(page.getByText('32 rows × 1 columns')).toBeVisible();
    // One column and no label: the table read before is no longer offered for training.
    await expect(page.getByTestId('dataset-ready')).toHaveCount(0);
    await delimiter.selectOption('whitespace');
    await expect(page.getByRole('columnheader', { name: 'TUCE' })).toBeVisible();
  });
});
