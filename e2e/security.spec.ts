import { expect, test } from '@playwright/test';

/** Collects CSP violations the page reports, from before any app script runs. */
const WATCH_CSP = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + (e.blockedURI === 'eval' ? ' @' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber : ''));
  });
`;

test.describe('content security policy', () => {
  // It trains a model: more than the 30 s default on a loaded 2-core runner.
  test.describe.configure({ timeout: 150_000 });
  test('is sent as a header and a meta tag, forbids inline script, and the app works under it', async ({ page }) => {
    await page.addInitScript(WATCH_CSP);
    const response = await page.goto('/#/data');
    const header = (await response!.headerValue('content-security-policy')) ?? '';
    const meta = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    for (const policy of [header, meta]) {
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toMatch(/'unsafe-eval'/);
    }
    // The policy is live: an inline script is refused.
    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);

    // A real workflow under the policy: a built-in table, a starter model, a short training run (wasm in a worker).
    await page.getByRole('button', { name: 'Use dataset Iris flowers' }).click();
    await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Create a starter model' }).click();
    await page.getByRole('link', { name: 'Train' }).click();
    await page.getByLabel('Epochs', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('run-status').first()).toHaveText('completed', { timeout: 120_000 });
    await page.getByRole('link', { name: 'Evaluate' }).click();
    await expect(page.getByRole('figure', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    // Only the inline-script probe above may have been refused.
    expect(violations.filter((v) => !/^script-src(-elem)? inline$/.test(v))).toEqual([]);
  });
});
