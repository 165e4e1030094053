import { expect, test } from '@playwright/test';
import { Editor } from './support/editor';

test.describe('blocks', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('selects two layers, makes them one block, reuses it linked, and undoes back to the layers', async ({
    page,
  }) => {
    const ed = new Editor(page);
    await ed.open();
    await ed.dragLayer('Input', 300, 80);
    await ed.dragLayer('Dense', 300, 250);
    await ed.dragLayer('Dense', 300, 420);
    for (const n of ['input', 'dense', 'dense_1']) await expect(ed.node(n)).toBeVisible();
    await ed.connect('input', 'dense');
    await ed.connect('dense', 'dense_1');
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);

    // Click one layer, Ctrl+click the other: both selected.
    await ed.node('dense').locator('.layer-node-head').click();
    await ed
      .node('dense_1')
      .locator('.layer-node-head')
      .click({ modifiers: ['Control'] });
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('2 layers selected');
    await page.keyboard.press('Control+g');

    const block = ed.node('block');
    await expect(block).toBeVisible();
    await expect(ed.node('dense')).toHaveCount(0);
    await expect(ed.node('dense_1')).toHaveCount(0);
    await expect(page.locator('.react-flow__node')).toHaveCount(2);
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await expect(block).toContainText('2 layers');

    // A linked second instance: both faces say so.
    await page.getByRole('toolbar', { name: 'Block tools' }).getByRole('button', { name: 'Reuse linked' }).click();
    await expect(page.getByTestId('block-linked')).toHaveCount(2);
    await expect(page.getByTestId('block-linked').first()).toHaveText('×2 linked');
    await ed.select('block');
    await page.screenshot({ path: '/tmp/blocks.png' });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.screenshot({ path: '/tmp/blocks-dark.png' });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();

    await ed.focusCanvas();
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('block-linked')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(ed.node('dense')).toBeVisible();
    await expect(ed.node('dense_1')).toBeVisible();
    await expect(ed.node('block')).toHaveCount(0);
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  });

  test('inserts a ready Transformer encoder after a sequence input, sized from it', async ({ page }) => {
    const ed = new Editor(page);
    await ed.open();
    await ed.dragLayer('Input', 300, 80);
    await ed.select('input');
    await ed.setField('Shape', '10, 32');
    const ready = page.getByRole('region', { name: 'Ready blocks' });
    await ready.getByRole('button', { name: 'Transformer encoder' }).click();
    await expect(ed.node('encoder')).toBeVisible();
    await expect(ed.shapeOf('encoder')).toHaveText('[?, 10, 32]');
    await expect(page.getByTestId('compile-status')).toHaveText('✓ compiles');
    await page.screenshot({ path: '/tmp/blocks-encoder.png' });
  });
});
