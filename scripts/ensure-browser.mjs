#!/usr/bin/env node
// Finds a Chromium that Playwright can drive, installing one if it has to, and records the choice
// in node_modules/.cache/layerloom-browser.json for playwright.config.ts. Order:
//   1. Playwright's own Chromium, if installed;
//   2. $CHROMIUM_PATH, then /usr/bin/chromium (and /usr/bin/chromium-browser);
//   3. as root on Debian/Ubuntu: apt-get install -y chromium (apt-get update first when needed);
//   4. npx playwright install chromium;
//   5. otherwise exit 1 with one sentence saying what to install.
// Each candidate is launched once (headless, about:blank) before it is accepted.
// Set LAYERLOOM_NO_BROWSER_INSTALL=1 to skip steps 3 and 4.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS } from './chromium-flags.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_FILE = join(ROOT, 'node_modules', '.cache', 'layerloom-browser.json');
const LAUNCH_ARGS = CHROMIUM_FLAGS;
const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const log = (message) => console.log(`[ensure-browser] ${message}`);

/** Launches the browser once; `executablePath` undefined means Playwright's own. */
async function launches(executablePath) {
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: 60_000 });
    const page = await browser.newPage();
    await page.goto('about:blank');
    return true;
  } catch (error) {
    const first = String(error?.message ?? error).split('\n')[0];
    log(`${executablePath ?? "Playwright's Chromium"} does not start: ${first}`);
    return false;
  } finally {
    await browser?.close().catch(() => {});
  }
}

function record(source, executablePath) {
  mkdirSync(dirname(CACHE_FILE), { recursive: true });
  writeFileSync(
    CACHE_FILE,
    `${JSON.stringify({ source, executablePath, checkedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  log(`using ${executablePath ?? "Playwright's own Chromium"} (${source})`);
}

async function tryPlaywright(source) {
  if (!existsSync(chromium.executablePath())) return false;
  if (!(await launches(undefined))) return false;
  record(source, null);
  return true;
}

async function trySystem(source) {
  const candidates = [process.env.CHROMIUM_PATH, ...SYSTEM_PATHS].filter(Boolean);
  for (const path of candidates) {
    if (!existsSync(path)) {
      if (path === process.env.CHROMIUM_PATH) log(`CHROMIUM_PATH=${path} does not exist`);
      continue;
    }
    if (await launches(path)) {
      record(source, path);
      return true;
    }
  }
  return false;
}

function isDebianLike() {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

function run(command, args, timeoutMs) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    timeout: timeoutMs,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function aptInstall() {
  let listsEmpty = true;
  try {
    listsEmpty =
      readdirSync('/var/lib/apt/lists').filter((f) => f !== 'lock' && f !== 'partial' && f !== 'auxfiles').length === 0;
  } catch {
    // no lists folder: update first
  }
  const tenMinutes = 10 * 60_000;
  if (listsEmpty && !run('apt-get', ['update'], tenMinutes)) return false;
  if (run('apt-get', ['install', '-y', 'chromium'], tenMinutes)) return true;
  if (listsEmpty) return false;
  // Stale package lists are the usual reason an install fails: refresh once and retry.
  return run('apt-get', ['update'], tenMinutes) && run('apt-get', ['install', '-y', 'chromium'], tenMinutes);
}

async function main() {
  if (await tryPlaywright('playwright')) return;
  if (await trySystem('system')) return;

  if (process.env.LAYERLOOM_NO_BROWSER_INSTALL) {
    log('LAYERLOOM_NO_BROWSER_INSTALL is set: not installing a browser');
  } else {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
    if (isRoot && hasApt && isDebianLike()) {
      log('no Chromium found; installing the distribution package');
      if (aptInstall() && (await trySystem('apt'))) return;
    }
    log('installing Playwright’s Chromium');
    const playwrightCli = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
    if (
      run(process.execPath, [playwrightCli, 'install', 'chromium'], 15 * 60_000) &&
      (await tryPlaywright('playwright-install'))
    )
      return;
  }

  console.error(
    'No usable Chromium found: install one with `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  process.exit(1);
}

await main();
