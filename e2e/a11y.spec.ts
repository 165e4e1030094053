import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DIALOGS, loadedProject, openPage, openStart, PAGE_READY } from './support/loaded';

/** What fails the check: axe's two highest impacts (contrast, names, landmarks, ARIA misuse…). */
const BLOCKING = new Set(['serious', 'critical']);

/** Serious and critical axe violations on the page as it is now, one line per rule and element. */
async function blockingViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${colorScheme} theme`, () => {
    test.describe.configure({ timeout: 120_000 });
    // One trained, scored project per worker; each page is then its own test on that page.
    let page: Page;
    test.beforeAll(async ({ browser }, info) => {
      test.setTimeout(240_000);
      const { baseURL } = info.project.use;
      // AxeBuilder needs a page of an explicit context.
      const context = await browser.newContext({ baseURL, colorScheme, viewport: { width: 1440, height: 900 } });
      page = await context.newPage();
      await loadedProject(page);
    });
    test.afterAll(() => page.context().close());

    for (const { id, label } of PAGE_READY) {
      test(`${label}: no serious or critical axe violation`, async () => {
        await openPage(page, id);
        expect(await blockingViolations(page)).toEqual([]);
      });
    }

    test('Start view: no serious or critical axe violation', async () => {
      await openStart(page);
      expect(await blockingViolations(page)).toEqual([]);
    });

    for (const { label, open, close } of DIALOGS) {
      test(`${label}: no serious or critical axe violation`, async () => {
        await open(page);
        const found = await blockingViolations(page);
        await close(page);
        expect(found).toEqual([]);
      });
    }
  });
}
