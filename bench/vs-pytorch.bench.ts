// Layerloom's training (the app's TrainerSession on wasm with our kernels: Node, a Chromium worker, the built app) vs PyTorch on the CPU, MLP A, CNN B and Transformer T, 1 and 2 threads: samples/s (T: tokens/s), ratios, top kernels.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import {
  browserPath,
  DIST,
  finishThroughApp,
  PORT,
  startPreview,
  startThroughApp,
  WORKLOADS,
  type Name,
} from './training-app-harness';
import {
  BATCH,
  GEMM_SIZE,
  measureOurs,
  ROWS,
  TIMED_EPOCHS,
  type AnyWorkload,
  type KernelTime,
  type OursResult,
} from './vs-pytorch-ours';
import type { TextWorkload } from './text-workloads';

// Env: VS_PYTORCH_THREADS=1,2 (default), VS_PYTORCH_WORKLOADS=A,B,T (default), VS_PYTORCH_APP=0 (skip the
// built app; it uses BENCH_DIST, default dist/, built when missing; A and B only), VS_PYTORCH_DEV_PORT
// (default 4199), VS_PYTORCH_PROFILE=B|T|A (the workload whose step is shown by kernel; default B, else the first).
// T is the text-transformer template (vocab 2000, seqLen 64, dim 32, 2 heads, key_dim 16, ff 64,
// dropout 0.1) on random token windows, 2 classes, batch 32, sparse cross-entropy; its PyTorch twin
// is written with torch.nn in vs-pytorch.py. Its rates are tokens/s (64 per window).
// Our side, three paths, all the app's TrainerSession on tfjs wasm with our kernels:
// - Node: a child process per run (the wasm backend fixes its thread count when it starts). 1 thread
//   only: tfjs-backend-wasm turns threads off in Node (WASM_HAS_MULTITHREAD_SUPPORT, tfjs issue 3830).
// - worker: bench/vs-pytorch-worker.ts in Chromium from the vite dev server (cross-origin isolated,
//   unminified, so the threaded binary starts), a fresh worker per thread count.
// - app: the built app (Train page → its worker), which runs 1 thread (setupWasm's default).
// PyTorch runs in /usr/bin/python3, which has Debian's python3-torch; the python3 first on PATH may
// be another interpreter that cannot import it.

const PYTHON = '/usr/bin/python3';
const SCRIPT = 'bench/vs-pytorch.py';
const DEV_PORT = Number(process.env.VS_PYTORCH_DEV_PORT ?? 4199);

const list = (v: string | undefined, fallback: string) => (v ?? fallback).split(',').map((s) => s.trim());
const threadCounts = list(process.env.VS_PYTORCH_THREADS, '1,2').map(Number);
type Model = Name | 'T';
const names = list(process.env.VS_PYTORCH_WORKLOADS, 'A,B,T') as Model[];
/** T's windows per epoch: 16 batches of 32. */
const T_ROWS = 512;
const T_BATCH = 32;
const T_SEQ_LEN = 64;
const TRANSFORMER: TextWorkload = { template: 'text-transformer', rows: T_ROWS, batch: T_BATCH };
const workloads: Record<string, AnyWorkload> = Object.fromEntries(
  names.map((n) => [n, n === 'T' ? TRANSFORMER : { inputShape: WORKLOADS[n].inputShape, drafts: WORKLOADS[n].drafts }]),
);
const profiled = process.env.VS_PYTORCH_PROFILE ?? (names.includes('B') ? 'B' : (names[0] ?? null));
const appNames = names.filter((n): n is Name => n !== 'T');

type Failed = { error: string };
const failed = (x: unknown): x is Failed => x != null && typeof x === 'object' && 'error' in x;
const firstLines = (text: string, n: number) => text.trim().split('\n').slice(-n).join(' ');

function runNode(threads: number): OursResult | Failed {
  const args = ['--import', 'tsx', 'bench/vs-pytorch.bench.ts', '--child', String(threads)];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout?.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return { error: firstLines(r.stderr || r.stdout || '', 3) };
  return JSON.parse(line) as OursResult;
}

interface TorchResult {
  torch: string;
  threads: number;
  samplesPerSec: Partial<Record<Name, number>>;
  gemmGflops?: number;
}

function runTorch(threads: number): TorchResult | Failed {
  const r = spawnSync(PYTHON, [SCRIPT, String(threads), names.join(',')], { encoding: 'utf8' });
  const line = r.stdout?.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return { error: firstLines(r.stderr || r.stdout || '', 2) };
  return JSON.parse(line) as TorchResult;
}

async function waitFor(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  server.kill();
  throw new Error(`${url} did not answer`);
}

/** bench/vs-pytorch-worker.ts in a fresh module worker of a cross-origin isolated page. */
async function inWorker(browser: Browser, threads: number): Promise<OursResult | Failed> {
  const page = await browser.newPage({ baseURL: `http://localhost:${DEV_PORT}` });
  try {
    await page.goto('/bench/vs-pytorch.html');
    const request = { threads, workloads, profile: threads > 1 ? profiled : null };
    return (await page.evaluate(
      (req) =>
        new Promise((resolve) => {
          const worker = new Worker('/bench/vs-pytorch-worker.ts', { type: 'module' });
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => resolve({ error: e.message || 'worker failed to load' });
          worker.postMessage(req);
        }),
      request,
    )) as OursResult | Failed;
  } finally {
    await page.close();
  }
}

/** The built app in Chromium (1 thread, its worker's own setting): median samples/s by model. */
async function throughApp(browser: Browser): Promise<Partial<Record<Name, number>> | Failed> {
  if (!existsSync(join(DIST, 'index.html'))) {
    spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', DIST], { stdio: 'inherit' });
  }
  const server = await startPreview();
  // The app's CSP forbids eval, which Playwright's string predicates need.
  const page = await browser.newPage({ baseURL: `http://localhost:${PORT}`, bypassCSP: true });
  try {
    const out: Partial<Record<Name, number>> = {};
    for (const name of appNames) {
      // Epoch 1 is the warm-up: finishThroughApp takes the median of the later ones.
      await startThroughApp(page, name, { rows: ROWS, epochs: 1 + TIMED_EPOCHS });
      const r = await finishThroughApp(page);
      if (r.status !== 'completed') return { error: `${name}: run ${r.status}` };
      out[name] = r.samplesPerSec;
    }
    return out;
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0]! };
  } finally {
    await page.close();
    server.kill();
  }
}

type Cell = number | null;
const ratio = (a: Cell, b: Cell) => (a !== null && b ? +(a / b).toFixed(2) : null);
const cell = (v: Cell, w: number, digits = 0) => (v === null ? '—' : v.toFixed(digits)).padStart(w);
/** Samples/s, or tokens/s for T. */
const pick = (
  r: { samplesPerSec: Partial<Record<string, number>> } | Record<string, number> | Failed | null,
  model: Model,
) => {
  if (r === null || failed(r)) return null;
  const rates = 'samplesPerSec' in r ? r.samplesPerSec : r;
  const perSample = (rates as Partial<Record<string, number>>)[model] ?? null;
  return perSample !== null && model === 'T' ? perSample * T_SEQ_LEN : perSample;
};

/** The CPU's widest vector extension, from /proc/cpuinfo's flags (Linux), or null. */
function vectorWidth(): string | null {
  const flags = existsSync('/proc/cpuinfo')
    ? (readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '')
    : '';
  const has = (f: string) => flags.split(' ').includes(f);
  if (has('avx512f')) return 'AVX-512 (16 floats per vector)';
  if (has('avx2')) return 'AVX2 (8 floats per vector)';
  return null;
}

/**
 * Why the ratios stop where they do: one float32 matrix product on 1 thread, ours (XNNPACK on wasm
 * SIMD, 4 floats per vector) against PyTorch's (native vectors). Steps made of such products
 * (convolutions, Dense layers) cannot beat this ratio by faster glue.
 */
function ceilingLine(ours: OursResult | Failed | null, torch: TorchResult | Failed | null): void {
  const a = ours && !failed(ours) ? (ours.gemmGflops ?? null) : null;
  const b = torch && !failed(torch) ? (torch.gemmGflops ?? null) : null;
  if (a === null || b === null) return;
  const cpu = vectorWidth();
  console.log(
    `\nCeiling: one ${GEMM_SIZE}×${GEMM_SIZE} by ${GEMM_SIZE}×${GEMM_SIZE} float32 matrix product, 1 thread: ours ${a.toFixed(1)} GFLOP/s ` +
      `(wasm SIMD, 4 floats per vector), PyTorch ${b.toFixed(1)} GFLOP/s${cpu ? ` (this CPU has ${cpu})` : ''}: ${(a / b).toFixed(2)}×.`,
  );
}

function kernelTable(one: KernelTime[] | undefined, two: KernelTime[] | undefined): void {
  const base = one ?? two;
  if (!base) return;
  const total = (ks: KernelTime[] | undefined) => (ks ? ks.reduce((s, k) => s + k.ms, 0) : null);
  console.log(
    `\n${profiled}, ours: one training step by kernel (tf.profile, mean of 5 steps). ` +
      `1 thread: Node, ${cell(total(one), 0, 1).trim()} ms in kernels; 2 threads: Chromium worker, ${cell(total(two), 0, 1).trim()} ms.`,
  );
  console.log(
    `${'kernel'.padEnd(24)}${'1 thread ms'.padStart(12)}${'share'.padStart(8)}${'calls'.padStart(7)}${'2 threads ms'.padStart(14)}`,
  );
  const t1 = total(one);
  for (const k of base.slice(0, 12)) {
    const a = one?.find((x) => x.kernel === k.kernel)?.ms ?? null;
    const b = two?.find((x) => x.kernel === k.kernel)?.ms ?? null;
    const share = a !== null && t1 ? `${((100 * a) / t1).toFixed(1)}%` : '—';
    console.log(
      `${k.kernel.padEnd(24)}${cell(a, 12, 2)}${share.padStart(8)}${String(k.calls).padStart(7)}${cell(b, 14, 2)}`,
    );
  }
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const result = await measureOurs(Number(process.argv[childAt + 1]), workloads, profiled);
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
    return;
  }
  const haveTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
  if (!haveTorch) console.log('PyTorch not found: apt-get install python3-torch');
  console.log(
    `A, B: batch ${BATCH}, Adam 0.001, categorical cross-entropy, median of ${TIMED_EPOCHS} epochs of ${ROWS} samples after a warm-up epoch.\n` +
      `T: text-transformer, batch ${T_BATCH}, Adam 0.001, sparse cross-entropy, ${T_ROWS} windows of ${T_SEQ_LEN} tokens per epoch, same epochs.\n` +
      `Ours (tfjs wasm, our kernels, the app's TrainerSession): Node ${process.version} (1 thread only); ` +
      `worker = a Chromium Web Worker from the vite dev server; app = the built app (Train page → its worker, 1 thread).`,
  );
  const dev = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(DEV_PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  const browser = await chromium.launch({
    executablePath: browserPath(),
    args: ['--no-sandbox', '--disable-quic', '--no-first-run'],
  });
  const table: Array<Record<string, Cell | string | number>> = [];
  const runs: Record<string, unknown> = {};
  let kernels1: KernelTime[] | undefined;
  let kernels2: KernelTime[] | undefined;
  let ceiling: [OursResult | Failed | null, TorchResult | Failed | null] = [null, null];
  try {
    await waitFor(`http://localhost:${DEV_PORT}/bench/vs-pytorch.html`, dev);
    for (const threads of threadCounts) {
      // The sides take turns per thread count, so load from other processes hits them alike.
      const node = threads === 1 ? runNode(1) : null;
      const worker = await inWorker(browser, threads);
      const app = threads === 1 && process.env.VS_PYTORCH_APP !== '0' ? await throughApp(browser) : null;
      const torch = haveTorch ? runTorch(threads) : null;
      runs[`threads${threads}`] = { node, worker, app, torch };
      for (const [what, r] of [
        ['Node', node],
        ['worker', worker],
        ['app', app],
        ['PyTorch', torch],
      ] as const) {
        if (r === null) continue;
        if (failed(r)) console.log(`${what}, ${threads} thread(s): failed: ${r.error}`);
        else if ('label' in r) console.log(`${what}, asked for ${threads} thread(s): ${r.label}`);
        else if ('torch' in r) console.log(`${what} ${r.torch}, ${r.threads} thread(s), ${PYTHON}`);
      }
      if (threads === 1) ceiling = [node, torch];
      if (node && !failed(node)) kernels1 ??= node.kernels;
      if (threads > 1 && !failed(worker)) kernels2 ??= worker.kernels;
      for (const model of names) {
        const [n, w, a, t] = [pick(node, model), pick(worker, model), pick(app, model), pick(torch, model)];
        table.push({
          model,
          threads,
          node: n,
          worker: w,
          app: a,
          torch: t,
          workerRatio: ratio(w, t),
          appRatio: ratio(a, t),
          nodeRatio: ratio(n, t),
        });
      }
    }
  } finally {
    await browser.close();
    dev.kill();
  }
  console.log(
    `\n${'model'.padEnd(6)}${'threads'.padStart(8)}${'Node'.padStart(8)}${'worker'.padStart(8)}${'app'.padStart(8)}${'PyTorch'.padStart(9)}` +
      `${'worker/PT'.padStart(11)}${'app/PT'.padStart(8)}${'Node/PT'.padStart(9)}   (samples/s; PT = PyTorch)`,
  );
  for (const r of table) {
    const c = (k: string, w: number, d = 0) => cell(r[k] as Cell, w, d);
    console.log(
      `${String(r.model).padEnd(6)}${String(r.threads).padStart(8)}${c('node', 8)}${c('worker', 8)}${c('app', 8)}${c('torch', 9)}` +
        `${c('workerRatio', 11, 2)}${c('appRatio', 8, 2)}${c('nodeRatio', 9, 2)}${r.model === 'T' ? '   tokens/s' : ''}`,
    );
  }
  ceilingLine(...ceiling);
  kernelTable(kernels1, kernels2);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/vs-pytorch.json',
    `${JSON.stringify({ rows: ROWS, batch: BATCH, timedEpochs: TIMED_EPOCHS, table, runs, kernels1, kernels2 }, null, 2)}\n`,
  );
}

await main();
