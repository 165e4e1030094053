import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { addLearningRateSearch, evaluatedAccuracy, irisWithStarterModel, trainOn } from './support/flows';
import { nodeNames, openProjectName, projectState, ProjectsPage, stageNames } from './support/projects';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');
const LEARNING_RATES = [0.001, 0.01, 0.1];

/** A Notes stage with some text, so the pipeline differs from the default one. */
async function addNote(page: Page, text: string) {
  await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
  await page.getByRole('button', { name: 'Add Notes stage' }).click();
  const note = page.getByRole('region', { name: 'Notes settings' }).getByLabel('Note');
  await note.fill(text);
  await note.blur();
}

test.describe('projects', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a hyperparameter search over 3 learning rates runs 3 trials and compares the 3 runs', async ({ page }) => {
    await irisWithStarterModel(page, 5);
    const editor = await addLearningRateSearch(page, LEARNING_RATES);

    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(page.getByRole('button', { name: 'Running…' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeVisible({ timeout: 100_000 });

    // The stage's trial table: one row per learning rate, each scored, one kept.
    const trials = editor.getByRole('table', { name: 'Search trials' }).locator('tbody tr');
    await expect(trials).toHaveCount(3);
    for (const [i, lr] of LEARNING_RATES.entries()) {
      await expect(trials.nth(i)).toContainText(`lr ${lr}`);
      await expect(trials.nth(i)).toContainText(/accuracy \d/);
      await expect(trials.nth(i)).not.toContainText('failed');
    }
    await expect(trials.filter({ hasText: '★ kept' })).toHaveCount(1);
    const search = page.locator('.react-flow__node').filter({ has: page.locator('.stage-node.kind-hpsearch') });
    await expect(search).toHaveAttribute('aria-label', /Hyperparameter search stage, done: best of 3: lr /);
    await page.screenshot({ path: join(ARTIFACTS, 'projects-hpsearch-trials.png'), fullPage: true });

    // Each trial is a real run that trained with its own learning rate.
    const rates = await page.evaluate(() => {
      const hook = (
        window as unknown as {
          __layerloom: { getState(): { runs: { config: { optimizer: { learningRate: number } } }[] } };
        }
      ).__layerloom;
      return hook.getState().runs.map((r) => r.config.optimizer.learningRate);
    });
    expect(rates).toEqual(LEARNING_RATES);

    // The runs list holds the 3 runs; ticking them overlays 3 curves on each comparison chart.
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    const runs = page.getByRole('region', { name: 'Runs' });
    await expect(runs.getByTestId('run-status')).toHaveText(['completed', 'completed', 'completed']);
    const boxes = runs.getByRole('checkbox', { name: /^Compare / });
    await expect(boxes).toHaveCount(3);
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    for (const title of ['Compared runs: loss per epoch', 'Compared runs: metric per epoch']) {
      const chart = page.getByRole('figure', { name: title });
      await expect(chart.locator('.line-chart-legend li')).toHaveCount(3);
      await expect(chart.locator('path.line-chart-line')).toHaveCount(3);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'projects-hpsearch-compare.png'), fullPage: true });
  });

  test('export, delete and import bring back graph, pipeline, runs and weights with the same test accuracy', async ({
    page,
  }, testInfo) => {
    await trainOn(page, 'Iris flowers', 10);
    await addNote(page, 'Export round trip: keep this note.');
    const accuracy = await evaluatedAccuracy(page);
    expect(accuracy).toBeGreaterThan(0.3);

    const projects = new ProjectsPage(page);
    await projects.open();
    const name = 'Iris round trip e2e';
    await projects.rename(await openProjectName(page), name);
    await expect(projects.card(name)).toHaveAttribute('aria-current', 'true');
    const before = await projectState(page);
    expect(before.name).toBe(name);
    expect((before.runs as unknown[]).length).toBe(1);
    expect((before.weights as { runs: [string, unknown[]][] }).runs[0]![1].length).toBeGreaterThan(0);
    expect(stageNames(before)).toContain('Notes');

    const file = testInfo.outputPath('round-trip.layerloom');
    expect(await projects.exportTo(name, file)).toBe('Iris_round_trip_e2e.layerloom');
    await projects.remove(name);
    // Deleting the open project opens another one: nothing of the old one stays on screen.
    await expect.poll(() => openProjectName(page)).not.toBe(name);
    expect((await projectState(page)).runs).toEqual([]);

    await projects.importFile(file);
    await expect(page.getByTestId('project-notice')).toContainText(`Imported “${name}”.`);
    await expect(projects.card(name)).toHaveAttribute('aria-current', 'true');
    await expect(projects.card(name)).toContainText('1 · trained');
    expect(await projectState(page)).toEqual(before);

    // Evaluate reloads iris for the imported project and scores the imported weights.
    expect(await evaluatedAccuracy(page)).toBe(accuracy);
    await expect(page.getByTestId('eval-source')).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'projects-imported-evaluate.png'), fullPage: true });
  });

  test('a share link opened in a fresh browser shows the same graph and pipeline', async ({ browser }) => {
    const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const receiver = await browser.newContext();
    try {
      const page = await sender.newPage();
      await irisWithStarterModel(page, 5);
      await addLearningRateSearch(page, LEARNING_RATES);
      await addNote(page, 'Shared: graph and pipeline only.');
      const projects = new ProjectsPage(page);
      await projects.open();
      const name = await openProjectName(page);
      const sent = await projectState(page);
      expect(nodeNames(sent).length).toBeGreaterThan(1);
      expect(stageNames(sent)).toEqual(expect.arrayContaining(['Hyperparameter search', 'Notes']));

      // Clipboard access may be refused; the app then shows the link in a prompt instead.
      let prompted: string | null = null;
      page.on('dialog', (d) => {
        prompted = d.defaultValue();
        void d.dismiss();
      });
      await page.getByRole('button', { name: `Copy share link of ${name}`, exact: true }).click();
      let link = '';
      await expect
        .poll(async () => (link = prompted ?? (await page.evaluate(() => navigator.clipboard.readText()))), {
          timeout: 10_000,
        })
        .toContain('#/share/');
      test.info().annotations.push({ type: 'share link via', description: prompted === null ? 'clipboard' : 'prompt' });
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/share\/[A-Za-z0-9_-]+$/);

      const fresh = await receiver.newPage();
      await fresh.goto(link);
      await expect(fresh.getByTestId('project-notice')).toContainText(`Opened the shared model as “${name}”.`, {
        timeout: 30_000,
      });
      await expect(fresh).toHaveURL(/#\/model$/);
      const got = await projectState(fresh);
      expect(got.graph).toEqual(sent.graph);
      expect(got.pipeline).toEqual(sent.pipeline);
      // A link carries no data and no trained weights.
      expect(got.runs).toEqual([]);
      expect(got.weights).toEqual({ runs: [], opened: [] });

      // And the pages show it: every layer on the Model page, every stage on the Pipeline page.
      for (const node of nodeNames(sent)) await expect(fresh.getByTestId(`node-${node}`)).toBeVisible();
      await fresh.getByRole('link', { name: 'Pipeline', exact: true }).click();
      const flowchart = fresh.getByLabel('Pipeline flowchart');
      for (const stage of stageNames(sent)) {
        await expect(flowchart.locator(`.react-flow__node[aria-label^="${stage}, "]`)).toBeVisible();
      }
      await fresh.screenshot({ path: join(ARTIFACTS, 'projects-shared-pipeline.png'), fullPage: true });
    } finally {
      await sender.close();
      await receiver.close();
    }
  });

  test('the runs list names each search trial after its settings', async ({ page }) => {
    await irisWithStarterModel(page, 1);
    await addLearningRateSearch(page, [0.01, 0.1]);
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(page.getByRole('button', { name: 'Running…' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run pipeline' })).toBeVisible({ timeout: 100_000 });
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    const rows = page.getByRole('region', { name: 'Runs' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).locator('td').nth(1)).toContainText('lr 0.01');
    await expect(rows.nth(1).locator('td').nth(1)).toContainText('lr 0.1');
  });
});
