import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Editor } from './support/editor';
import { boxesOf, crossings, overlaps, toolbarNames, type Box } from './support/boxes';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const ALL_TOOLS = ['Templates', 'Import…', 'Undo', 'Redo', 'Auto layout', 'Fit view', 'Export JSON', 'Export PNG', 'Export SVG'];

const zoomOf = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? 0));

const inside = (a: Box, outer: Box) => a.x >= outer.x - 0.5 && a.y >= outer.y - 0.5 && a.x + a.w <= outer.x + outer.w + 0.5 && a.y + a.h <= outer.y + outer.h + 0.5;

async function nodeBoxes(page: Page): Promise<Box[]> {
  return boxesOf(page.locator('.react-flow__node'));
}

/** The view settles (fit view animates) before boxes are compared. */
async function settled(page: Page) {
  let last = '';
  await expect
    .poll(async () => {
      const now = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
      const same = now === last;
      last = now;
      return same;
    }, { intervals: [150, 150, 150, 300] })
    .toBe(true);
}

for (const size of WIDTHS) {
  test.describe(`editor at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the templates dialog is a readable grid of cards inside the dialog', async ({ page }) => {
      const ed = new Editor(page);
      await ed.open();
      await expect(page.getByRole('status', { name: 'Model summary' })).toContainText('0 FLOPs/sample');
      // The same dialog opens from the toolbar and from the empty canvas.
      if (size.width > 1200) await page.getByRole('toolbar', { name: 'Model tools' }).getByRole('button', { name: 'Templates' }).click();
      else await page.getByRole('button', { name: 'Start from a template' }).click();
      const dialog = page.getByRole('dialog', { name: 'Templates' });
      const cards = dialog.getByRole('button', { name: /^Load template / });
      await expect(cards.first()).toBeVisible();
      expect(await cards.count()).toBeGreaterThanOrEqual(8);
      const clipped = await cards.evaluateAll((els) =>
        els.filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1).map((e) => e.getAttribute('aria-label')),
      );
      expect(clipped).toEqual([]);
      // Each card shows a small picture of its graph and its input kind, layers and params.
      await expect(cards.first().locator('svg.template-preview')).toBeVisible();
      await expect(cards.first()).toContainText(/\d+ layers/);
      await expect(cards.first()).toContainText(/params/);
      expect(overlaps(await boxesOf(cards))).toEqual([]);
      const box = (await dialog.boundingBox())!;
      expect(inside({ x: box.x, y: box.y, w: box.width, h: box.height }, { x: 0, y: 0, w: size.width, h: size.height })).toBe(true);
      for (const card of await cards.all()) {
        await card.scrollIntoViewIfNeeded();
        const c = (await card.boundingBox())!;
        expect(inside({ x: c.x, y: c.y, w: c.width, h: c.height }, { x: box.x, y: box.y, w: box.width, h: box.height })).toBe(true);
      }
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(ARTIFACTS, `editor-templates-${size.width}-${scheme}.png`) });
      }
    });

    test('the toolbar clips nothing and keeps what does not fit in a keyboard menu', async ({ page }) => {
      const ed = new Editor(page);
      await ed.open();
      await ed.loadTemplate('MNIST CNN');
      const bar = page.getByRole('toolbar', { name: 'Model tools' });
      expect(await bar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const barBox = (await bar.boundingBox())!;
      const frame = { x: barBox.x, y: barBox.y, w: barBox.width, h: barBox.height };
      for (const b of await boxesOf(bar.locator(':scope > :visible'))) expect(inside(b, frame)).toBe(true);
      const more = bar.getByRole('button', { name: /More/ });
      if (size.width < 1200) await expect(more).toBeVisible();
      const names = await toolbarNames(page);
      expect([...names].sort()).toEqual([...ALL_TOOLS].sort());
      if (!(await more.isVisible())) return;
      // Keyboard: Enter opens and focuses the first item, arrows move, Escape closes back onto More.
      await more.focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu');
      await expect(menu).toBeVisible();
      await expect(menu.getByRole('menuitem').first()).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
      await page.screenshot({ path: join(ARTIFACTS, `editor-toolbar-more-${size.width}.png`) });
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(more).toBeFocused();
      await ed.toolbarAction('Export PNG');
    });

    test('a template loads as one readable column with the minimap clear of the nodes', async ({ page }) => {
      const ed = new Editor(page);
      await ed.open();
      await ed.loadTemplate('MNIST CNN');
      await settled(page);
      const boxes = await nodeBoxes(page);
      expect(boxes).toHaveLength(6);
      await expect(page.getByRole('status', { name: 'Model summary' })).toContainText('1.8 MFLOPs/sample');
      const centres = boxes.map((b) => b.x + b.w / 2);
      expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(4);
      expect(overlaps(boxes)).toEqual([]);
      expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.75);
      // Shape labels sit between the nodes, not under them or their handles.
      const labels = await boxesOf(page.locator('.edge-shape-label'));
      expect(labels.length).toBe(5);
      for (const l of labels) expect(boxes.filter((b) => overlaps([l, { ...b, y: b.y - 6, h: b.h + 12 }]).length > 0)).toEqual([]);
      await ed.toolbarAction('Fit view');
      await settled(page);
      expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.75);
      await minimapClear(page);
      const toggle = page.getByRole('button', { name: /minimap/i });
      await toggle.click();
      await settled(page);
      await minimapClear(page);
      await ed.toolbarAction('Fit view');
      await settled(page);
      await minimapClear(page);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(ARTIFACTS, `editor-canvas-${size.width}-${scheme}.png`) });
      }
    });
  });
}

async function minimapClear(page: Page) {
  const map = page.locator('.react-flow__minimap');
  if (!(await map.isVisible())) return;
  const [m] = await boxesOf(map);
  const hits = (await nodeBoxes(page)).filter((b) => overlaps([m!, b]).length > 0);
  expect(hits).toEqual([]);
}

test.describe('layout of branches and errors', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('one problem keeps the last counts that compiled, marked, instead of "0 params"', async ({ page }) => {
    const ed = new Editor(page);
    await ed.open();
    await ed.loadTemplate('MNIST CNN');
    await expect(ed.totalParams).toHaveText('693,962 params');
    await ed.select('input');
    await ed.setField('Shape', '28, 28');
    await expect(page.getByTestId('compile-status')).toHaveText(/✗ \d+ problem/);
    await expect(ed.totalParams).toHaveText('693,962 params (last valid)');
    await ed.setField('Shape', '28, 28, 1');
    await expect(page.getByTestId('compile-status')).toHaveText('✓ compiles');
    await expect(ed.totalParams).toHaveText('693,962 params');
  });

  test('a residual block: branches side by side, no edge crosses a node', async ({ page }) => {
    const ed = new Editor(page);
    await ed.open();
    await ed.loadTemplate('ResNet-style residual block');
    await settled(page);
    const boxes = await nodeBoxes(page);
    expect(overlaps(boxes)).toEqual([]);
    expect(await crossings(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-canvas-residual-1440.png') });
  });

  test('an imported graph with an error: the red node does not overlap its neighbours', async ({ page }) => {
    const ed = new Editor(page);
    await ed.open();
    await ed.dragLayer('Input', 120, 150);
    await ed.dragLayer('Dense', 380, 150);
    await ed.dragLayer('Conv2D', 640, 150);
    await ed.dragLayer('Dense', 380, 400);
    await ed.select('input');
    await ed.setField('Shape', '16');
    await ed.connect('input', 'dense');
    await ed.connect('dense', 'conv2d');
    await ed.connect('conv2d', 'dense_1');
    await expect(ed.node('conv2d')).toHaveClass(/has-error/);
    const [download] = await Promise.all([page.waitForEvent('download'), ed.toolbarAction('Export JSON')]);
    const file = test.info().outputPath('with-error.json');
    await download.saveAs(file);
    await page.getByTestId('import-input').setInputFiles(file);
    await expect(page.getByTestId('notice')).toContainText('Opened');
    await settled(page);
    await expect(ed.node('conv2d')).toHaveClass(/has-error/);
    expect(overlaps(await nodeBoxes(page))).toEqual([]);
    expect(await crossings(page)).toEqual([]);
    // One problem keeps the counts of the part that is valid, never a bare "0 params".
    await expect(ed.totalParams).not.toHaveText(/^0 params/);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-canvas-error-1440.png') });
  });
});

