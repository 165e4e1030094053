// Browser side of bench/robustness.bench.ts: serve a build, upload a file the way a user does
// (the Data page's file input, the Model page's Import), wait for the app's answer on screen, and
// measure the time and the peak memory of the Chromium process tree.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS } from '../scripts/chromium-flags.mjs';

export interface Measured {
  outcome: string;
  seconds: number;
  peakMb: number;
  /** Memory just before the input was handed over (the idle app), where measured. */
  beforeMb?: number;
  /** Everything else worth keeping in the JSON (notes, the full message). */
  detail?: string;
}

const FLAGS = [...CHROMIUM_FLAGS];

export function browserPath(): string | undefined {
  try {
    const cached = JSON.parse(readFileSync('node_modules/.cache/layerloom-browser.json', 'utf8')) as {
      executablePath: string | null;
    };
    if (cached.executablePath && existsSync(cached.executablePath)) return cached.executablePath;
  } catch {
    // no record yet
  }
  if (existsSync(chromium.executablePath())) return undefined;
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

/** Newest modification time under `dir` (ms), for telling whether dist/ is older than src/. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** ROBUSTNESS_DIST, else dist/ when it is newer than src/, else a fresh build in a temp folder. */
export function ensureBuild(): string {
  if (process.env.ROBUSTNESS_DIST) return process.env.ROBUSTNESS_DIST;
  if (existsSync('dist/index.html') && statSync('dist/index.html').mtimeMs > newest('src')) return 'dist';
  const out = join(tmpdir(), 'layerloom-dist-robust');
  console.log(`building the app into ${out} (dist/ is missing or older than src/) …`);
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', out, '--emptyOutDir'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('vite build failed');
  return out;
}

export async function startServer(dist: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      '--outDir',
      dist,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`vite preview did not answer on port ${port}`);
}

function readProc(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Peak of the summed VmRSS (shared pages counted once per process) of every process under the
 * Chromium whose command line names `userDataDir`; the tree is re-read every 500 ms, RSS every 50 ms.
 */
export function chromiumMemory(userDataDir: string) {
  let pids: number[] = [];
  let peak = 0;
  let last = 0;
  const findTree = () => {
    const parent = new Map<number, number>();
    const roots: number[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const stat = readProc(`/proc/${name}/stat`);
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
      if (readProc(`/proc/${name}/cmdline`).includes(userDataDir)) roots.push(Number(name));
    }
    const inTree = (pid: number): boolean => {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p))
        if (roots.includes(p)) return true;
      return false;
    };
    pids = [...parent.keys()].filter(inTree);
  };
  const sample = () => {
    let sum = 0;
    for (const pid of pids) sum += Number(/VmRSS:\s+(\d+)/.exec(readProc(`/proc/${pid}/status`))?.[1] ?? 0) * 1024;
    peak = Math.max(peak, sum);
    last = sum;
  };
  findTree();
  const tree = setInterval(findTree, 500);
  const rss = setInterval(sample, 50);
  return {
    /** Starts the peak afresh; returns the memory now, in MB. */
    reset: () => {
      sample();
      peak = 0;
      return last / 2 ** 20;
    },
    peakMb: () => peak / 2 ** 20,
    stop: () => {
      clearInterval(tree);
      clearInterval(rss);
      sample();
      return peak / 2 ** 20;
    },
  };
}

export type Upload = { kind: 'csv' | 'zip' | 'model'; files: string[] };

const visibleText = async (page: Page, selector: string) => {
  const el = page.locator(selector).first();
  return (await el.isVisible().catch(() => false)) ? ((await el.innerText().catch(() => '')) || ' ').trim() : null;
};

/** Polls the page until the app answers: an error, the dataset ready, or the import's notice. */
async function answer(page: Page, upload: Upload, timeoutS: number, stop: () => string | null): Promise<string> {
  const deadline = Date.now() + timeoutS * 1000;
  const accept = upload.kind === 'csv' ? 'Use this data' : 'Use these images';
  let clicked = false;
  while (Date.now() < deadline) {
    const stopped = stop();
    if (stopped) return stopped;
    if (upload.kind === 'model') {
      const notice = await visibleText(page, '[data-testid="notice"]');
      if (notice) return notice.replace(/\s*✕$/, '');
    } else {
      const error = await visibleText(page, '.data-error');
      if (error) return error.split('\n')[0]!;
      const ready = await visibleText(page, '[data-testid="dataset-ready"]');
      if (ready) {
        const notes = await page
          .locator('.data-problems li')
          .allInnerTexts()
          .catch(() => []);
        return `accepted${notes.length ? ` (${notes.length} notes: ${notes.join(' / ')})` : ''}: ${ready}`;
      }
      const button = page.getByRole('button', { name: accept, exact: true });
      if (!clicked && (await button.isVisible().catch(() => false)) && (await button.isEnabled().catch(() => false))) {
        await button.click().catch(() => {});
        clicked = true;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const progress = await visibleText(page, '.data-progress').catch(() => null);
  return `no answer in ${timeoutS} s${progress ? ` (${progress.replace(/\s+Cancel$/, '')})` : ''}`;
}

/** One upload in a fresh browser profile; never throws for what the app does. */
export async function runInBrowser(
  base: string,
  upload: Upload,
  timeoutS: number,
  rssCapMb: number,
): Promise<Measured> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'layerloom-robust-profile-'));
  let context: BrowserContext | undefined;
  const started = Date.now();
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: browserPath(),
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 800 },
    });
    const memory = chromiumMemory(userDataDir);
    const page = context.pages()[0] ?? (await context.newPage());
    let crashed = false;
    page.on('crash', () => void (crashed = true));
    await page.goto(`${base}/#/${upload.kind === 'model' ? 'model' : 'data'}`);
    const input = page.getByTestId(upload.kind === 'model' ? 'import-input' : 'data-file-input');
    await input.waitFor({ state: 'attached', timeout: 60_000 });
    const beforeMb = memory.reset();
    const t0 = Date.now();
    await input.setInputFiles(upload.files);
    const t1 = Date.now();
    const stop = () =>
      crashed
        ? 'renderer crashed'
        : memory.peakMb() > rssCapMb
          ? `stopped at ${rssCapMb} MB after ${((Date.now() - t1) / 1000).toFixed(0)} s`
          : null;
    const outcome = await answer(page, upload, timeoutS, stop);
    const seconds = (Date.now() - t0) / 1000;
    return { outcome, seconds, peakMb: memory.stop(), beforeMb };
  } catch (err) {
    return {
      outcome: `bench error: ${(err as Error).message.split('\n')[0]}`,
      seconds: (Date.now() - started) / 1000,
      peakMb: 0,
    };
  } finally {
    await context?.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
