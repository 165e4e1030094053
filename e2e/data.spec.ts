import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeImageZip } from './fixtures/make-image-zip.mjs';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

async function openData(page: Page) {
  await page.goto('/#/data');
  await expect(page.getByRole('heading', { name: 'Data', exact: true })).toBeVisible();
}

function upload(page: Page, name: string, mimeType: string, text: string | Uint8Array) {
  return page.getByTestId('data-file-input').setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
}

/** Quoted commas, missing cells, a categorical column, CRLF line ends. */
const MESSY_CSV = [
  'id,city,size,price,note,label',
  ...Array.from({ length: 40 }, (_, i) => {
    const city = ['"Paris, FR"', 'Berlin', '"Rome, IT"', ''][i % 4];
    const size = i % 7 === 3 ? '' : String(20 + ((i * 13) % 90));
    const price = String(100 + i * 2.5);
    return `${i + 1},${city},${size},${price},"says ""hi"", ok",${i % 3 === 0 ? 'yes' : 'no'}`;
  }),
].join('\r\n');

test.describe('Data page', () => {
  // Parsing and preparing in the worker can pass the 30 s default on a loaded 2-core runner.
  test.describe.configure({ timeout: 90_000 });
  test('a messy CSV: preview, column stats, a type change', async ({ page }) => {
    await openData(page);
    await upload(page, 'messy.csv', 'text/csv', MESSY_CSV);
    const table = page.getByRole('table', { name: 'Data preview' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('cell', { name: 'Paris, FR' }).first()).toBeVisible();
    await expect(page.getByText('40 rows × 6 columns')).toBeVisible();

    const city = page.getByRole('article', { name: 'Column city' });
    await expect(city.getByLabel('Type of city')).toHaveValue('categorical');
    await expect(city.getByText('Missing: 10')).toBeVisible();
    await expect(city.getByTestId('top-categories')).toContainText('Paris, FR (10)');

    const size = page.getByRole('article', { name: 'Column size' });
    await expect(size.getByLabel('Type of size')).toHaveValue('numeric');
    await expect(size.getByText(/Missing: 6/)).toBeVisible();
    await expect(size.getByTestId('numeric-stats')).toContainText('min 20');
    await expect(size.getByRole('img', { name: 'Histogram of size' })).toBeVisible();

    await size.getByLabel('Type of size').selectOption('categorical');
    await expect(size.getByLabel('Type of size')).toHaveValue('categorical');
    await expect(size.getByTestId('top-categories')).toBeVisible();
    await expect(page.getByLabel('Label column')).toHaveValue('label');
    await expect(page.getByRole('img', { name: 'Class balance' })).toBeVisible();

    // A 50/25/25 split: the parts must add up before they apply; 40 rows → 20 for training (the default would give 28).
    await page.getByLabel('train %').fill('50');
    await expect(page.getByText(/must add up to 100 \(now 80\)/)).toBeVisible();
    await page.getByLabel('validation %').fill('25');
    await page.getByLabel('test %').fill('25');
    await page.getByRole('button', { name: 'Use this data' }).click();
    await expect(page.getByTestId('dataset-ready')).toContainText('binary');
    await expect(page.getByTestId('dataset-ready')).toContainText(/train 20 · validation \d+ · test \d+/);
    await page.screenshot({ path: join(ARTIFACTS, 'data-csv.png'), fullPage: true });
  });

  test('an image ZIP: classes, counts, thumbnails and the skipped files', async ({ page }) => {
    await openData(page);
    await upload(page, 'shapes.zip', 'application/zip', makeImageZip());
    for (const name of ['red', 'green', 'blue']) {
      const cls = page.getByRole('article', { name: `Class ${name}` });
      await expect(cls.getByTestId('class-count')).toHaveText(name === 'green' ? '9 images' : '8 images');
      await expect(cls.getByRole('img').first()).toBeVisible();
    }
    const skipped = page.getByRole('region', { name: 'Skipped files' });
    await expect(skipped).toContainText('shapes/notes.txt');
    await expect(skipped).toContainText('shapes/red/broken.png');
    // The size and colour default to the images' own: all 16 × 16, in colour.
    await expect(page.getByText('25 images in 3 classes · all 16×16', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Use these images' }).click();
    await expect(page.getByTestId('dataset-ready')).toContainText('input [16, 16, 3]');
    await expect(skipped).toContainText('shapes/green/truncated.png');
    await expect(skipped).toContainText('the browser could not decode this PNG');
    await page.screenshot({ path: join(ARTIFACTS, 'data-images.png'), fullPage: true });
  });

  test('each built-in dataset previews and binds the model Input', async ({ page }) => {
    test.setTimeout(120_000);
    await openData(page);
    const buttons = page.getByRole('button', { name: /^Use dataset / });
    await expect(buttons.first()).toBeVisible();
    const titles = (await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((t) =>
      t.replace(/^Use dataset /, ''),
    );
    expect(titles).toContain('Iris flowers');
    expect(titles).toContain('Fashion-MNIST (12,000-image subset)');
    let first = true;
    for (const title of titles) {
      await page.getByRole('button', { name: `Use dataset ${title}`, exact: true }).click();
      const ready = page.getByTestId('dataset-ready');
      await expect(ready).toContainText(title, { timeout: 60_000 });
      if (/ \d+ Inputs /.test((await ready.textContent()) ?? '')) {
        // Several Inputs (movie-ratings' two ids): the parts are listed; recommendation.spec binds them.
        await expect(page.getByRole('table', { name: 'Model inputs from the data' })).toBeVisible();
        continue;
      }
      const shape = ((await ready.textContent()) ?? '').match(/input \[([^\]]+)\]/)?.[1];
      expect(shape).toBeTruthy();
      if (first) {
        // The starter model is shown on the Model page; come back for the preview.
        await page.getByRole('button', { name: 'Create a starter model' }).click();
        await expect(page).toHaveURL(/#\/model$/);
        await page.getByRole('link', { name: 'Data' }).click();
        first = false;
      }
      const readyText = (await ready.textContent()) ?? '';
      if (/×|MNIST/.test(title)) await expect(page.getByRole('img', { name: /sample/ }).first()).toBeVisible();
      else if (readyText.includes('tokens in the vocabulary'))
        await expect(page.getByRole('region', { name: 'Text' })).toBeVisible();
      else await expect(page.getByRole('table', { name: 'Data preview' })).toBeVisible();
      await page.getByRole('link', { name: 'Model' }).click();
      await expect(page.getByTestId('node-input').getByTestId('output-shape')).toHaveText(`[?, ${shape}]`);
      await page.getByRole('link', { name: 'Data' }).click();
    }
  });

  test('bad input gets its specific message: an empty file, ragged rows', async ({ page }) => {
    await openData(page);
    await upload(page, 'empty.csv', 'text/csv', '');
    await expect(page.getByRole('alert')).toContainText(
      'the file is empty. Choose a CSV file with a header and data rows.',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'data-empty.png') });

    await upload(page, 'ragged.csv', 'text/csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11\n');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/row 3\b/);
    await expect(alert).toContainText('or choose to skip bad rows.');
    await alert.getByRole('button', { name: 'Skip bad rows' }).click();
    await expect(page.getByRole('table', { name: 'Data preview' })).toBeVisible();
    await expect(page.getByText('3 rows × 3 columns')).toBeVisible();
  });
});
