import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS } from './scripts/chromium-flags.mjs';

const ROOT = import.meta.dirname;
const CI = Boolean(process.env.CI);
/** e2e runs its own `vite preview` here; `npm start` keeps vite's default 4173 free. */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The build to serve; parallel local runs point E2E_DIST at their own `vite build --outDir`. */
const DIST = process.env.E2E_DIST ?? 'dist';

/**
 * The Chromium to drive: undefined means Playwright's own. scripts/ensure-browser.mjs (run by
 * `npm run test:e2e`) checks and records its choice; without that record, look again here.
 */
function browserExecutable(): string | undefined {
  try {
    const cached = JSON.parse(readFileSync(join(ROOT, 'node_modules/.cache/layerloom-browser.json'), 'utf8')) as {
      executablePath: string | null;
    };
    if (cached.executablePath === null && existsSync(chromium.executablePath())) return undefined;
    if (cached.executablePath && existsSync(cached.executablePath)) return cached.executablePath;
  } catch {
    // no record yet
  }
  if (existsSync(chromium.executablePath())) return undefined;
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
}

if (!existsSync(resolve(ROOT, DIST, 'index.html'))) {
  throw new Error(`${DIST}/ is missing: run \`npm run build\` first (\`npm run test:e2e\` builds before it tests).`);
}

export default defineConfig({
  testDir: 'e2e',
  // The screenshot run is `npm run screens` (playwright.screens.config.ts), not part of `npm test`.
  testIgnore: ['screens/**'],
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: Math.max(1, Math.min(2, availableParallelism())),
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: browserExecutable(),
      args: [...CHROMIUM_FLAGS],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: BASE_URL,
    // Never test against a server someone else started: it may serve another build.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
