// Training through the app (Train page → worker → Trainer) vs plain tfjs model.fit in the same Chromium: samples/s, and main-thread timer lateness and long tasks while training.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { buildGraph, type LayerDraft } from '../src/model/build';

const PORT = 4192;
const BATCH = 64;

/** Workloads A and B of ../shared/perf-baseline.md. */
const WORKLOADS = {
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
} satisfies Record<string, { rows: number; epochs: number; inputShape: number[]; drafts: LayerDraft[] }>;

type Name = keyof typeof WORKLOADS;

function browserPath(): string | undefined {
  try {
    const cached = JSON.parse(readFileSync('node_modules/.cache/layerloom-browser.json', 'utf8')) as { executablePath: string | null };
    if (cached.executablePath && existsSync(cached.executablePath)) return cached.executablePath;
  } catch {
    // no record yet
  }
  if (existsSync(chromium.executablePath())) return undefined;
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? Number.NaN;

/** Synthetic data, the same in both paths (a seeded LCG inside the page). */
const MAKE_DATA = `(rows, size) => {
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
  const x = new Float32Array(rows * size); for (let i = 0; i < x.length; i++) x[i] = rand() * 2 - 1;
  const y = new Float32Array(rows); for (let i = 0; i < rows; i++) y[i] = Math.floor(rand() * 10);
  return { x, y };
}`;

async function throughApp(page: Page, name: Name) {
  const w = WORKLOADS[name];
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
    window.__late = []; window.__steady = []; window.__long = 0; window.__steadyLong = 0;
    let last = performance.now();
    const steady = () => (window.__layerloom.getState().progress?.batch ?? 0) > 0;
    window.__timer = setInterval(() => {
      const now = performance.now(); const late = now - last - 10; last = now;
      window.__late.push(late); if (steady()) window.__steady.push(late);
    }, 10);
    new PerformanceObserver((list) => { const n = list.getEntries().length; window.__long += n; if (steady()) window.__steadyLong += n; }).observe({ type: 'longtask' });
  })()`);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(
    `(() => { const r = window.__layerloom.getState().runs.at(-1); return r && r.status !== 'running'; })()`,
    undefined,
    { timeout: 600_000, polling: 250 },
  );
  const out = (await page.evaluate(`(() => {
    clearInterval(window.__timer);
    const r = window.__layerloom.getState().runs.at(-1);
    return { status: r.status, backend: r.backendLabel, sps: r.epochs.map((e) => e.samplesPerSec), late: window.__late, long: window.__long, steady: window.__steady, steadyLong: window.__steadyLong };
  })()`)) as { status: string; backend: string; sps: number[]; late: number[]; long: number; steady: number[]; steadyLong: number };
  return {
    status: out.status,
    backend: out.backend,
    samplesPerSec: median(out.sps.slice(1)),
    timerLateP99Ms: pct(out.late, 0.99),
    timerLateP50Ms: pct(out.late, 0.5),
    longTasks: out.long,
    steadyTimerLateP99Ms: pct(out.steady, 0.99),
    steadyLongTasks: out.steadyLong,
  };
}

/** Plain tfjs (UMD bundles, stock kernels) model.fit in a worker of the same page, on wasm. */
async function plainTfjs(page: Page, name: Name) {
  const w = WORKLOADS[name];
  const wasm = readdirSync('dist/assets').find((f) => /^tfjs-backend-wasm-simd-.*\.wasm$/.test(f))!;
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

if (!existsSync('dist/index.html')) spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
const results: Record<string, unknown> = {};
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({ executablePath: browserPath(), args: ['--no-sandbox', '--disable-quic', '--no-first-run'] });
  const page = await browser.newPage({ baseURL: `http://localhost:${PORT}` });
  for (const name of Object.keys(WORKLOADS) as Name[]) {
    const app = await throughApp(page, name);
    const plain = await plainTfjs(page, name);
    const ratio = plain.samplesPerSec ? app.samplesPerSec / plain.samplesPerSec : null;
    results[name] = { app, plain, ratio };
    console.log(
      `${name}: app ${app.samplesPerSec.toFixed(0)} samples/s on ${app.backend} (${app.status}); ` +
        (plain.samplesPerSec ? `plain tfjs wasm fit ${plain.samplesPerSec.toFixed(0)} samples/s; app/plain ${ratio!.toFixed(2)}×` : `plain tfjs: ${plain.error}`) +
        `; main thread, whole run: 10 ms timer late p50 ${app.timerLateP50Ms.toFixed(1)} ms, p99 ${app.timerLateP99Ms.toFixed(1)} ms, ${app.longTasks} long tasks; ` +
        `from the first batch on: p99 ${app.steadyTimerLateP99Ms.toFixed(1)} ms, ${app.steadyLongTasks} long tasks`,
    );
  }
  await browser.close();
} finally {
  server.kill();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/training-app.json', JSON.stringify(results, null, 2));
