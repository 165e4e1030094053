// Issue 13, "A new user's first hour", on the Data and Train pages: the Train page stays put,
// image defaults come from the data, a reload shows the data loading (never "no dataset yet"),
// one rule for when table changes apply, and the small things (styled buttons, one "Augment
// images" label, the reason for one wasm thread, a starter model that says what it made).
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { makeImageZip } from './fixtures/make-image-zip.mjs';
import { encodePng } from './fixtures/tiny-png.mjs';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

interface Shown {
  dataset: null | { train: { x: Float32Array } };
  graph: { nodes: { type: string; params: { shape?: unknown } }[] };
}
const xRange = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { __layerloom: { getState(): Shown } }).__layerloom.getState();
    if (!s.dataset) return null;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of s.dataset.train.x) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    return [lo, hi];
  });
const inputShape = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __layerloom: { getState(): Shown } }).__layerloom
        .getState()
        .graph.nodes.find((n) => n.type === 'Input')?.params.shape,
  );

/** 3 classes × 6 grayscale 28 × 28 PNGs, each a bright bar at a class-specific place. */
function grayDigitsZip(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [c, name] of ['zero', 'one', 'two'].entries())
    for (let i = 0; i < 6; i++)
      files[`digits/${name}/${i}.png`] = encodePng(28, 28, (x, y) => (Math.abs(x - 6 - c * 8) < 3 && y > i ? 230 : 10), {
        gray: true,
      });
  return zipSync(files);
}

const upload = (page: Page, name: string, mimeType: string, bytes: Uint8Array | string) =>
  page.getByTestId('data-file-input').setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });

/** The gray 28 × 28 ZIP on the Data page: the size and colour default to the data's. */
async function useGrayDigits(page: Page) {
  await page.goto('/#/data');
  await upload(page, 'digits.zip', 'application/zip', grayDigitsZip());
  await expect(page.getByText('18 images in 3 classes · all 28×28 · grayscale')).toBeVisible();
  await expect(page.getByLabel('Image size')).toHaveValue('28');
  await expect(page.getByLabel('Colour')).toHaveValue('1');
  await page.getByRole('button', { name: 'Use these images' }).click();
  await expect(page.getByTestId('dataset-ready')).toContainText('input [28, 28, 1]', { timeout: 60_000 });
}

const ROWS = Array.from({ length: 60 }, (_, i) => `${i * 3},${(i * 7) % 50},${['a', 'b', 'c'][i % 3]}`);
const TABLE = ['width,height,kind', ...ROWS].join('\n');

test.describe("a new user's first hour on the Data and Train pages", () => {
  test.describe.configure({ timeout: 120_000 });

  test('the Train page keeps its controls in view and the log scrolls in its own box', async ({ page }) => {
    await page.goto('/#/data');
    await page.getByRole('button', { name: 'Use dataset Iris flowers' }).click();
    await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await page.getByLabel('Epochs', { exact: true }).fill('400');
    await page.getByLabel('Batch size').fill('32');
    await page.getByLabel('Early stopping').uncheck();
    const start = page.getByRole('button', { name: 'Start' });
    const stop = page.getByRole('button', { name: 'Stop' });
    await start.click();
    const log = page.getByRole('region', { name: 'Training log' }).locator('ol');
    const lines = () => log.locator('li').count();
    await expect.poll(lines, { timeout: 60_000 }).toBeGreaterThan(25);
    for (let i = 0; i < 3; i++) {
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await expect(start).toBeInViewport();
      await expect(stop).toBeInViewport();
      const n = await lines();
      await expect.poll(lines).toBeGreaterThan(n);
    }
    // At the bottom, the log follows; scrolled up, it stays where the user put it.
    const atBottom = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 4);
    await expect.poll(atBottom).toBe(true);
    await log.evaluate((el) => el.scrollTo({ top: 40 }));
    const n = await lines();
    await expect.poll(lines).toBeGreaterThan(n + 3);
    expect(await log.evaluate((el) => el.scrollTop)).toBe(40);
    await page.screenshot({ path: join(ARTIFACTS, 'first-hour-train-running.png') });
    await stop.click();
    await expect(start).toBeEnabled({ timeout: 60_000 });
    // The reason the wasm backend runs one thread, when that is what it chose.
    const backend = page.getByTestId('backend-line');
    if (/1 thread/.test((await backend.textContent()) ?? '')) await expect(backend).toContainText('(one thread:');
  });

  test('image defaults come from the data; a mismatched Input is one click from matching', async ({ page }) => {
    await useGrayDigits(page);
    await upload(page, 'shapes.zip', 'application/zip', makeImageZip());
    await expect(page.getByLabel('Image size')).toHaveValue('16');
    await expect(page.getByLabel('Colour')).toHaveValue('3');
    await page.getByRole('button', { name: 'Use these images' }).click();
    await expect(page.getByTestId('dataset-ready')).toContainText('input [16, 16, 3]', { timeout: 60_000 });
    // A template whose Input disagrees: the banner offers to match it, as one undo step.
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.getByRole('button', { name: 'Templates' }).first().click();
    await page.getByRole('button', { name: 'Load template MNIST CNN' }).click();
    await expect.poll(() => inputShape(page)).toEqual([28, 28, 1]);
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    const match = page.getByRole('button', { name: 'Match Input to the data' });
    await match.click();
    await expect.poll(() => inputShape(page)).toEqual([16, 16, 3]);
    await expect(match).toHaveCount(0);
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => inputShape(page)).toEqual([28, 28, 1]);
  });

  test('a reload shows the project\'s data loading, never "no dataset yet"', async ({ page }) => {
    await useGrayDigits(page);
    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await expect(page.getByText(/Dataset: digits/)).toBeVisible();
    await page.addInitScript(() => {
      const w = window as unknown as { __seen: string[] };
      w.__seen = [];
      const look = () => {
        const text = document.body?.innerText ?? '';
        for (const t of ['There is no dataset yet', "Loading the project's data"]) if (text.includes(t) && !w.__seen.includes(t)) w.__seen.push(t);
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await expect(page.getByText(/^Saved/).first()).toBeVisible({ timeout: 30_000 }); // autosave has stored the project
    await page.reload();
    await expect(page.getByText(/Dataset: digits/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
    expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual(["Loading the project's data"]);
  });

  test('table changes apply at once: the same after leaving the page and after a reload', async ({ page }) => {
    await page.goto('/#/data');
    await upload(page, 'boxes.csv', 'text/csv', TABLE);
    // The inferred label makes the table usable at once: there is no hidden "not applied" state.
    await expect(page.getByTestId('dataset-ready')).toContainText('boxes', { timeout: 60_000 });
    await expect(page.getByText('Changes apply at once')).toBeVisible();
    await page.getByLabel('Scaling').selectOption('minmax');
    await expect.poll(() => xRange(page), { timeout: 30_000 }).toEqual([0, 1]);
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await expect(page.getByLabel('Scaling')).toHaveValue('minmax');
    expect(await xRange(page)).toEqual([0, 1]);
    await expect(page.getByText(/^Saved/).first()).toBeVisible({ timeout: 30_000 }); // autosave has stored the project
    await page.reload();
    await expect(page.getByTestId('dataset-ready')).toContainText('boxes', { timeout: 60_000 });
    await expect(page.getByLabel('Scaling')).toHaveValue('minmax');
    expect(await xRange(page)).toEqual([0, 1]);
    await page.locator('.data-actions').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'first-hour-data-table.png') });
  });

  test('small things: styled buttons, one Augment label, a starter model that says what it made', async ({ page }) => {
    await page.goto('/#/data');
    for (const name of ['Choose a CSV, .txt or ZIP file', 'Choose a folder']) {
      const box = await page.getByText(name).boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(30);
    }
    await upload(page, 'boxes.csv', 'text/csv', TABLE);
    const use = page.getByRole('button', { name: 'Use this data' });
    await expect(use).toBeVisible();
    const plain = await page.evaluate(() => {
      const b = document.createElement('button');
      document.body.append(b);
      const bg = getComputedStyle(b).backgroundColor;
      b.remove();
      return bg;
    });
    expect(await use.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(plain);
    const starter = page.getByRole('button', { name: 'Create a starter model' });
    await expect(starter).toBeVisible({ timeout: 60_000 });
    expect(await starter.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(plain);
    await starter.click();
    await expect(page).toHaveURL(/#\/model$/);
    await expect(page.getByTestId('notice')).toContainText('Made a 3-layer MLP: Input [2] → Dense 64 → Dense 32 → Dense 3');

    await useGrayDigits(page);
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('group', { name: 'Augment images' })).toBeVisible();
    await expect(page.getByText('Augment images', { exact: true })).toHaveCount(1);
  });
});

for (const scheme of ['light', 'dark'] as const)
  for (const [w, h] of [
    [1440, 900],
    [1024, 700],
  ] as const)
    test(`screenshots: the Data and Train pages, ${scheme}, ${w}×${h}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: w, height: h });
      await useGrayDigits(page);
      await page.getByRole('link', { name: 'Model', exact: true }).click();
      await page.getByRole('button', { name: 'Templates' }).first().click();
      await page.getByRole('button', { name: 'Load template MNIST CNN' }).click();
      await expect.poll(() => inputShape(page)).toEqual([28, 28, 1]);
      await page.getByRole('link', { name: 'Data', exact: true }).click();
      await page.getByLabel('Image size').fill('24');
      await expect(page.getByText('Changes not applied yet — Use these images')).toBeVisible();
      await page.screenshot({ path: join(ARTIFACTS, `first-hour-data-${scheme}-${w}.png`) });
      await page.getByRole('region', { name: 'Images' }).screenshot({ path: join(ARTIFACTS, `first-hour-data-images-${scheme}-${w}.png`) });
      await page.getByRole('button', { name: 'Fix output layer' }).click();
      await page.getByRole('link', { name: 'Train', exact: true }).click();
      await page.getByLabel('Epochs', { exact: true }).fill('30');
      await page.getByRole('button', { name: 'Start' }).click();
      await expect(page.getByTestId('run-status').first()).toHaveText(/completed|early-stopped/, { timeout: 90_000 });
      await page.locator('.train-page').evaluate((el) => el.scrollTo({ top: 300 }));
      await page.screenshot({ path: join(ARTIFACTS, `first-hour-train-${scheme}-${w}.png`) });
    });
