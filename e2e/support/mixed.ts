import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'e2e-artifacts');

/** A CSV from e2e/fixtures, dropped on the Data page's file input. */
export async function uploadFixture(page: Page, file: string) {
  const buffer = readFileSync(join(import.meta.dirname, '..', 'fixtures', file));
  await page.getByTestId('data-file-input').setInputFiles({ name: file, mimeType: 'text/csv', buffer });
}

/** Sets a column's role from its card's menu ("Text → its own Input", "Id → Embedding Input"). */
export async function setRole(page: Page, column: string, label: string) {
  await page.getByLabel(`Role of ${column}`).selectOption({ label });
}

/** The model's Input nodes as the store has them: name, shape and dtype. */
export function modelInputs(page: Page) {
  return page.evaluate(() =>
    (
      window as unknown as {
        __layerloom: {
          getState(): { graph: { nodes: { type: string; name: string; params: Record<string, unknown> }[] } };
        };
      }
    ).__layerloom
      .getState()
      .graph.nodes.filter((n) => n.type === 'Input')
      .map((n) => ({ name: n.name, shape: n.params.shape, dtype: n.params.dtype ?? 'float32' })),
  );
}

/** The data's parts as the prepared dataset names them (empty before it is ready). */
export function dataParts(page: Page) {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          __layerloom: { getState(): { dataset: { inputs?: { name: string; role: string }[] } | null } };
        }
      ).__layerloom
        .getState()
        .dataset?.inputs?.map((p) => `${p.name}:${p.role}`) ?? [],
  );
}

/** Uses the table (if its edits do not apply at once already) and waits for the parts named. */
export async function useTable(page: Page, parts: readonly string[]) {
  const use = page.getByRole('button', { name: 'Use this data' });
  if (await use.isEnabled()) await use.click();
  await expect.poll(() => dataParts(page), { timeout: 60_000 }).toEqual(parts);
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
}

/** Trains the bound model for exactly `epochs` epochs and waits for the run to complete. */
export async function trainEpochs(page: Page, epochs: number) {
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Early stopping', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status').first()).toHaveText('completed', { timeout: 150_000 });
}

/**
 * Each region at 1440 and 1024 wide, light and dark: `e2e-artifacts/<name>-<region>-<width>-<theme>.png`.
 * Element shots, since the page scrolls inside its own box and a full-page shot shows only that box.
 */
export async function shootRegions(page: Page, name: string, regions: Readonly<Record<string, Locator>>) {
  const before = page.viewportSize();
  for (const theme of ['light', 'dark'] as const) {
    const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
    if (await toggle.isVisible()) await toggle.click();
    for (const [width, height] of [
      [1440, 1000],
      [1024, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [region, locator] of Object.entries(regions)) {
        await locator.scrollIntoViewIfNeeded();
        await locator.screenshot({ path: join(ARTIFACTS, `${name}-${region}-${width}-${theme}.png`) });
      }
    }
  }
  const light = page.getByRole('button', { name: 'Switch to light theme' });
  if (await light.isVisible()) await light.click();
  if (before) await page.setViewportSize(before);
}

/** Serious and critical axe findings inside the given parts of the page (CSS selectors), light then dark. */
export async function axeFindings(page: Page, selectors: readonly string[]): Promise<string[]> {
  const findings: string[] = [];
  for (const theme of ['dark', 'light'] as const) {
    let builder = new AxeBuilder({ page });
    for (const s of selectors) builder = builder.include(s);
    const { violations } = await builder.analyze();
    findings.push(
      ...violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
    );
    await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  }
  return findings;
}
