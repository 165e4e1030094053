// WebGPU vs wasm in Chromium (--enable-unsafe-webgpu): CNN B, the Transformer T (text-transformer) and the larger cifar-cnn, samples/s (T: tokens/s), ratio, adapter.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_FLAGS } from '../scripts/chromium-flags.mjs';
import type { GpuAnswer, GpuRequest, GpuWorkload } from './gpu-worker';
import { browserPath, WORKLOADS } from './training-app-harness';

// Env knobs:
// - GPU_BENCH_BATCHES: timed batches per epoch (default 2); GPU_BENCH_EPOCHS: timed epochs after a
//   warm-up one (default 1; the median is printed). The defaults finish in ~5 min on SwiftShader.
// - GPU_BENCH_WORKLOADS=B,T,C (default all): B = CNN B of vs-pytorch (28×28×1, batch 64),
//   T = the text-transformer template (64-token windows, batch 32), C = the cifar-cnn template (32×32×3, batch 32).
// - GPU_BENCH_BACKENDS=webgpu,wasm (default both); GPU_BENCH_PORT (vite dev server, default 4201).
// - GPU_BENCH_FLAGS: extra Chromium flags, space-separated. On a Linux machine with a real GPU, headless
//   Chromium may need `--enable-features=Vulkan --use-vulkan` (or `--use-angle=vulkan`) for a hardware adapter.
// - CHROMIUM_PATH: a Chromium to use when Playwright's own is not installed (else /usr/bin/chromium).
// Each backend runs in a fresh page and module worker of the vite dev server; wasm runs 1 thread.
// On SwiftShader (no GPU, as in CI) the WebGPU numbers say the code path trains, not how fast a GPU is.

const BATCHES = Number(process.env.GPU_BENCH_BATCHES ?? 2);
const EPOCHS = Number(process.env.GPU_BENCH_EPOCHS ?? 1);
const PORT = Number(process.env.GPU_BENCH_PORT ?? 4201);
const list = (v: string | undefined, fallback: string) =>
  (v ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const BACKENDS = list(process.env.GPU_BENCH_BACKENDS, 'webgpu,wasm') as GpuRequest['backend'][];

const ALL: Record<string, GpuWorkload> = {
  B: { name: 'B (CNN B, 28×28×1)', drafts: WORKLOADS.B.drafts, rows: 64 * BATCHES, batch: 64 },
  T: { name: 'T (text-transformer)', template: 'text-transformer', rows: 32 * BATCHES, batch: 32 },
  C: { name: 'C (cifar-cnn, 32×32×3)', template: 'cifar-cnn', rows: 32 * BATCHES, batch: 32 },
};
const keys = list(process.env.GPU_BENCH_WORKLOADS, 'B,T,C');
const unknown = keys.filter((k) => !ALL[k]);
if (unknown.length > 0) {
  console.error(`GPU_BENCH_WORKLOADS: unknown ${unknown.join(', ')}; use any of ${Object.keys(ALL).join(', ')}.`);
  process.exit(1);
}
const workloads = keys.map((k) => ALL[k]!);

function chromiumOrExit(): string | undefined {
  const path = browserPath();
  if (path || existsSync(chromium.executablePath())) return path;
  console.error(
    'No Chromium found: run `npx playwright install chromium` (or `apt-get install chromium`, or set CHROMIUM_PATH). ' +
      'This bench needs a browser for WebGPU; Node has no WebGPU without Dawn bindings.',
  );
  process.exit(2);
}

async function startDevServer(): Promise<ChildProcess> {
  const dev = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://localhost:${PORT}/bench/gpu.html`)).ok) return dev;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  dev.kill();
  throw new Error(`the vite dev server did not answer on port ${PORT}`);
}

/**
 * The dev server reloads the page when the worker's imports hit a dependency it has not
 * pre-bundled yet (the first run after a cache wipe), which destroys the evaluation: try again.
 */
async function inWorker(browser: Browser, backend: GpuRequest['backend']): Promise<GpuAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inWorkerOnce(browser, backend);
    } catch (err) {
      if (attempt >= 3 || !/context was destroyed|navigation/i.test((err as Error).message)) throw err;
      console.log(`${backend}: the dev server reloaded the page (new dependencies optimised); trying again`);
    }
  }
}

async function inWorkerOnce(browser: Browser, backend: GpuRequest['backend']): Promise<GpuAnswer> {
  const page = await browser.newPage({ baseURL: `http://localhost:${PORT}` });
  try {
    await page.goto('/bench/gpu.html');
    const request: GpuRequest = { backend, workloads, timedEpochs: EPOCHS };
    return (await page.evaluate(
      (req) =>
        new Promise((resolve) => {
          const worker = new Worker('/bench/gpu-worker.ts', { type: 'module' });
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) =>
            resolve({
              backend: req.backend,
              label: '',
              adapter: null,
              runs: [],
              error: e.message || 'worker failed to load',
            });
          worker.postMessage(req);
        }),
      request,
    )) as GpuAnswer;
  } finally {
    await page.close();
  }
}

const MiB = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

async function main(): Promise<void> {
  const executablePath = chromiumOrExit();
  console.log(
    `${BATCHES} timed batches per epoch, median of ${EPOCHS} epochs after a warm-up epoch; Adam 0.001; wasm 1 thread. ` +
      `Knobs: GPU_BENCH_BATCHES, GPU_BENCH_EPOCHS, GPU_BENCH_WORKLOADS, GPU_BENCH_BACKENDS, GPU_BENCH_FLAGS.`,
  );
  const dev = await startDevServer();
  const extra = list(process.env.GPU_BENCH_FLAGS?.replace(/\s+/g, ','), '');
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, ...extra] });
  const answers: Partial<Record<GpuRequest['backend'], GpuAnswer>> = {};
  try {
    for (const backend of BACKENDS) {
      const a = await inWorker(browser, backend);
      answers[backend] = a;
      if (a.error) console.log(`${backend}: failed: ${a.error}`);
      else console.log(`${backend}: ${a.label}`);
      for (const r of a.runs) if (r.error) console.log(`  ${r.name} on ${backend} failed: ${r.error}`);
    }
  } finally {
    await browser.close();
    dev.kill();
  }
  const adapter = answers.webgpu?.adapter ?? null;
  if (adapter) {
    const name = adapter.description || [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'unknown';
    console.log(
      `WebGPU adapter: ${name} (vendor ${adapter.vendor || '—'}, architecture ${adapter.architecture || '—'}); ` +
        `fallback adapter: ${adapter.isFallbackAdapter ? 'yes' : 'no'}; software: ${adapter.software ? 'yes' : 'no'}` +
        (adapter.limits
          ? `; maxBufferSize ${MiB(adapter.limits.maxBufferSize)} MiB, maxStorageBufferBindingSize ${MiB(adapter.limits.maxStorageBufferBindingSize)} MiB`
          : ''),
    );
    if (adapter.software)
      console.log(
        'This is a software adapter (a CPU rasteriser): the WebGPU numbers show the code path trains, not GPU speed.',
      );
  }
  const rate = (a: GpuAnswer | undefined, name: string) => {
    const r = a?.runs.find((x) => x.name === name);
    if (!r || r.error) return null;
    return {
      value: r.samplesPerSec * (r.seqLen ?? 1),
      unit: r.seqLen ? 'tokens/s' : 'samples/s',
      peak: r.peakTensorBytes,
    };
  };
  const summary = workloads.map((w) => {
    const [g, c] = [rate(answers.webgpu, w.name), rate(answers.wasm, w.name)];
    const ratio = g && c ? g.value / c.value : null;
    const unit = g?.unit ?? c?.unit ?? 'samples/s';
    const fmt = (x: typeof g) =>
      x ? `${x.value.toFixed(x.value < 10 ? 2 : 0)} ${unit} (tensors ${MiB(x.peak)} MiB)` : '—';
    console.log(
      `${w.name}: webgpu ${fmt(g)}, wasm ${fmt(c)}, webgpu/wasm ${ratio === null ? '—' : ratio.toFixed(3)}` +
        (adapter?.software ? ' [software adapter: code path only]' : ''),
    );
    return { workload: w.name, unit, webgpu: g?.value ?? null, wasm: c?.value ?? null, ratio };
  });
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/gpu.json',
    `${JSON.stringify({ batches: BATCHES, epochs: EPOCHS, adapter, labels: { webgpu: answers.webgpu?.label, wasm: answers.wasm?.label }, summary, answers }, null, 2)}\n`,
  );
  const broken = BACKENDS.some((b) => answers[b]?.error || answers[b]?.runs.some((r) => r.error));
  if (broken) process.exit(1);
}

await main();
