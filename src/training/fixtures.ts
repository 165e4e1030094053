import type { PreparedDataset, Split, Task } from '../data/types';
import { mulberry32, type Rng } from '../data/random';

/**
 * Small synthetic datasets for tests and benchmarks: separable enough that a tiny MLP learns
 * them in a few epochs, generated from a seed so every run sees the same rows.
 */

function split(x: number[], y: number[]): Split {
  return { n: y.length, x: Float32Array.from(x), y: Float32Array.from(y) };
}

function make(
  task: Task,
  dims: number,
  classes: number,
  rows: (rng: Rng) => { x: number[]; y: number },
  sizes: [number, number, number],
  seed: number,
): PreparedDataset {
  const rng = mulberry32(seed);
  const parts = sizes.map((n) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = rows(rng);
      xs.push(...r.x);
      ys.push(r.y);
    }
    return split(xs, ys);
  });
  return {
    id: `synthetic-${task}`,
    name: `synthetic ${task}`,
    kind: 'tabular',
    task,
    inputShape: [dims],
    classNames: task === 'regression' ? null : Array.from({ length: classes }, (_, i) => `class ${i}`),
    train: parts[0]!,
    validation: parts[1]!,
    test: parts[2]!,
    transform: null,
  };
}

const gauss = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

/** `classes` Gaussian blobs in `dims` dimensions, centres 3 apart. */
export function blobs(
  classes: number,
  dims = 4,
  sizes: [number, number, number] = [240, 60, 60],
  seed = 1,
): PreparedDataset {
  const task: Task = classes === 2 ? 'binary' : 'multiclass';
  return make(
    task,
    dims,
    classes,
    (rng) => {
      const y = Math.floor(rng() * classes);
      const x = Array.from({ length: dims }, (_, d) => (d % classes === y ? 3 : 0) + 0.7 * gauss(rng));
      return { x, y };
    },
    sizes,
    seed,
  );
}

/** y = 2·x0 − x1 + 0.5·x2 + 1 + small noise. */
export function linear(dims = 3, sizes: [number, number, number] = [240, 60, 60], seed = 2): PreparedDataset {
  const w = [2, -1, 0.5, 0.25, -0.5];
  return make(
    'regression',
    dims,
    0,
    (rng) => {
      const x = Array.from({ length: dims }, () => gauss(rng));
      return { x, y: x.reduce((s, v, i) => s + v * (w[i % w.length] ?? 0), 1) + 0.05 * gauss(rng) };
    },
    sizes,
    seed,
  );
}

/**
 * `n` noise images of `side × side × channels` in [0, 1], labelled round-robin over `classes`:
 * enough for timing a real training step of an image model (nothing to learn).
 */
export function noiseImages(classes: number, side = 12, channels = 1, n = 16, seed = 3): PreparedDataset {
  const rng = mulberry32(seed);
  const size = side * side * channels;
  const part = (rows: number): Split => ({
    n: rows,
    x: Float32Array.from({ length: rows * size }, () => rng()),
    y: Float32Array.from({ length: rows }, (_, i) => i % classes),
  });
  return {
    id: 'synthetic-images',
    name: 'synthetic images',
    kind: 'image',
    task: classes === 2 ? 'binary' : 'multiclass',
    inputShape: [side, side, channels],
    classNames: Array.from({ length: classes }, (_, i) => `class ${i}`),
    train: part(n),
    validation: part(0),
    test: part(0),
    transform: null,
  };
}

/**
 * A recommendation table with several Inputs (PreparedDataset.inputs): each row is a user id, an
 * item id (1…users, 1…items; 0 is kept for unseen) and one float feature of noise. Every user and
 * item has a hidden side (its id's parity); a user likes an item on the same side. Nothing about
 * the rule is in the feature, so only the two embeddings can learn it.
 */
export function userItem(
  users = 12,
  items = 16,
  sizes: [number, number, number] = [600, 120, 120],
  seed = 4,
): PreparedDataset {
  const rng = mulberry32(seed);
  const [train, validation, test] = sizes.map((n) => {
    const x = new Float32Array(n * 3);
    const y = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      const u = 1 + Math.floor(rng() * users);
      const i = 1 + Math.floor(rng() * items);
      x.set([u, i, gauss(rng)], r * 3);
      y[r] = u % 2 === i % 2 ? 1 : 0;
    }
    return { n, x, y };
  }) as [Split, Split, Split];
  return {
    id: 'synthetic-user-item',
    name: 'synthetic user × item',
    kind: 'tabular',
    task: 'binary',
    inputShape: [3],
    classNames: ['no', 'yes'],
    train,
    validation,
    test,
    transform: null,
    inputs: [
      { name: 'user', shape: [1], dtype: 'int32', role: 'id', columns: ['user_id'], vocabulary: users + 1 },
      { name: 'item', shape: [1], dtype: 'int32', role: 'id', columns: ['item_id'], vocabulary: items + 1 },
      { name: 'features', shape: [1], dtype: 'float32', role: 'features', columns: ['noise'] },
    ],
  };
}
