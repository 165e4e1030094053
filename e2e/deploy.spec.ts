import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { evaluatedAccuracy, trainOn } from './support/flows';
import { serveFiles } from './support/static-server';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

/** Graph and weights as the store holds them, through the read-only test hook. */
function modelState(page: Page) {
  return page.evaluate(() => {
    type W = Record<string, { name: string; shape: number[]; values: Float32Array }[]>;
    type S = { graph: { nodes: { id: string; type: string; name: string; params: unknown }[]; edges: { source: string; target: string }[] }; runs: { id: string }[]; runWeights: Record<string, W>; initialWeights: W | null };
    const s = (window as unknown as { __layerloom: { getState(): S } }).__layerloom.getState();
    const byId = new Map(s.graph.nodes.map((n) => [n.id, n.name]));
    // The weights in use: the newest run's, or the ones an imported model came with.
    const lastRun = s.runs.at(-1);
    const inUse = (lastRun && s.runWeights[lastRun.id]) ?? s.initialWeights;
    const weights = Object.entries(inUse ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([layer, list]) => [layer, list.map((w) => [w.name, w.shape, Array.from(w.values)])]);
    return {
      nodes: s.graph.nodes.map((n) => ({ type: n.type, name: n.name, params: n.params })).sort((a, b) => a.name.localeCompare(b.name)),
      edges: s.graph.edges.map((e) => `${byId.get(e.source)}→${byId.get(e.target)}`).sort(),
      weights: JSON.stringify(weights),
    };
  });
}

test.describe('export and import', () => {
  test.describe.configure({ timeout: 240_000 });

  test('iris: the ZIP holds every part, its standalone page predicts, and re-importing it gives the same model and accuracy', async ({ page, browser }) => {
    await trainOn(page, 'Iris flowers', 40);
    const accuracy = await evaluatedAccuracy(page);
    const before = await modelState(page);

    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await page.getByLabel('Model name').fill('iris-e2e');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download ZIP' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('iris-e2e.zip');
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    for (const path of ['README.md', 'tfjs/model.json', 'tfjs/weights.bin', 'tfjs/metadata.json', 'web/index.html', 'web/app.js', 'web/tf.min.js', 'web/model.json', 'keras/model.py', 'keras/load_weights.py', 'keras/predict.py', 'keras/requirements.txt', 'onnx/model.onnx', 'pytorch/model.py', 'pytorch/weights.npz', 'pytorch/train.py']) {
      expect(zip[path], `${path} is in the ZIP`).toBeDefined();
    }
    const metadata = JSON.parse(strFromU8(zip['tfjs/metadata.json']!)) as { classNames: string[]; data?: { split: unknown } };
    expect(metadata.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    // The split the app used, so its test score can be re-checked (the app keeps no test rows).
    expect(metadata.data?.split).toMatchObject({ rule: 'stratified', seed: 42, testRows: null });
    await expect(page.getByRole('region', { name: 'Exported files' })).toContainText('tfjs/model.json');
    await expect(page.getByRole('region', { name: 'Exported files' })).toContainText('onnx/model.onnx');
    await expect(page.getByRole('region', { name: 'Exported files' })).toContainText('pytorch/train.py');
    // Iris is a table with a plain MLP: every format expresses it, so nothing was left out.
    await expect(page.getByRole('region', { name: 'Exported files' }).locator('.problem-warning')).toHaveCount(0);
    await expect(page.getByRole('tabpanel')).toContainText('loadLayersModel');

    // The standalone page, served as plain files, predicts on its own.
    const web = new Map(Object.entries(zip).filter(([p]) => p.startsWith('web/')).map(([p, b]) => [p.slice(4), b]));
    const { server, url } = await serveFiles(web);
    const standalone = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    standalone.on('pageerror', (e) => errors.push(e.message));
    try {
      await standalone.goto(url);
      await expect(standalone.locator('#tabular')).toBeVisible({ timeout: 30_000 });
      await standalone.getByLabel('petal_length').fill('1.4');
      await standalone.getByLabel('petal_width').fill('0.2');
      await standalone.getByRole('button', { name: 'Predict' }).click();
      const top = standalone.locator('#bars li').first();
      await expect(top).toContainText('setosa', { timeout: 30_000 });
      await standalone.screenshot({ path: join(ARTIFACTS, 'deploy-standalone.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      server.close();
    }

    // Import the exported tfjs files: same graph, same weights, same test accuracy.
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.getByTestId('import-input').setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(zip['tfjs/model.json']!) },
      { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(zip['tfjs/weights.bin']!) },
    ]);
    const opened = () => page.evaluate(() => JSON.stringify((window as unknown as { __layerloom: { getState(): { initialWeightsLabel: unknown; notice: unknown } } }).__layerloom.getState().initialWeightsLabel));
    await expect.poll(opened, { timeout: 30_000 }).toBe('"iris-e2e"');
    const after = await modelState(page);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.edges).toEqual(before.edges);
    expect(after.weights).toBe(before.weights);
    expect(await evaluatedAccuracy(page)).toBe(accuracy);
    await expect(page.getByTestId('eval-source')).toContainText('weights as opened');
  });
});
