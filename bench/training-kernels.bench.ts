// Training throughput on wasm with our training kernels vs stock wasm and tfjs cpu: workload A (MLP) and B (CNN), batch 64, Adam.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from '../src/training/kernels/register';

const BATCH = 64;
/** Training ≈ 3 × forward; forward = 2 FLOP per multiply-add. B's figure is perf-baseline.md's. */
const FLOP_PER_SAMPLE = { A: 3 * 2 * (64 * 128 + 128 * 64 + 64 * 10), B: 15.79e6 } as const;
/** ../shared/perf-baseline.md, Node rows (Zen 1, 2 vCPU at 2.0 GHz). */
const BASELINE_NODE = { A: { cpu: 2647, wasmAdded: 10755 }, B: { cpu: 2.5, wasmAdded: 175 } } as const;

type Workload = keyof typeof FLOP_PER_SAMPLE;
type Kernels = 'stock' | 'added' | 'ours';
interface Row {
  workload: Workload;
  backend: string;
  kernels: Kernels;
  /** Median round. */
  samples_per_s: number | null;
  /** Best round: the machine is shared, so this is the least-disturbed figure. */
  best_samples_per_s: number | null;
  ms_per_step: number | null;
  gflop_per_s: number | null;
  error?: string;
}

function model(workload: Workload): tf.LayersModel {
  const layers =
    workload === 'A'
      ? [
          tf.layers.dense({ inputShape: [64], units: 128, activation: 'relu' }),
          tf.layers.dense({ units: 64, activation: 'relu' }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ]
      : [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 128, activation: 'relu' }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ];
  const m = tf.sequential({ layers });
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return m;
}

function batch(workload: Workload, n: number) {
  return tf.tidy(() => ({
    xs: tf.randomNormal(workload === 'A' ? [n, 64] : [n, 28, 28, 1]),
    ys: tf.oneHot(tf.randomUniform([n], 0, 10, 'int32'), 10),
  }));
}

function useKernels(kernels: Kernels): void {
  unregisterWasmTrainingKernels();
  if (kernels !== 'stock') registerWasmTrainingKernels({ speedups: kernels === 'ours' });
}

/** Median (and best) over 5 rounds of samples/s; each round runs steps for at least `roundMs`. */
async function measure(workload: Workload, backend: string, kernels: Kernels, roundMs: number): Promise<Row> {
  await tf.setBackend(backend);
  if (backend === 'wasm') useKernels(kernels);
  const m = model(workload);
  const slow = backend === 'cpu' && workload === 'B';
  const warm = batch(workload, slow ? 4 : BATCH);
  const data = batch(workload, BATCH);
  try {
    await m.trainOnBatch(warm.xs, warm.ys); // JIT, XNNPACK operator set-up, optimizer slots
    const rates: number[] = [];
    for (let round = 0; round < (slow ? 1 : 5); round++) {
      let steps = 0;
      const started = performance.now();
      do {
        await m.trainOnBatch(data.xs, data.ys);
        steps += 1;
      } while (performance.now() - started < roundMs);
      rates.push((steps * BATCH * 1000) / (performance.now() - started));
    }
    const rate = rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
    return {
      workload,
      backend,
      kernels,
      samples_per_s: +rate.toFixed(1),
      best_samples_per_s: +rates.at(-1)!.toFixed(1),
      ms_per_step: +((BATCH * 1000) / rate).toFixed(2),
      gflop_per_s: +((rate * FLOP_PER_SAMPLE[workload]) / 1e9).toFixed(3),
    };
  } catch (err) {
    return {
      workload,
      backend,
      kernels,
      samples_per_s: null,
      ms_per_step: null,
      gflop_per_s: null,
      error: (err as Error).message,
    };
  } finally {
    tf.dispose([warm.xs, warm.ys, data.xs, data.ys]);
    m.dispose();
  }
}

/** Where one wasm CNN step spends its time, with our kernels. */
async function breakdown(): Promise<Array<{ kernel: string; ms: number }>> {
  await tf.setBackend('wasm');
  useKernels('ours');
  const m = model('B');
  const data = batch('B', BATCH);
  await m.trainOnBatch(data.xs, data.ys);
  const profile = await tf.profile(async () => {
    await m.trainOnBatch(data.xs, data.ys);
  });
  const byKernel = new Map<string, number>();
  for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
  tf.dispose([data.xs, data.ys]);
  m.dispose();
  return [...byKernel]
    .map(([kernel, ms]) => ({ kernel, ms: +ms.toFixed(2) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
}

const rows: Row[] = [];
for (const workload of ['A', 'B'] as const) {
  for (const kernels of ['stock', 'added', 'ours'] as const) rows.push(await measure(workload, 'wasm', kernels, 700));
  rows.push(await measure(workload, 'cpu', 'stock', workload === 'A' ? 700 : 0));
}

const label: Record<Kernels, string> = {
  stock: 'stock',
  added: 'missing kernels added',
  ours: 'added + faster replacements',
};
console.log(
  `\n${'workload'.padEnd(9)}${'backend / kernels'.padEnd(40)}${'samples/s'.padStart(11)}${'best'.padStart(10)}${'ms/step'.padStart(10)}${'GFLOP/s'.padStart(9)}`,
);
for (const r of rows) {
  const name = r.backend === 'cpu' ? 'tfjs cpu' : `wasm, ${label[r.kernels]}`;
  const cells =
    r.samples_per_s === null
      ? `fails: ${r.error}`
      : `${r.samples_per_s.toFixed(1).padStart(11)}${r.best_samples_per_s!.toFixed(1).padStart(10)}${r.ms_per_step!.toFixed(1).padStart(10)}${r.gflop_per_s!.toFixed(2).padStart(9)}`;
  console.log(`${r.workload.padEnd(9)}${name.padEnd(40)}${cells}`);
}
const rate = (w: Workload, backend: string, kernels: Kernels) =>
  rows.find((r) => r.workload === w && r.backend === backend && r.kernels === kernels)?.samples_per_s ?? null;
const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? +(a / b).toFixed(2) : null);
const ratios = {
  A_ours_vs_cpu: ratio(rate('A', 'wasm', 'ours'), rate('A', 'cpu', 'stock')),
  A_ours_vs_stock_wasm: ratio(rate('A', 'wasm', 'ours'), rate('A', 'wasm', 'stock')),
  B_ours_vs_cpu: ratio(rate('B', 'wasm', 'ours'), rate('B', 'cpu', 'stock')),
  B_ours_vs_added_only: ratio(rate('B', 'wasm', 'ours'), rate('B', 'wasm', 'added')),
  B_ours_vs_baseline_node_wasm: ratio(rate('B', 'wasm', 'ours'), BASELINE_NODE.B.wasmAdded),
};
console.log('\nratios:', ratios);
const top = await breakdown();
console.log(
  '\nB on wasm with our kernels, one step by kernel (ms, tf.profile):',
  top.map((k) => `${k.kernel} ${k.ms}`).join(', '),
);
console.log('baseline (perf-baseline.md, Node, slower machine):', BASELINE_NODE);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/training-kernels.json',
  JSON.stringify(
    {
      batch: BATCH,
      flop_per_sample: FLOP_PER_SAMPLE,
      rows,
      ratios,
      wasm_cnn_step_by_kernel: top,
      baseline_node: BASELINE_NODE,
    },
    null,
    2,
  ),
);
