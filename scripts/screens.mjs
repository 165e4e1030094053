#!/usr/bin/env node
// `npm run screens`: screenshots of every page and dialog (e2e/screens/screens.spec.ts) into
// e2e-artifacts/screens/, with index.html as a contact sheet. Builds the app first unless the
// build is newer than every source file. E2E_DIST and E2E_PORT work as for the e2e tests; extra
// arguments go to `playwright test` (e.g. `npm run screens -- --headed`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = process.env.E2E_DIST ?? 'dist';
/** What the build is made from: newer than the build means the build is stale. */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'csp.config.ts', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ['scripts/ensure-browser.mjs']);

const built = join(ROOT, DIST, 'index.html');
const sourceTime = Math.max(...SOURCES.map((p) => newest(join(ROOT, p))));
if (existsSync(built) && statSync(built).mtimeMs > sourceTime)
  console.log(`screens: ${DIST}/ is up to date, not rebuilding`);
else run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', DIST, '--emptyOutDir']);

run(process.execPath, [
  'node_modules/@playwright/test/cli.js',
  'test',
  '-c',
  'playwright.screens.config.ts',
  ...process.argv.slice(2),
]);
console.log(`screens: open ${join(ROOT, 'e2e-artifacts', 'screens', 'index.html')}`);
