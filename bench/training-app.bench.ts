// Training through the app (Train page → worker → Trainer) vs plain tfjs model.fit in the same Chromium: samples/s, and main-thread timer lateness and long tasks while training.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  BATCH,
  browserPath,
  countTraceLongTasks,
  DIST,
  PORT,
  finishThroughApp,
  MAKE_DATA,
  selectedWorkloads,
  startPreview,
  startThroughApp,
  TRACE_CATEGORIES,
  WORKLOADS,
  type Name,
} from './training-app-harness';

// Env: BENCH_DIST (built app, default dist), BENCH_PORT, BENCH_WORKLOADS=A,B, BENCH_SKIP_PLAIN=1 (app only),
// BENCH_TRACE=1 (also trace the run and give each long task's main-thread CPU time, see countTraceLongTasks).

const trace = process.env.BENCH_TRACE === '1';

async function throughApp(page: Page, name: Name) {
  if (trace) await page.context().browser()!.startTracing(page, { categories: TRACE_CATEGORIES });
  await startThroughApp(page, name);
  const app = await finishThroughApp(page);
  if (!trace) return app;
  const longTasks = countTraceLongTasks(await page.context().browser()!.stopTracing());
  return { ...app, traceLongTaskWallMs: longTasks.wallMs, traceLongTaskCpuMs: longTasks.cpuMs, traceLongTaskKinds: longTasks.kinds };
}

/** Plain tfjs (UMD bundles, stock kernels) model.fit in a worker of the same page, on wasm. */
async function plainTfjs(page: Page, name: Name) {
  const w = WORKLOADS[name];
  const wasm = readdirSync(join(DIST, 'assets')).find((f) => /^tfjs-backend-wasm-simd-.*\.wasm$/.test(f))!;
  const tfSrc = readFileSync('node_modules/@tensorflow/tfjs/dist/tf.min.js', 'utf8');
  const wasmSrc = readFileSync('node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js', 'utf8');
  const layers =
    name === 'A'
      ? `[tf.layers.dense({ inputShape: [64], units: 128, activation: 'relu' }), tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })]`
      : `[tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }), tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }), tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten(),
          tf.layers.dense({ units: 128, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })]`;
  const body = `
    const make = ${MAKE_DATA};
    tf.wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': WASM, 'tfjs-backend-wasm-simd.wasm': WASM, 'tfjs-backend-wasm-threaded-simd.wasm': WASM });
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    (async () => {
      try {
        await tf.setBackend('wasm'); await tf.ready();
        const { x, y } = make(${w.rows}, ${w.inputShape.reduce((a, b) => a * b, 1)});
        const xs = tf.tensor(x, [${w.rows}, ...${JSON.stringify(w.inputShape)}]);
        const ys = tf.oneHot(tf.tensor1d(y, 'int32'), 10);
        const model = tf.sequential({ layers: ${layers} });
        model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
        const sps = []; let t = performance.now();
        await model.fit(xs, ys, { epochs: ${w.epochs}, batchSize: ${BATCH}, shuffle: true,
          callbacks: { onEpochBegin: () => { t = performance.now(); }, onEpochEnd: () => { sps.push(${w.rows} / ((performance.now() - t) / 1000)); } } });
        postMessage({ sps });
      } catch (e) { postMessage({ error: String(e && e.message || e) }); }
    })();`;
  return (await page.evaluate(
    `new Promise((resolve) => {
      const url = (s) => URL.createObjectURL(new Blob([s], { type: 'text/javascript' }));
      const WASM = new URL('/assets/${wasm}', location.href).href;
      const worker = new Worker(url('importScripts(' + JSON.stringify(url(${JSON.stringify(tfSrc)})) + ', ' + JSON.stringify(url(${JSON.stringify(wasmSrc)})) + ');\\nconst WASM = ' + JSON.stringify(WASM) + ';\\n' + ${JSON.stringify(body)}));
      worker.onmessage = (e) => { worker.terminate(); resolve(e.data.error ? { error: e.data.error } : { samplesPerSec: e.data.sps.slice(1).sort((a, b) => a - b)[Math.floor((e.data.sps.length - 1) / 2)] }); };
      worker.onerror = (e) => resolve({ error: e.message });
    })`,
  )) as { samplesPerSec?: number; error?: string };
}

if (!existsSync(join(DIST, 'index.html')))
  spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', DIST], { stdio: 'inherit' });
const server = await startPreview();
const skipPlain = process.env.BENCH_SKIP_PLAIN === '1';
const results: Record<string, unknown> = {};
try {
  const browser = await chromium.launch({ executablePath: browserPath(), args: ['--no-sandbox', '--disable-quic', '--no-first-run'] });
  // The app's CSP forbids eval, which Playwright's string predicates and the plain-tfjs blob worker need.
  const page = await browser.newPage({ baseURL: `http://localhost:${PORT}`, bypassCSP: true });
  for (const name of selectedWorkloads()) {
    const app = await throughApp(page, name);
    const plain = skipPlain ? { error: 'skipped (BENCH_SKIP_PLAIN=1)' } : await plainTfjs(page, name);
    const ratio = plain.samplesPerSec ? app.samplesPerSec / plain.samplesPerSec : null;
    results[name] = { app, plain, ratio };
    console.log(
      `${name}: app ${app.samplesPerSec.toFixed(0)} samples/s on ${app.backend} (${app.status}); ` +
        (plain.samplesPerSec ? `plain tfjs wasm fit ${plain.samplesPerSec.toFixed(0)} samples/s; app/plain ${ratio!.toFixed(2)}×` : `plain tfjs: ${plain.error}`) +
        `; main thread, whole run: 10 ms timer late p50 ${app.timerLateP50Ms.toFixed(1)} ms, p99 ${app.timerLateP99Ms.toFixed(1)} ms, ${app.longTasks} long tasks; ` +
        `from the first batch on: p99 ${app.steadyTimerLateP99Ms.toFixed(1)} ms, ${app.steadyLongTasks} long tasks` +
        (app.steadyLongTasks > 0 ? ` (${app.steadyLongTaskMs.join(', ')} ms)` : '') +
        ('traceLongTaskCpuMs' in app
          ? `; traced: ${app.traceLongTaskWallMs.map((w, i) => `${w} ms (${app.traceLongTaskCpuMs[i]} ms CPU, ${app.traceLongTaskKinds[i]})`).join(', ') || 'no long tasks'}`
          : ''),
    );
  }
  await browser.close();
} finally {
  server.kill();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/training-app.json', JSON.stringify(results, null, 2));
