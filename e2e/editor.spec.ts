import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { Editor } from './support/editor';

const ROOT = join(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'e2e-artifacts');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'tfjs-layers-models');
/** The repo's own tfjs models (scripts/build-model-fixtures.ts), there on every clone. */
const FIXTURES = join(ROOT, 'src', 'model', 'fixtures', 'tfjs-models');

test.describe('graph editor', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('builds the MNIST CNN by hand, edits it, and undoes/redoes exactly', async ({ page }) => {
    const ed = new Editor(page);
    await ed.open();
    const layers = ['Input', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense'];
    for (const [i, type] of layers.entries()) await ed.dragLayer(type, 130 + (i % 3) * 320, 120 + Math.floor(i / 3) * 220);
    const names = ['input', 'conv2d', 'max_pooling2d', 'flatten', 'dense', 'dense_1'];
    for (const n of names) await expect(ed.node(n)).toBeVisible();
    for (let i = 0; i + 1 < names.length; i++) await ed.connect(names[i]!, names[i + 1]!);

    await ed.select('conv2d');
    await ed.setField('Filters', '32');
    await ed.setField('Kernel size', '3');
    await ed.choose('Activation', 'relu');
    await ed.select('dense');
    await ed.setField('Units', '128');
    await ed.choose('Activation', 'relu');
    await ed.select('dense_1');
    await ed.setField('Units', '10');
    await ed.choose('Activation', 'softmax');

    await expect(ed.totalParams).toContainText('693,962');
    await expect(ed.shapeOf('conv2d')).toHaveText('[?, 26, 26, 32]');
    await expect(page.getByTestId('compile-status')).toHaveText('✓ compiles');

    // Kernel 5: shapes and count follow; one undo restores them exactly, redo reapplies.
    await ed.select('conv2d');
    await ed.setField('Kernel size', '5');
    await expect(ed.shapeOf('conv2d')).toHaveText('[?, 24, 24, 32]');
    const changed = 32 * 25 + 32 + 12 * 12 * 32 * 128 + 128 + 1290;
    await expect(ed.totalParams).toContainText(changed.toLocaleString('en-US'));
    await ed.focusCanvas();
    await page.keyboard.press('Control+z');
    await expect(ed.shapeOf('conv2d')).toHaveText('[?, 26, 26, 32]');
    await expect(ed.totalParams).toContainText('693,962');
    await page.keyboard.press('Control+Shift+z');
    await expect(ed.shapeOf('conv2d')).toHaveText('[?, 24, 24, 32]');
    await expect(ed.totalParams).toContainText(changed.toLocaleString('en-US'));

    // A loop back from Flatten into Conv2D is refused, with the reason on screen.
    await ed.connect('flatten', 'conv2d');
    await expect(page.getByTestId('notice')).toContainText('would create a cycle');
    await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  });

  test('a Dense feeding a Conv2D turns the node red with the expected rank', async ({ page }) => {
    const ed = new Editor(page);
    await ed.open();
    await ed.dragLayer('Input', 120, 150);
    await ed.dragLayer('Dense', 380, 150);
    await ed.dragLayer('Conv2D', 640, 150);
    await ed.select('input');
    await ed.setField('Shape', '16');
    await ed.connect('input', 'dense');
    await ed.connect('dense', 'conv2d');
    await expect(ed.node('conv2d')).toHaveClass(/has-error/);
    await expect(ed.node('conv2d')).toContainText('needs a 4-D input [batch, height, width, channels] but receives [batch, 64]');
    await expect(page.getByRole('region', { name: 'Problems' })).toContainText("Conv2D 'conv2d' needs a 4-D input");
  });

  test('every template validates and matches `layerloom summary`', async ({ page }) => {
    test.setTimeout(120_000);
    const ed = new Editor(page);
    await ed.open();
    await page.getByRole('toolbar', { name: 'Model tools' }).getByRole('button', { name: 'Templates' }).click();
    const cards = page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: /^Load template / });
    const labels = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.replace('Load template ', '')));
    await page.keyboard.press('Escape');
    expect(labels.length).toBeGreaterThanOrEqual(8);
    for (const title of labels) {
      await ed.loadTemplate(title);
      await expect(page.getByTestId('compile-status')).toHaveText('✓ compiles');
      const shown = Number((await ed.totalParams.innerText()).replace(/[^0-9]/g, ''));
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        ed.toolbarAction('Export JSON'),
      ]);
      const file = join(test.info().outputDir, `${title.replace(/\W+/g, '_')}.json`);
      await download.saveAs(file);
      const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/layerloom.mjs'), 'summary', file, '--json']);
      expect(JSON.parse(stdout).total_params, title).toBe(shown);
    }
  });

  /** Imports a model.json and checks its parameter count and that no two nodes overlap. */
  async function importsCleanly(page: Page, path: string, params: string, minNodes: number) {
    const ed = new Editor(page);
    await ed.open();
    await page.getByTestId('import-input').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: await readFile(path) });
    await expect(page.getByTestId('notice')).toContainText('Opened');
    await expect(ed.totalParams).toContainText(params);
    const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
      els.map((e) => {
        const el = e as HTMLElement;
        const m = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(el.style.transform)!;
        return { x: Number(m[1]), y: Number(m[2]), w: el.offsetWidth, h: el.offsetHeight };
      }),
    );
    expect(boxes.length).toBeGreaterThan(minNodes);
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps.push(`${i}/${j}`);
      }
    expect(overlaps).toEqual([]);
  }

  test('imports a nested functional model.json (the repo’s own fixture) with a clean layout and the expected count', async ({ page }) => {
    await importsCleanly(page, join(FIXTURES, 'nested-functional-base-sequential-head', 'model.json'), '228', 10);
  });

  test('imports a Teachable Machine model.json with a clean layout and the expected count', async ({ page }) => {
    test.skip(!existsSync(CORPUS), 'Skipping: ../shared/corpus is not beside this clone');
    await importsCleanly(page, join(CORPUS, 'teachable-machine-image-mobilenetv2-13class.json'), '539,608', 100);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot with a template (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const ed = new Editor(page);
      await ed.open();
      await ed.loadTemplate('ResNet-style residual block');
      await ed.select('conv2d_1');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(ARTIFACTS, `editor-template-${scheme}.png`) });
      await expect(page.getByTestId('compile-status')).toHaveText('✓ compiles');
    });
  }
});
