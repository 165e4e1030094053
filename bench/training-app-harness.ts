// Shared by training-app.bench.ts, training-app-profile.ts and vs-pytorch.bench.ts: the workloads, the preview server and the in-page probes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { buildGraph, type LayerDraft } from '../src/model/build';

export const BATCH = 64;

/**
 * Where the built app is, and the port to serve it on. Overridable so that a helper can bench a
 * build of its own working tree (`vite build --outDir /tmp/x-dist`) without touching dist/.
 */
export const DIST = process.env.BENCH_DIST ?? 'dist';
export const PORT = Number(process.env.BENCH_PORT ?? 4192);

interface Workload {
  rows: number;
  epochs: number;
  inputShape: number[];
  drafts: LayerDraft[];
}

/** Workloads A and B of ../shared/perf-baseline.md. */
export const WORKLOADS: Record<'A' | 'B', Workload> = {
  A: {
    rows: 8192,
    epochs: 4,
    inputShape: [64],
    drafts: [
      { type: 'Input', params: { shape: [64] } },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      { type: 'Dense', params: { units: 64, activation: 'relu' } },
      { type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
  },
  B: {
    rows: 1024,
    epochs: 3,
    inputShape: [28, 28, 1],
    drafts: [
      { type: 'Input', params: { shape: [28, 28, 1] } },
      { type: 'Conv2D', params: { filters: 32, kernel_size: [3, 3], activation: 'relu' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Conv2D', params: { filters: 64, kernel_size: [3, 3], activation: 'relu' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      { type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
  },
};

export type Name = keyof typeof WORKLOADS;

/** BENCH_WORKLOADS=A,B (default: all). */
export function selectedWorkloads(): Name[] {
  const all = Object.keys(WORKLOADS) as Name[];
  const wanted = process.env.BENCH_WORKLOADS?.split(',').map((w) => w.trim());
  return wanted ? all.filter((n) => wanted.includes(n)) : all;
}

export function browserPath(): string | undefined {
  try {
    const cached = JSON.parse(readFileSync('node_modules/.cache/layerloom-browser.json', 'utf8')) as { executablePath: string | null };
    if (cached.executablePath && existsSync(cached.executablePath)) return cached.executablePath;
  } catch {
    // no record yet
  }
  if (existsSync(chromium.executablePath())) return undefined;
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
export const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? Number.NaN;

/** `vite preview` of DIST on PORT; resolves once it answers. */
export async function startPreview(): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--outDir', DIST, '--port', String(PORT), '--strictPort'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${PORT}/`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  server.kill();
  throw new Error(`vite preview of ${DIST} did not answer on port ${PORT}`);
}

/** Synthetic data, the same in both paths (a seeded LCG inside the page). */
export const MAKE_DATA = `(rows, size) => {
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
  const x = new Float32Array(rows * size); for (let i = 0; i < x.length; i++) x[i] = rand() * 2 - 1;
  const y = new Float32Array(rows); for (let i = 0; i < rows; i++) y[i] = Math.floor(rand() * 10);
  return { x, y };
}`;

export interface AppResult {
  status: string;
  backend: string;
  samplesPerSec: number;
  timerLateP99Ms: number;
  timerLateP50Ms: number;
  longTasks: number;
  steadyTimerLateP99Ms: number;
  steadyLongTasks: number;
  /** Durations (ms) of the long tasks from the first batch on, longest first. */
  steadyLongTaskMs: number[];
}

/**
 * Binds the workload's graph and data through the test hook, installs the probes, then clicks Start.
 * `size` overrides the workload's rows and epochs (vs-pytorch.bench.ts times 2,048-sample epochs).
 */
export async function startThroughApp(
  page: Page,
  name: Name,
  size: Pick<Workload, 'rows' | 'epochs'> = WORKLOADS[name],
): Promise<void> {
  const w = { ...WORKLOADS[name], rows: size.rows, epochs: size.epochs };
  const graph = buildGraph(w.drafts);
  await page.goto(`/#/train`);
  await page.waitForFunction('window.__layerloom != null');
  await page.evaluate(`(() => {
    const make = ${MAKE_DATA};
    const { x, y } = make(${w.rows}, ${w.inputShape.reduce((a, b) => a * b, 1)});
    const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
    const st = window.__layerloom.getState();
    st.resetGraph(${JSON.stringify(graph)});
    st.setDataset({ id: 'bench', name: 'bench ${name}', kind: 'tabular', task: 'multiclass', inputShape: ${JSON.stringify(w.inputShape)},
      classNames: Array.from({ length: 10 }, (_, i) => String(i)), train: { n: ${w.rows}, x, y }, validation: empty, test: empty, transform: null });
    st.setTrainSettings({ epochs: ${w.epochs}, batchSize: ${BATCH}, seed: 1, backend: 'wasm', optimizer: 'adam', learningRate: 0.001 });
    // Main-thread probes: how late a 10 ms timer fires, and long tasks.
    // Steady state: from the first batch on (start-up, backend trials and the first render excluded).
    window.__late = []; window.__steady = []; window.__long = 0; window.__steadyLong = [];
    let last = performance.now();
    let marked = false;
    const steady = () => {
      const on = (window.__layerloom.getState().progress?.batch ?? 0) > 0;
      if (on && !marked) { marked = true; performance.mark('bench-steady'); }
      return on;
    };
    window.__timer = setInterval(() => {
      const now = performance.now(); const late = now - last - 10; last = now;
      window.__late.push(late); if (steady()) window.__steady.push(late);
    }, 10);
    // A hash navigation keeps the document, so the previous workload's observer must go first.
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => {
      const entries = list.getEntries(); window.__long += entries.length;
      if (steady()) for (const e of entries) window.__steadyLong.push(e.duration);
    });
    window.__observer.observe({ type: 'longtask' });
  })()`);
  await page.getByRole('button', { name: 'Start' }).click();
}

export async function finishThroughApp(page: Page): Promise<AppResult> {
  await page.waitForFunction(
    `(() => { const r = window.__layerloom.getState().runs.at(-1); return r && r.status !== 'running'; })()`,
    undefined,
    { timeout: 600_000, polling: 250 },
  );
  const out = (await page.evaluate(`(() => {
    performance.mark('bench-end'); clearInterval(window.__timer); window.__observer.disconnect();
    const r = window.__layerloom.getState().runs.at(-1);
    return { status: r.status, backend: r.backendLabel, sps: r.epochs.map((e) => e.samplesPerSec), late: window.__late, long: window.__long, steady: window.__steady, steadyLong: window.__steadyLong };
  })()`)) as { status: string; backend: string; sps: number[]; late: number[]; long: number; steady: number[]; steadyLong: number[] };
  return {
    status: out.status,
    backend: out.backend,
    samplesPerSec: median(out.sps.slice(1)),
    timerLateP99Ms: pct(out.late, 0.99),
    timerLateP50Ms: pct(out.late, 0.5),
    longTasks: out.long,
    steadyTimerLateP99Ms: pct(out.steady, 0.99),
    steadyLongTasks: out.steadyLong.length,
    steadyLongTaskMs: out.steadyLong.sort((a, b) => b - a).map(Math.round),
  };
}

/** Trace categories for countTraceLongTasks: the task timeline and the user-timing marks. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: unknown };
}

/**
 * Main-thread tasks over 50 ms between the bench-steady and bench-end marks, from a Chromium
 * trace. `cpuMs` is the thread's own CPU time: on a shared machine a task can last 100 ms of wall
 * time while the page ran for 5 ms, because the OS gave the core to another process.
 */
export function countTraceLongTasks(trace: Buffer | string): { wallMs: number[]; cpuMs: number[]; kinds: string[] } {
  const events = (JSON.parse(String(trace)) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = (name: string) => events.find((e) => e.name === name && e.ph !== 'e');
  const start = mark('bench-steady');
  const end = mark('bench-end');
  if (!start || !end) return { wallMs: [], cpuMs: [], kinds: [] };
  const onThread = events.filter((e) => e.ph === 'X' && e.pid === start.pid && e.tid === start.tid);
  const long = onThread.filter((e) => e.name === 'RunTask' && e.ts >= start.ts && e.ts <= end.ts && (e.dur ?? 0) > 50_000);
  /** What ran in the task: its longest event other than itself (HandlePostMessage, TimerFire, MajorGC, …). */
  const kind = (task: TraceEvent) =>
    onThread
      .filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur!)
      .reduce<TraceEvent | null>((best, e) => (best && (best.dur ?? 0) >= (e.dur ?? 0) ? best : e), null)?.name ?? '?';
  return {
    wallMs: long.map((e) => Math.round(e.dur! / 1000)),
    cpuMs: long.map((e) => Math.round((e.tdur ?? Number.NaN) / 1000)),
    kinds: long.map(kind),
  };
}
