import { expect, test, type Page } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';

const GOOD = ['wonderful', 'moving', 'clever', 'charming', 'superb', 'gripping'];
const BAD = ['tedious', 'clumsy', 'dreary', 'shallow', 'awful', 'bland'];

/**
 * 48 short reviews, each different (so the column reads as free text), a numeric column the text
 * model leaves out, and a label. The first review holds "Zanzibar" once only, in a test row's
 * company, so the preview shows known tokens.
 */
function reviewsCsv(): string {
  const lines = ['review,stars,sentiment'];
  for (let i = 0; i < 48; i++) {
    const good = i % 2 === 0;
    const words = good ? GOOD : BAD;
    const tail = 'and the acting was '.repeat(i % 6);
    lines.push(
      `"Film number ${i} was ${words[i % 6]}, ${tail}${words[(i + 2) % 6]} overall.",${good ? 4 + (i % 2) : 1 + (i % 2)},${good ? 'positive' : 'negative'}`,
    );
  }
  return lines.join('\n');
}

/** The Text section itself at 1440 and 1024 wide, light and dark: /tmp/text-<name>-<width>-<theme>.png. */
async function shootSection(page: Page, section: Locator, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
    if (await toggle.isVisible()) await toggle.click();
    // Tall enough for the whole section: the page scrolls inside its own box, which clips a taller one.
    for (const [width, height] of [
      [1440, 1300],
      [1024, 1400],
    ] as const) {
      await page.setViewportSize({ width, height });
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: `/tmp/text-${name}-${width}-${theme}.png` });
    }
  }
  const light = page.getByRole('button', { name: 'Switch to light theme' });
  if (await light.isVisible()) await light.click();
}

const inputParams = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __layerloom: { getState(): { graph: { nodes: { type: string; params: Record<string, unknown> }[] } } };
        }
      ).__layerloom
        .getState()
        .graph.nodes.find((n) => n.type === 'Input')?.params,
  );

test.describe('Text data', () => {
  // Parsing, fitting the tokenizer and building the model on a loaded 2-core runner.
  test.describe.configure({ timeout: 120_000 });

  test('a CSV with a text column: token chips, the length histogram, another tokenizer, and the Input bound', async ({
    page,
  }) => {
    await page.goto('/#/data');
    await page
      .getByTestId('data-file-input')
      .setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(reviewsCsv()) });

    // One text column and a categorical label: "Use as text" is on by default.
    await expect(page.getByLabel('Use as text')).toBeChecked();
    const section = page.getByRole('region', { name: 'Text' });
    await expect(section.getByRole('heading', { name: 'Text column review as tokens' })).toBeVisible();
    await expect(section.getByRole('note')).toContainText('stars is left out for now');

    // Word tokens of the first row, lower-cased, punctuation a token of its own.
    const chips = section.getByTestId('token-chip');
    await expect(chips.first()).toContainText('film');
    await expect(chips.nth(4)).toContainText('wonderful');
    await expect(chips.nth(5)).toContainText(',');
    // A sample of each class: the first negative review.
    const pick = section.getByRole('group', { name: 'Show a sample of class' });
    await pick.getByRole('button', { name: 'negative' }).click();
    await expect(chips.nth(4)).toContainText('clumsy');
    await pick.getByRole('button', { name: 'positive' }).click();
    await expect(chips.nth(4)).toContainText('wonderful');
    const histogram = section.getByTestId('length-histogram');
    await expect(histogram).toBeVisible();
    // A vertical line has no width, so Playwright calls it hidden: its label is what shows.
    await expect(histogram.getByTestId('seq-len-line')).toBeAttached();
    await expect(histogram.getByText(/^sequence length \d+$/)).toBeVisible();
    await expect(section.getByTestId('text-truncated')).toContainText('rows truncated');
    await expect(section.getByTestId('text-coverage')).toContainText('%');
    await expect(page.getByTestId('dataset-ready')).toContainText('tokens in the vocabulary');

    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await page.goto('/#/data');
    const seqLen = Number((await section.getByTestId('text-seq-len').locator('strong').textContent())?.split(' ')[0]);
    expect(seqLen).toBeGreaterThan(5);
    expect(await inputParams(page)).toMatchObject({ shape: [seqLen], dtype: 'int32' });

    // Characters, then words again: the chips change with the tokenizer.
    await section.getByLabel('Tokenizer').selectOption('char');
    await expect(chips.first()).toContainText('F');
    await expect(chips.nth(1)).toContainText('i');
    await section.getByLabel('Tokenizer').selectOption('word');
    await expect(chips.first()).toContainText('film');

    // A chosen sequence length rebinds the model's Input (one undoable step), and Train sees it.
    await section.getByRole('spinbutton', { name: 'Sequence length' }).fill('9');
    await section.getByRole('spinbutton', { name: 'Sequence length' }).press('Enter');
    await expect(section.getByTestId('text-seq-len')).toContainText('9 tokens');
    await expect.poll(() => inputParams(page)).toMatchObject({ shape: [9], dtype: 'int32' });
    await shootSection(page, section, 'csv');

    await page.goto('/#/train');
    await expect(page.getByText(/Dataset: .*review.*training samples/)).toBeVisible();
    expect(await inputParams(page)).toMatchObject({ shape: [9], dtype: 'int32' });
  });

  test('one .txt file: a language-modelling set with its contiguous split', async ({ page }) => {
    await page.goto('/#/data');
    const text =
      'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. '.repeat(
        30,
      );
    await page
      .getByTestId('data-file-input')
      .setInputFiles({ name: 'austen.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    const section = page.getByRole('region', { name: 'Text' });
    await expect(section.getByRole('heading', { name: /Language modelling on austen.txt/ })).toBeVisible();
    await expect(section.getByLabel('Tokenizer')).toHaveValue('char');
    await expect(section.getByTestId('corpus-split')).toContainText(
      Math.round(text.length * 0.9).toLocaleString('en-US'),
    );
    await expect(section.getByTestId('token-chip')).toHaveCount(64);
    await expect(page.getByTestId('dataset-ready')).toContainText('next-token');
    await shootSection(page, section, 'corpus');

    // A chosen sequence length is saved with the project; reopening reads the stored file again with it.
    await section.getByRole('spinbutton', { name: 'Sequence length' }).fill('32');
    await section.getByRole('spinbutton', { name: 'Sequence length' }).press('Enter');
    await expect(section.getByTestId('text-seq-len')).toContainText('32 tokens');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible({ timeout: 20_000 });
    await page.reload();
    await expect(section.getByRole('heading', { name: /Language modelling on austen.txt/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(section.getByTestId('text-seq-len')).toContainText('32 tokens');
    await expect(section.getByTestId('token-chip')).toHaveCount(32);
  });

  test('bad input says what is wrong; a table saved as .txt is read as a table', async ({ page }) => {
    await page.goto('/#/data');
    const input = page.getByTestId('data-file-input');
    // "café" in Latin-1: not UTF-8.
    await input.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    await expect(page.getByRole('alert')).toContainText("'notes.txt' is not UTF-8 text");
    await input.setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await expect(page.getByRole('alert')).toContainText("'empty.txt' is empty");
    const mixed = zipSync({
      'pos/a.txt': strToU8('a fine film'),
      'neg/b.txt': strToU8('a dull film'),
      'cats/c.png': new Uint8Array([0x89, 0x50]),
    });
    await input.setInputFiles({ name: 'mixed.zip', mimeType: 'application/zip', buffer: Buffer.from(mixed) });
    await expect(page.getByRole('alert')).toContainText('both text files (2 .txt) and images (1)');
    await input.setInputFiles({
      name: 'table.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('a\tb\tlabel\n1\t2\tx\n3\t4\ty\n5\t6\tx\n'),
    });
    await expect(page.getByRole('table', { name: 'Data preview' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Text' })).toHaveCount(0);
  });
});
