/**
 * Fault tolerance (issue 8, item 6): ten start → a few batches → stop → dispose cycles, as the
 * training worker runs them, must leave no tensors behind and must not grow the JS heap. A leak
 * of even one tensor per cycle would, over an afternoon of "train, stop, tweak, train", pin
 * megabytes of GPU or wasm memory, so the count is compared exactly, after every cycle.
 */
import * as tf from '@tensorflow/tfjs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedDataset } from '../data/types';
import { buildGraph } from '../model/build';
import type { Graph } from '../model/graph';
import { setupWasm } from './backend-wasm';
import { blobs } from './fixtures';
import { mulberry32 } from '../data/random';
import { seededConfig, TrainerSession } from './session';
import type { Checkpoint } from './types';

const CYCLES = 10;
/** Stop in the second epoch, so every cycle also takes (and drops) one end-of-epoch checkpoint. */
const STOP_AT = { epoch: 2, batch: 4 };
/** Heap growth allowed from cycle 3 to cycle 10, after a forced GC: the first cycles warm caches. */
const HEAP_GROWTH_LIMIT_MB = 5;

/**
 * A real full GC, without changing how vitest starts its workers: V8 lets a running process turn
 * on `gc()` and hands it to the next context created. Null where the flag is refused.
 */
function exposeGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch (_refused) {
    return null;
  }
}

/** 8×8 one-channel "images" in 4 classes, each class a bright quadrant plus noise: a CNN learns it. */
function quadrants(n: number, seed: number): PreparedDataset['train'] {
  const rng = mulberry32(seed);
  const x = new Float32Array(n * 64);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 4;
    y[i] = label;
    for (let p = 0; p < 64; p++) {
      const row = Math.floor(p / 8);
      const col = p % 8;
      const lit = (row < 4 ? 0 : 2) + (col < 4 ? 0 : 1) === label;
      x[i * 64 + p] = (lit ? 0.8 : 0.1) + 0.2 * rng();
    }
  }
  return { n, x, y };
}

function imageData(): PreparedDataset {
  return {
    id: 'quadrants',
    name: 'quadrants 8×8',
    kind: 'image',
    task: 'multiclass',
    inputShape: [8, 8, 1],
    classNames: ['top left', 'top right', 'bottom left', 'bottom right'],
    train: quadrants(320, 1),
    validation: quadrants(64, 2),
    test: quadrants(64, 3),
    transform: null,
  };
}

interface Workload {
  backend: 'cpu' | 'wasm';
  graph: Graph;
  dataset: PreparedDataset;
}

const WORKLOADS: Workload[] = [
  {
    backend: 'cpu',
    graph: buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Dense', params: { units: 32, activation: 'relu' } },
      { type: 'Dropout', params: { rate: 0.2 } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]),
    dataset: blobs(3, 4, [480, 60, 60]),
  },
  {
    backend: 'wasm',
    graph: buildGraph([
      { type: 'Input', params: { shape: [8, 8, 1] } },
      { type: 'Conv2D', params: { filters: 8, kernel_size: [3, 3], activation: 'relu' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 4, activation: 'softmax' } },
    ]),
    dataset: imageData(),
  },
];

interface CycleNumbers {
  cycle: number;
  batches: number;
  status: string;
  tensorsDuring: number;
  tensorsAfter: number;
  heapMb: number;
}

/** One cycle the way train.worker.ts runs it: open a session, train, stop, score, read the weights, free. */
async function cycle(w: Workload, seed: number): Promise<Omit<CycleNumbers, 'cycle' | 'tensorsAfter' | 'heapMb'>> {
  const session = await TrainerSession.create({
    graph: w.graph,
    dataset: w.dataset,
    config: seededConfig({ epochs: 3, batchSize: 32, seed }),
  });
  let batches = 0;
  let tensorsDuring = 0;
  let checkpoint: Checkpoint | null = null;
  try {
    const result = await session.run(undefined, {
      onBatch: (p) => {
        batches += 1;
        tensorsDuring = Math.max(tensorsDuring, tf.memory().numTensors);
        if (p.epoch === STOP_AT.epoch && p.batch === STOP_AT.batch) session.stop();
      },
      onCheckpoint: (c) => {
        checkpoint = c;
      },
    });
    expect(result.issue).toBeNull();
    expect(checkpoint, 'an end-of-epoch checkpoint was taken').not.toBeNull();
    await session.score();
    session.weights();
    return { batches, status: result.status, tensorsDuring };
  } finally {
    session.dispose();
  }
}

const mb = (bytes: number) => bytes / 2 ** 20;

describe.each(WORKLOADS)('$backend: $dataset.name, 10 train/stop cycles', (w) => {
  const gc = exposeGc();
  const rows: CycleNumbers[] = [];

  beforeAll(async () => {
    if (w.backend === 'wasm') await setupWasm();
    await tf.setBackend(w.backend);
  });

  afterAll(() => {
    // For the issue report: numbers per cycle.
    console.log(
      `\n${w.backend} · ${w.dataset.name} · gc ${gc ? 'forced' : 'unavailable'}\n` +
        'cycle  batches  status   tensors(during)  tensors(after)  heap MB\n' +
        rows
          .map((r) =>
            [r.cycle, r.batches, r.status, r.tensorsDuring, r.tensorsAfter, r.heapMb.toFixed(2)]
              .map((v, i) => String(v).padStart([5, 8, 8, 16, 15, 8][i]!))
              .join(' '),
          )
          .join('\n'),
    );
  });

  it('returns to the baseline tensor count after every cycle and keeps the heap flat', async () => {
    const baseline = tf.memory().numTensors;
    for (let i = 1; i <= CYCLES; i++) {
      const numbers = await cycle(w, 100 + i);
      gc?.();
      rows.push({
        cycle: i,
        ...numbers,
        tensorsAfter: tf.memory().numTensors,
        heapMb: mb(process.memoryUsage().heapUsed),
      });
      const row = rows.at(-1)!;
      expect(row.status, `cycle ${i} was stopped, not run to the end`).toBe('stopped');
      expect(row.batches, `cycle ${i} trained past the first epoch`).toBeGreaterThan(STOP_AT.batch);
      expect(row.tensorsDuring, `cycle ${i} held tensors while training`).toBeGreaterThan(baseline);
      expect(row.tensorsAfter, `tensors left after cycle ${i}`).toBe(baseline);
    }
    const growth = rows[CYCLES - 1]!.heapMb - rows[2]!.heapMb;
    // Without a forced GC the heap reading includes garbage not yet collected: a looser bound.
    expect(growth, `heap growth from cycle 3 to ${CYCLES} (MB)`).toBeLessThan(
      gc ? HEAP_GROWTH_LIMIT_MB : 4 * HEAP_GROWTH_LIMIT_MB,
    );
  });
});
