import { readFile } from 'node:fs/promises';
import { expect, test, type BrowserContext, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { makeImageZip } from './fixtures/make-image-zip.mjs';
import { serveFiles, webFolder } from './fixtures/serve-files.mjs';
import { evaluatedAccuracy, trainOn } from './support/flows';

/**
 * Data stays local: a whole session asks nothing of any origin but the app's own, and the exported
 * standalone page runs under its own strict CSP. Playwright reports dedicated workers' requests
 * (the training worker, its wasm) on their page, so listening on the context sees them all.
 */
interface Traffic {
  /** Every URL asked for, in order (http(s), ws(s) and anything else but data: and blob:). */
  readonly urls: string[];
  readonly workers: string[];
}

function record(context: BrowserContext, page: Page): Traffic {
  const traffic: Traffic = { urls: [], workers: [] };
  const seen = new Set<unknown>();
  const add = (key: unknown, url: string) => {
    if (seen.has(key)) return; // context and page report the same request
    seen.add(key);
    if (!/^(data|blob):/.test(url)) traffic.urls.push(url);
  };
  context.on('request', (r) => add(r, r.url()));
  page.on('request', (r) => add(r, r.url()));
  page.on('websocket', (ws) => add(ws, ws.url()));
  context.on('serviceworker', (sw) => add(sw, sw.url()));
  page.on('worker', (w) => traffic.workers.push(w.url()));
  return traffic;
}

/** URLs whose origin is not `origin` (a WebSocket to the same host and port counts as foreign too). */
const foreign = (urls: readonly string[], origin: string) => urls.filter((u) => new URL(u).origin !== origin);

/** Collects CSP violations from before any page script runs. */
const WATCH_CSP = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

async function unzipDownload(download: Download): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(await readFile((await download.path())!)));
}

async function downloadDeployZip(page: Page, name: string) {
  await page.getByRole('link', { name: 'Deploy', exact: true }).click();
  await page.getByLabel('Model name').fill(name);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download ZIP' }).click();
  return unzipDownload(await downloading);
}

/** Three well-separated classes of boxes: a table the starter model learns in a few epochs. */
const BOXES_CSV = [
  'length,width,kind',
  ...Array.from({ length: 90 }, (_, i) => {
    const k = i % 3;
    return `${(2 * k + (i % 7) / 10).toFixed(2)},${(k + (i % 5) / 10).toFixed(2)},${['small', 'medium', 'large'][k]}`;
  }),
].join('\n');

test.describe('data stays local', () => {
  test.describe.configure({ timeout: 150_000 });

  test('a whole session (CSV, ZIP, train, evaluate, export, import) asks only its own origin', async ({
    page,
    context,
    baseURL,
  }) => {
    const origin = new URL(baseURL!).origin;
    const traffic = record(context, page);
    // A request the CSP stops never reaches the network, so it is caught as a violation instead.
    await page.addInitScript(WATCH_CSP);

    await page.goto('/#/data');
    const input = page.getByTestId('data-file-input');
    await input.setInputFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: Buffer.from(makeImageZip()) });
    await page.getByRole('button', { name: 'Use these images' }).click();
    await expect(page.getByTestId('dataset-ready')).toContainText('input [16, 16, 3]', { timeout: 60_000 });

    await input.setInputFiles({ name: 'boxes.csv', mimeType: 'text/csv', buffer: Buffer.from(BOXES_CSV) });
    await expect(page.getByRole('table', { name: 'Data preview' })).toBeVisible();
    await page.getByLabel('Label column').selectOption('kind');
    await page.getByRole('button', { name: 'Use this data' }).click();
    await expect(page.getByTestId('dataset-ready')).toContainText('Dataset ready: boxes · multiclass', {
      timeout: 60_000,
    });
    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await page.getByRole('link', { name: 'Train', exact: true }).click();
    await page.getByLabel('Epochs', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('run-status').first()).toHaveText('completed', { timeout: 90_000 });
    expect(await evaluatedAccuracy(page)).toBeGreaterThanOrEqual(0);

    // Export the model, then open it again in the editor.
    const zip = await downloadDeployZip(page, 'boxes-model');
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.getByTestId('import-input').setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(zip['tfjs/model.json']!) },
      { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(zip['tfjs/weights.bin']!) },
    ]);
    await expect(page.getByTestId('notice')).toContainText('Opened “boxes-model”');

    // Export the project as a .layerloom file, then import it as a second project.
    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    const cards = page.getByTestId('project-card');
    await expect(cards).toHaveCount(1);
    const exporting = page.waitForEvent('download');
    await cards
      .first()
      .getByRole('button', { name: /^Export / })
      .click();
    const bundle = await exporting;
    await page.getByLabel('Import…').setInputFiles({
      name: bundle.suggestedFilename(),
      mimeType: 'application/zip',
      buffer: await readFile((await bundle.path())!),
    });
    await expect(page.getByTestId('project-notice')).toContainText('Imported', { timeout: 30_000 });
    await expect(cards).toHaveCount(2);

    await page.waitForLoadState('networkidle');
    expect(foreign(traffic.urls, origin), 'requests to other origins').toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
      'CSP violations',
    ).toEqual([]);
    // The recording is live: it saw the app's own files, the workers' scripts and the wasm they load.
    expect(traffic.workers.length, 'workers started').toBeGreaterThan(0);
    for (const w of traffic.workers) expect(/^blob:/.test(w) || new URL(w).origin === origin, `worker ${w}`).toBe(true);
    expect(
      traffic.urls.filter((u) => /\.worker-[\w-]+\.js$/.test(u)).length,
      'worker scripts requested',
    ).toBeGreaterThan(0);
    expect(traffic.urls.filter((u) => u.endsWith('.wasm')).length, 'wasm files requested').toBeGreaterThan(0);
    // Fonts and icons come from here too: every stylesheet rule that loads something points at this origin.
    const externalInCss = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet) =>
        [...sheet.cssRules].map((r) => r.cssText).filter((t) => /url\(\s*["']?(https?:)?\/\//.test(t)),
      ),
    );
    expect(externalInCss, 'stylesheet rules loading from other sites').toEqual([]);
  });

  test('the exported standalone page carries a strict CSP, predicts, and asks only its own origin', async ({
    page,
    browser,
  }) => {
    await trainOn(page, 'Iris flowers', 5);
    const zip = await downloadDeployZip(page, 'iris-csp');
    const html = strFromU8(zip['web/index.html']!);
    const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? '';
    expect(csp, 'the standalone page has a CSP meta tag').not.toBe('');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'self'( 'wasm-unsafe-eval')?(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(html, 'no inline script').not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);

    const { server, url } = await serveFiles(webFolder(zip));
    const context = await browser.newContext();
    const standalone = await context.newPage();
    const traffic = record(context, standalone);
    const errors: string[] = [];
    standalone.on('pageerror', (e) => errors.push(e.message));
    standalone.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await standalone.addInitScript(WATCH_CSP);
    try {
      await standalone.goto(url);
      // The meta tag is the policy in force: an inline script is refused.
      const inlineRan = await standalone.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(inlineRan).toBe(false);
      await expect(standalone.locator('#tabular')).toBeVisible({ timeout: 30_000 });
      await standalone.getByLabel('petal_length').fill('1.4');
      await standalone.getByLabel('petal_width').fill('0.2');
      await standalone.getByRole('button', { name: 'Predict' }).click();
      await expect(standalone.locator('#bars li').first()).toContainText('setosa', { timeout: 30_000 });
      await standalone.waitForLoadState('networkidle');
      const violations = await standalone.evaluate(
        () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
      );
      // Only the inline-script probe above may have been refused.
      expect(
        violations.filter((v) => !/^script-src(-elem)? inline$/.test(v)),
        'CSP violations',
      ).toEqual([]);
      expect(violations.length, 'the probe was reported').toBe(1);
      expect(errors).toEqual([]);
      expect(foreign(traffic.urls, new URL(url).origin), 'requests to other origins').toEqual([]);
      expect(
        traffic.urls.some((u) => u.endsWith('tf.min.js')),
        'tfjs loaded from the page itself',
      ).toBe(true);
    } finally {
      await context.close();
      server.close();
    }
  });
});
