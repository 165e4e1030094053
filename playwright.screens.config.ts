import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screens` (scripts/screens.mjs): the screenshot run, apart from `npm test`. The same
 * browser, server and build as the e2e config; one worker, since the run is one long walk.
 */
export default defineConfig({
  ...base,
  testDir: 'e2e/screens',
  testIgnore: [],
  outputDir: 'test-results/screens',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
