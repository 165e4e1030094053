import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { shootSizesAndThemes } from './support/shots';

const GOOD = ['wonderful', 'moving', 'clever', 'charming', 'superb', 'gripping'];
const BAD = ['tedious', 'clumsy', 'dreary', 'shallow', 'awful', 'bland'];

/** 60 short reviews, positive ones with praise and negative ones with complaints. */
function reviewsCsv(): string {
  const lines = ['review,sentiment'];
  for (let i = 0; i < 60; i++) {
    const good = i % 2 === 0;
    const words = good ? GOOD : BAD;
    lines.push(
      `"The film was ${words[i % 6]} and ${words[(i + 1) % 6]}, truly ${words[(i + 3) % 6]} (${i}).",${good ? 'positive' : 'negative'}`,
    );
  }
  return lines.join('\n');
}

/** Loads a template from the Model page's gallery, then sizes it to the data on the Data page. */
async function templateSizedToData(page: Page, title: string) {
  await page.getByRole('link', { name: 'Model' }).click();
  await page.getByRole('button', { name: 'Start from a template' }).click();
  await page
    .getByRole('dialog', { name: 'Templates' })
    .getByRole('button', { name: `Load template ${title}` })
    .click();
  // The template is laid out before it replaces the (empty) graph: size the new graph, not the old one.
  await expect(page.getByTestId('graph-canvas').locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Data' }).click();
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
  // Each fix may reveal the next (the Input first, then the embeddings, then the output layer):
  // the output layer's problem is found after the page re-checks the new graph, so "no fix
  // button" alone may be a moment between two fixes. Done is no fix button and no problem left.
  const binding = page.getByRole('region', { name: 'Dataset and model' });
  const fixes = binding.getByRole('button', {
    name: /^(Match Input to the data|Size embeddings to the data|Fix output layer)$/,
  });
  await expect(async () => {
    if ((await fixes.count()) > 0) await fixes.first().click({ timeout: 2_000 });
    await expect(fixes).toHaveCount(0, { timeout: 2_000 });
    await expect(binding.getByRole('alert')).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
}

/** Serious and critical axe findings on the page as it is now, light then dark (the Evaluate page's text views). */
async function axeFindings(page: Page): Promise<string[]> {
  const findings: string[] = [];
  for (const theme of ['dark', 'light'] as const) {
    const { violations } = await new AxeBuilder({ page }).analyze();
    findings.push(
      ...violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
    );
    await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  }
  return findings;
}

async function trainEpochs(page: Page, epochs: number) {
  await page.getByRole('link', { name: 'Train' }).click();
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('run-status').first()).toHaveText(/completed/, { timeout: 150_000 });
}

test.describe('Evaluate for text models', () => {
  test.describe.configure({ timeout: 300_000 });

  test('a Transformer text classifier: type in try-it, see probabilities, highlighted tokens and attention', async ({
    page,
  }) => {
    await page.goto('/#/data');
    await page
      .getByTestId('data-file-input')
      .setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(reviewsCsv()) });
    await expect(page.getByTestId('dataset-ready')).toContainText('tokens in the vocabulary', { timeout: 60_000 });
    await templateSizedToData(page, 'Transformer text classifier');
    await trainEpochs(page, 2);
    await expect(page.getByTestId('run-test').first()).toContainText('accuracy');

    await page.getByRole('link', { name: 'Evaluate' }).click();
    await expect(page.getByRole('region', { name: 'Test scores' }).or(page.getByLabel('Test scores'))).toBeVisible({
      timeout: 60_000,
    });
    const tryIt = page.getByRole('region', { name: 'Try it' });
    await tryIt.getByLabel('Text').fill('A wonderful and clever film, truly zzz');
    await expect(tryIt.getByRole('figure', { name: 'Predicted probabilities' })).toContainText(/positive|negative/, {
      timeout: 30_000,
    });
    const tokens = tryIt.getByTestId('token-highlights').locator('.eval-token');
    await expect(tokens.first()).toBeVisible();
    expect(await tokens.count()).toBeGreaterThan(5);
    // Every token carries its importance; at least one moved the prediction.
    const values = await tokens.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-importance'))));
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.some((v) => v !== 0)).toBe(true);
    await expect(tokens.first()).toHaveAttribute('title', /probability of (positive|negative) owed to it/);
    // "zzz" is not a word the tokenizer saw: shown as itself, dashed, with the note.
    await expect(tryIt.locator('.eval-token.unknown', { hasText: 'zzz' })).toBeVisible();
    await expect(tryIt.getByText(/not in the vocabulary/)).toBeVisible();
    // Two encoder blocks: two attention layers, each with its heads.
    const attention = tryIt.getByRole('figure', { name: 'Attention maps' });
    await expect(attention.locator('svg.eval-attention-grid')).toBeVisible();
    const layers = await attention.getByLabel('Layer').locator('option').count();
    expect(layers).toBeGreaterThanOrEqual(2);
    await attention.getByRole('button', { name: 'head 2' }).click();
    await expect(attention.getByRole('img', { name: /head 2/ })).toBeVisible();
    expect(await axeFindings(page)).toEqual([]);
    await shootSizesAndThemes(page, 'text-evaluate-classifier');
  });

  test('a tiny character GPT: scores against the baselines, then streamed generation with Stop', async ({ page }) => {
    await page.goto('/#/data');
    const text =
      'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. '.repeat(
        40,
      );
    await page
      .getByTestId('data-file-input')
      .setInputFiles({ name: 'austen.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await expect(page.getByTestId('dataset-ready')).toContainText('next-token', { timeout: 60_000 });
    await templateSizedToData(page, 'Tiny character GPT');
    await trainEpochs(page, 1);
    await expect(page.getByTestId('run-test').first()).toContainText('bits/char');

    await page.getByRole('link', { name: 'Evaluate' }).click();
    await expect(page.getByTestId('lm-bpc')).toHaveText(/^\d+\.\d{3}$/, { timeout: 60_000 });
    await expect(page.getByTestId('lm-row-bigram')).toBeVisible();
    await expect(page.getByTestId('lm-row-unigram')).toBeVisible();

    const panel = page.getByRole('region', { name: 'Generate text' });
    // An empty prompt starts as a text would, and says so.
    await panel.getByLabel('Prompt').fill('');
    await panel.getByLabel('Max characters').fill('40');
    await panel.getByRole('button', { name: 'Generate' }).click();
    await expect(panel.getByText(/prompt is empty/)).toBeVisible({ timeout: 30_000 });
    // A long generation stopped part-way keeps what was written.
    await panel.getByLabel('Prompt').fill('It is a truth ');
    await panel.getByLabel('Max characters').fill('2000');
    await panel.getByRole('button', { name: 'Generate' }).click();
    await expect
      .poll(async () => ((await panel.getByTestId('generated-text').textContent()) ?? '').length, { timeout: 30_000 })
      .toBeGreaterThan(5);
    await panel.getByRole('button', { name: 'Stop' }).click();
    await expect(panel.getByText('Stopped.')).toBeVisible();
    const kept = ((await panel.getByTestId('generated-text').textContent()) ?? '').length;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(2000);

    await panel.getByLabel('Prompt').fill('It is a truth ');
    await panel.getByLabel('Max characters').fill('80');
    await panel.getByRole('button', { name: 'Generate' }).click();
    await expect(panel.getByText(/80 characters\./)).toBeVisible({ timeout: 60_000 });
    await expect(panel.locator('.eval-gen-prompt-text')).toHaveText('It is a truth ');
    expect([...((await panel.getByTestId('generated-text').textContent()) ?? '')]).toHaveLength(80);

    expect(await axeFindings(page)).toEqual([]);
    await shootSizesAndThemes(page, 'text-evaluate-gpt');
  });
});
