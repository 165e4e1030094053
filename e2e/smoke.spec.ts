import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const ARTIFACTS = join(import.meta.dirname, '..', 'e2e-artifacts');

/** Collects console errors, uncaught exceptions and requests to any origin but the app's own. */
function watch(page: Page, appOrigin: string) {
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  const checkUrl = (url: string) => {
    const { protocol, origin } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:') return;
    if (origin !== appOrigin) foreignRequests.push(url);
  };
  page.on('request', (request) => checkUrl(request.url()));
  page.on('websocket', (socket) => checkUrl(socket.url().replace(/^ws/, 'http')));
  return { errors, foreignRequests };
}

test.describe('app shell', () => {
  test.use({ colorScheme: 'light' });

  test('a first visit opens on the start view; the model page loads with the layer palette, quietly and from its own origin only', async ({
    page,
    baseURL,
  }) => {
    const appOrigin = new URL(baseURL!).origin;
    const seen = watch(page, appOrigin);

    await page.goto('/');
    await expect(page).toHaveTitle(/Layerloom/);
    // A first-time user (no project of their own yet) lands on the start view, not an empty canvas.
    await expect(page).toHaveURL(/#\/start$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('neural networks');
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await expect(page.getByRole('link', { name: 'Model' })).toHaveAttribute('aria-current', 'page');
    const dense = page.getByRole('button', { name: 'Dense', exact: true }).first();
    await expect(dense).toBeVisible();
    await page.waitForLoadState('networkidle');

    await page.screenshot({ path: join(ARTIFACTS, 'smoke-model-page.png'), fullPage: true });
    expect(seen.errors, 'console errors').toEqual([]);
    expect(seen.foreignRequests, 'requests to other origins').toEqual([]);
  });

  test('is cross-origin isolated, so wasm threads can start', async ({ page }) => {
    await page.goto('/');
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  });

  test('the theme toggle switches to dark and remembers it', async ({ page }) => {
    await page.goto('/#/model');
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();

    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background()).not.toBe(light);
    await page.screenshot({ path: join(ARTIFACTS, 'smoke-model-page-dark.png') });

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
    expect(await background()).toBe(light);
  });
});
