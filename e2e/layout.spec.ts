import { expect, test, type Page } from '@playwright/test';
import { Editor } from './support/editor';
import { irisWithStarterModel } from './support/flows';
import { textLayoutProblems } from './support/text-layout';

/**
 * No text on the busiest parts of the app overlaps other text or is cut off, at a wide and a
 * narrow window. Boxes only (see support/text-layout.ts); polls so that animations can settle.
 */
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

const TEMPLATES_DIALOG = '[role="dialog"][aria-label="Templates"]';
const MODEL_TOOLBAR = '[role="toolbar"][aria-label="Model tools"]';
const NODE_CARDS = '.react-flow__node';

/** Passes once the region's text has no problem; on failure lists the problems it last saw. */
async function expectReadable(page: Page, selector: string, what: string, pannable?: string) {
  await expect(page.locator(selector).first(), `${what} is on screen`).toContainText(/\w/);
  await expect
    .poll(() => textLayoutProblems(page, selector, pannable), {
      message: `${what}: text overlaps or is cut off`,
      timeout: 5_000,
    })
    .toEqual([]);
}

test.describe('the text layout check itself', () => {
  test('finds overlapping and cut-off text, and lets ellipses, scrollers and dialogs be', async ({ page }) => {
    await page.setContent(`
      <div id="overlap" style="position: relative; height: 40px"><span>first words</span><span style="position: absolute; left: 10px; top: 0">second</span></div>
      <div id="clip" style="width: 60px; height: 20px; overflow: hidden; white-space: nowrap"><span>a label far too long for its box</span></div>
      <div id="fine" style="width: 60px; white-space: nowrap">
        <p style="overflow: hidden; text-overflow: ellipsis">cut on purpose, with an ellipsis</p>
        <div style="overflow: auto; height: 20px"><p>scrolled 1</p><p>scrolled 2</p><p>scrolled 3</p></div>
        <h3>under the scroller</h3>
        <div style="overflow: hidden; height: 10px"><div style="position: fixed; left: 200px; top: 200px">a dialog above</div></div>
      </div>`);
    expect(await textLayoutProblems(page, '#overlap')).toEqual(['overlap: “first words” (span) and “second” (span)']);
    expect(await textLayoutProblems(page, '#clip')).toEqual([
      'clipped: “a label far too long for its box” (span) by div',
    ]);
    expect(await textLayoutProblems(page, '#fine')).toEqual([]);
    // The same cut-off label inside a box the user pans (a canvas) is only out of view.
    expect(await textLayoutProblems(page, '#clip', '#clip')).toEqual([]);
  });
});

/** A run in progress changes the page under the check: every one of ten looks must be clean. */
async function expectReadableWhileLive(page: Page, selector: string, what: string) {
  await expect(page.locator(selector).first(), `${what} is on screen`).toContainText(/\w/);
  const seen = new Set<string>();
  let looks = 0;
  const look = async () => {
    for (const problem of await textLayoutProblems(page, selector)) seen.add(problem);
    return ++looks;
  };
  await expect.poll(look, { intervals: [200], timeout: 30_000 }).toBeGreaterThanOrEqual(10);
  expect([...seen], `${what}: text overlaps or is cut off`).toEqual([]);
}

for (const size of WIDTHS) {
  test.describe(`text layout at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the templates dialog', async ({ page }) => {
      await new Editor(page).open();
      await page.locator(MODEL_TOOLBAR).getByRole('button', { name: 'Templates' }).click();
      await expect(page.getByRole('button', { name: /^Load template / }).first()).toBeVisible();
      await expectReadable(page, TEMPLATES_DIALOG, 'templates dialog');
    });

    test('the Model toolbar', async ({ page }) => {
      const editor = new Editor(page);
      await editor.open();
      await editor.loadTemplate('MNIST CNN');
      await expectReadable(page, MODEL_TOOLBAR, 'Model toolbar');
    });

    test('node cards on the canvas', async ({ page }) => {
      const editor = new Editor(page);
      await editor.open();
      await editor.loadTemplate('MNIST CNN');
      await expect(page.locator(NODE_CARDS).first()).toBeVisible();
      // A card the view does not reach is panned to, not cut off.
      await expectReadable(page, NODE_CARDS, 'node cards', '.react-flow');
    });

    test('the Train page mid-run and after: top bar, runs table, log and charts', async ({ page }) => {
      test.setTimeout(180_000);
      const trainPage = async (when: 'training' | 'stopped') => {
        const check = when === 'training' ? expectReadableWhileLive : expectReadable;
        await check(page, 'header.topbar', `top bar (${when})`);
        await check(page, 'section.train-runs', `runs table (${when})`);
        await check(page, 'section.train-log', `training log (${when})`);
        await check(page, '.train-charts', `charts (${when})`);
      };
      await irisWithStarterModel(page, 1000);
      await page.getByRole('button', { name: 'Start' }).click();
      const loss = page.getByRole('figure', { name: /Loss per batch/ });
      await expect
        .poll(async () => Number(await loss.getAttribute('data-points')), { timeout: 60_000 })
        .toBeGreaterThan(20);
      await expect(page.getByTestId('run-status').first()).toHaveText('running');
      await trainPage('training');
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect(page.getByTestId('run-status').first()).not.toHaveText('running', { timeout: 60_000 });
      await trainPage('stopped');
    });
  });
}
