// Layerloom's training loop (Trainer: per-batch loss read, NaN guard, seeded dropout, callbacks) vs tfjs model.fit on the same MLP: samples/s on wasm and cpu.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { PreparedDataset } from '../src/data/types';
import { setupWasm } from '../src/training/backend-wasm';
import { mulberry32 } from '../src/data/random';
import { buildSeeded, Trainer } from '../src/training/index';

/** Workload A of ../shared/perf-baseline.md: 64 → Dense 128 relu → Dense 64 relu → Dense 10 softmax, batch 64, Adam. */
const BATCH = 64;
const ROWS = 4096;
const ROUNDS = 7;

function dataset(): PreparedDataset {
  const rng = mulberry32(7);
  const x = Float32Array.from({ length: ROWS * 64 }, () => rng() * 2 - 1);
  const y = Float32Array.from({ length: ROWS }, () => Math.floor(rng() * 10));
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  return {
    id: 'bench',
    name: 'bench',
    kind: 'tabular',
    task: 'multiclass',
    inputShape: [64],
    classNames,
    train: { n: ROWS, x, y },
    validation: empty,
    test: empty,
    transform: null,
  };
}

const model = () =>
  buildSeeded(1, () =>
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [64], units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 64, activation: 'relu' }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    }),
  );

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One epoch of each loop in turn, ROUNDS times after a warm-up, so load from other processes hits both alike. */
async function compare(data: PreparedDataset): Promise<{ trainer: number; fit: number }> {
  const ours = model();
  const trainer = new Trainer(ours, data, {
    epochs: 1,
    batchSize: BATCH,
    seed: 1,
    validate: false,
    loss: 'sparse_categorical_crossentropy',
  });
  const theirs = model();
  theirs.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.tensor2d(data.train.x, [ROWS, 64]);
  const ys = tf.tensor1d(data.train.y);
  const rates = { trainer: [] as number[], fit: [] as number[] };
  for (let round = 0; round <= ROUNDS; round++) {
    let t0 = performance.now();
    await trainer.run();
    if (round > 0) rates.trainer.push(ROWS / ((performance.now() - t0) / 1000));
    t0 = performance.now();
    await theirs.fit(xs, ys, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
    if (round > 0) rates.fit.push(ROWS / ((performance.now() - t0) / 1000));
  }
  trainer.dispose();
  tf.dispose([xs, ys]);
  ours.dispose();
  theirs.dispose();
  return { trainer: Math.round(median(rates.trainer)), fit: Math.round(median(rates.fit)) };
}

const data = dataset();
const results: { backend: string; trainer: number; fit: number; ratio: number }[] = [];
await setupWasm();
for (const backend of ['wasm', 'cpu']) {
  await tf.setBackend(backend);
  const r = await compare(data);
  results.push({ backend, ...r, ratio: Number((r.trainer / r.fit).toFixed(2)) });
}
console.log('backend  Trainer samples/s  model.fit samples/s  Trainer/fit');
for (const r of results) {
  console.log(
    `${r.backend.padEnd(8)} ${String(r.trainer).padStart(17)}  ${String(r.fit).padStart(19)}  ${r.ratio.toFixed(2).padStart(11)}`,
  );
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/training-loop.json',
  `${JSON.stringify({ batch: BATCH, rows: ROWS, rounds: ROUNDS, results }, null, 2)}\n`,
);
