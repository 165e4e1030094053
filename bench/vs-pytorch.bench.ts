// Layerloom's training (Node, wasm backend with our kernels, the app's TrainerSession) vs PyTorch on the CPU, models A and B, 1 and 2 threads: samples/s, ratio, and CNN B's top kernels.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { PreparedDataset } from '../src/data/types';
import { mulberry32 } from '../src/data/random';
import { buildGraph } from '../src/model/build';
import { setupWasm, wasmFeatures, wasmLabel } from '../src/training/backend-wasm';
import { stepTrial } from '../src/training/backend-trial';
import { seededConfig, TrainerSession } from '../src/training/session';
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

// Env: VS_PYTORCH_THREADS=1,2 (default), VS_PYTORCH_WORKLOADS=A,B (default), VS_PYTORCH_APP=0 (skip
// the browser app path; it uses BENCH_DIST, default dist/, built when missing).
// Our side, two paths: Node (a child process: the wasm backend fixes its thread count when it
// starts) and the app in Chromium (Train page → worker). Both run 1 thread only: tfjs-backend-wasm
// turns threads off in Node (WASM_HAS_MULTITHREAD_SUPPORT is false there, tfjs issue 3830), and
// the app's worker calls setupWasm() with its default of 1 thread. PyTorch runs in
// /usr/bin/python3, which has Debian's python3-torch; the python3 first on PATH may be another
// interpreter that cannot import it.

const ROWS = 2048;
const BATCH = 64;
const TIMED_EPOCHS = 3;
const PYTHON = '/usr/bin/python3';
const SCRIPT = 'bench/vs-pytorch.py';

const list = (v: string | undefined, fallback: string) => (v ?? fallback).split(',').map((s) => s.trim());
const threadCounts = list(process.env.VS_PYTORCH_THREADS, '1,2').map(Number);
const names = list(process.env.VS_PYTORCH_WORKLOADS, 'A,B') as Name[];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function dataset(name: Name): PreparedDataset {
  const shape = WORKLOADS[name].inputShape;
  const size = shape.reduce((a, b) => a * b, 1);
  const rng = mulberry32(7);
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return {
    id: `bench-${name}`,
    name: `bench ${name}`,
    kind: 'tabular',
    task: 'multiclass',
    inputShape: shape,
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    train: {
      n: ROWS,
      x: Float32Array.from({ length: ROWS * size }, () => rng() * 2 - 1),
      y: Float32Array.from({ length: ROWS }, () => Math.floor(rng() * 10)),
    },
    validation: empty,
    test: empty,
    transform: null,
  };
}

const spec = (name: Name) => ({
  graph: buildGraph(WORKLOADS[name].drafts),
  dataset: dataset(name),
  config: seededConfig({
    epochs: 1,
    batchSize: BATCH,
    seed: 1,
    validate: false,
    optimizer: { name: 'adam', learningRate: 0.001 },
    loss: 'categorical_crossentropy',
  }),
});

/** The app's session (seeded compile, Trainer, per-batch loss read): median samples/s of the timed epochs. */
async function ours(name: Name): Promise<number> {
  const session = await TrainerSession.create(spec(name));
  try {
    const rates: number[] = [];
    for (let epoch = 0; epoch <= TIMED_EPOCHS; epoch++) {
      const started = performance.now();
      const result = await session.run(1);
      if (result.status !== 'completed')
        throw new Error(`${name}: training ${result.status}: ${result.issue?.message}`);
      if (epoch > 0) rates.push(ROWS / ((performance.now() - started) / 1000));
    }
    return median(rates);
  } finally {
    session.dispose();
  }
}

/** One step of the app's Trainer on CNN B, by kernel (tf.profile, wasm kernel wall time). */
async function profileB(): Promise<Array<{ kernel: string; ms: number; calls: number }>> {
  const { config, dataset: data, graph } = spec('B');
  const { compileSeeded } = await import('../src/training/train');
  const trial = stepTrial({ build: () => compileSeeded(graph, 1), dataset: data, config });
  try {
    await trial.step();
    const steps = 5;
    const profile = await tf.profile(async () => {
      for (let i = 0; i < steps; i++) await trial.step();
    });
    const by = new Map<string, { ms: number; calls: number }>();
    for (const k of profile.kernels) {
      const e = by.get(k.name) ?? { ms: 0, calls: 0 };
      e.ms += Number(k.kernelTimeMs) / steps;
      e.calls += 1 / steps;
      by.set(k.name, e);
    }
    return [...by]
      .map(([kernel, e]) => ({ kernel, ms: +e.ms.toFixed(2), calls: Math.round(e.calls) }))
      .sort((a, b) => b.ms - a.ms);
  } finally {
    trial.dispose();
  }
}

interface OursResult {
  label: string;
  samplesPerSec: Partial<Record<Name, number>>;
  kernelsB?: Array<{ kernel: string; ms: number; calls: number }>;
}

async function child(threads: number, profile: boolean): Promise<OursResult> {
  tf.enableProdMode();
  await setupWasm({ threads });
  await tf.setBackend('wasm');
  await tf.ready();
  const label = wasmLabel(await wasmFeatures());
  const samplesPerSec: OursResult['samplesPerSec'] = {};
  for (const name of names) samplesPerSec[name] = await ours(name);
  return { label, samplesPerSec, ...(profile ? { kernelsB: await profileB() } : {}) };
}

function runOurs(threads: number, profile: boolean): OursResult | { error: string } {
  const args = ['--import', 'tsx', 'bench/vs-pytorch.bench.ts', '--child', String(threads)];
  if (profile) args.push('--profile');
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout?.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    return { error: (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(line) as OursResult;
}

interface TorchResult {
  torch: string;
  threads: number;
  samplesPerSec: Partial<Record<Name, number>>;
}

function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function runTorch(threads: number): TorchResult | { error: string } {
  const r = spawnSync(PYTHON, [SCRIPT, String(threads), names.join(',')], { encoding: 'utf8' });
  const line = r.stdout?.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    return { error: (r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' ') };
  return JSON.parse(line) as TorchResult;
}

/** The app in Chromium (1 thread, its worker's own choice): median samples/s of the timed epochs, by model. */
async function throughApp(): Promise<Partial<Record<Name, number>> | { error: string }> {
  const browser = browserPath();
  if (!existsSync(join(DIST, 'index.html'))) {
    spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', DIST], { stdio: 'inherit' });
  }
  const server = await startPreview();
  try {
    const { chromium } = await import('@playwright/test');
    const b = await chromium.launch({
      executablePath: browser,
      args: ['--no-sandbox', '--disable-quic', '--no-first-run'],
    });
    try {
      const page = await b.newPage({ baseURL: `http://localhost:${PORT}`, bypassCSP: true });
      const out: Partial<Record<Name, number>> = {};
      for (const name of names) {
        // Epoch 1 is the warm-up: finishThroughApp takes the median of the later ones.
        await startThroughApp(page, name, { rows: ROWS, epochs: 1 + TIMED_EPOCHS });
        const r = await finishThroughApp(page);
        if (r.status !== 'completed') return { error: `${name}: run ${r.status}` };
        out[name] = r.samplesPerSec;
      }
      return out;
    } finally {
      await b.close();
    }
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0]! };
  } finally {
    server.kill();
  }
}

type Cell = number | null;
interface Row {
  model: Name;
  threads: number;
  node: Cell;
  app: Cell;
  torch: Cell;
  nodeRatio: Cell;
  appRatio: Cell;
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const result = await child(Number(process.argv[childAt + 1]), process.argv.includes('--profile'));
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
    return;
  }
  const haveTorch = torchAvailable();
  if (!haveTorch) console.log('PyTorch not found: apt-get install python3-torch');
  console.log(
    `Batch ${BATCH}, Adam 0.001, categorical cross-entropy, median of ${TIMED_EPOCHS} epochs of ${ROWS} samples after a warm-up epoch.\n` +
      `Ours: "Node" = the app's TrainerSession in Node ${process.version} on tfjs wasm with our kernels; ` +
      `"app" = the built app in Chromium (Train page → Web Worker). Both 1 thread only (see the top of this file).`,
  );
  const rows: Row[] = [];
  const runs: Record<string, unknown> = {};
  let kernelsB: OursResult['kernelsB'];
  const ratio = (a: Cell, b: Cell) => (a !== null && b ? +(a / b).toFixed(2) : null);
  for (const threads of threadCounts) {
    // Alternate the sides per thread count, so load from other processes hits both alike.
    const o = threads === 1 ? runOurs(1, names.includes('B')) : null;
    const t = haveTorch ? runTorch(threads) : null;
    const app = threads === 1 && process.env.VS_PYTORCH_APP !== '0' ? await throughApp() : null;
    runs[`threads${threads}`] = { node: o, torch: t, app };
    if (o && 'error' in o) console.log(`ours, Node: failed: ${o.error}`);
    else if (o) {
      console.log(`ours, Node: ${o.label}`);
      kernelsB ??= o.kernelsB;
    }
    if (app && 'error' in app) console.log(`ours, app in Chromium: failed: ${app.error}`);
    if (t && 'error' in t) console.log(`PyTorch, ${threads} thread(s): failed: ${t.error}`);
    else if (t) console.log(`PyTorch ${t.torch}, ${t.threads} thread(s), ${PYTHON}`);
    for (const model of names) {
      const node = o && !('error' in o) ? (o.samplesPerSec[model] ?? null) : null;
      const inApp = app && !('error' in app) ? (app[model] ?? null) : null;
      const torch = t && !('error' in t) ? (t.samplesPerSec[model] ?? null) : null;
      rows.push({
        model,
        threads,
        node,
        app: inApp,
        torch,
        nodeRatio: ratio(node, torch),
        appRatio: ratio(inApp, torch),
      });
    }
  }
  const cell = (v: Cell, w: number, digits = 0) => (v === null ? '—' : v.toFixed(digits)).padStart(w);
  console.log(
    `\n${'model'.padEnd(6)}${'threads'.padStart(8)}${'Node'.padStart(9)}${'app'.padStart(9)}${'PyTorch'.padStart(10)}` +
      `${'Node/PyTorch'.padStart(14)}${'app/PyTorch'.padStart(13)}${'1-thread ours/PyTorch'.padStart(23)}   (samples/s)`,
  );
  for (const r of rows) {
    // At 2 threads ours cannot run (1 thread only); the last column is what a user gets today.
    const one = rows.find((x) => x.model === r.model && x.threads === 1);
    const best = one ? Math.max(one.node ?? 0, one.app ?? 0) || null : null;
    console.log(
      `${r.model.padEnd(6)}${String(r.threads).padStart(8)}${cell(r.node, 9)}${cell(r.app, 9)}${cell(r.torch, 10)}` +
        `${cell(r.nodeRatio, 14, 2)}${cell(r.appRatio, 13, 2)}${cell(ratio(best, r.torch), 23, 2)}`,
    );
  }
  if (kernelsB) {
    const total = kernelsB.reduce((s, k) => s + k.ms, 0);
    console.log(
      `\nCNN B, ours in Node, 1 thread: one training step by kernel (tf.profile, mean of 5 steps; ${total.toFixed(1)} ms in kernels)`,
    );
    console.log(`${'kernel'.padEnd(24)}${'ms/step'.padStart(9)}${'share'.padStart(8)}${'calls'.padStart(7)}`);
    for (const k of kernelsB.slice(0, 10)) {
      console.log(
        `${k.kernel.padEnd(24)}${k.ms.toFixed(2).padStart(9)}${`${((100 * k.ms) / total).toFixed(1)}%`.padStart(8)}${String(k.calls).padStart(7)}`,
      );
    }
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/vs-pytorch.json',
    `${JSON.stringify({ rows: ROWS, batch: BATCH, timedEpochs: TIMED_EPOCHS, table: rows, runs, kernelsB }, null, 2)}\n`,
  );
}

await main();
