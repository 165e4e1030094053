import { join } from 'node:path';
import type { Page } from '@playwright/test';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'e2e-artifacts');

/** Screenshots of the page as it is at 1440×900 and 1024×700, light and dark: `<name>-<width>-<theme>.png`. */
export async function shootSizesAndThemes(page: Page, name: string) {
  const before = page.viewportSize();
  for (const theme of ['light', 'dark'] as const) {
    const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
    if (await toggle.isVisible()) await toggle.click();
    for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}-${theme}.png`), fullPage: true });
    }
  }
  const light = page.getByRole('button', { name: 'Switch to light theme' });
  if (await light.isVisible()) await light.click();
  if (before) await page.setViewportSize(before);
}
