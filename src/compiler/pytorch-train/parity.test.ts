/**
 * train_lib.py against the TypeScript it ports, run side by side: the seeded splits and the
 * shuffle stream (src/data), the optimizers' steps (tfjs-core through src/training/optimizers.ts)
 * and the losses on probabilities (src/training/losses.ts).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, rngFor, shuffledIndices } from '../../data/random';
import { shuffleSplitIndices, stratifiedSplitIndices, type SplitRatios } from '../../data/split';
import { trainConfig, type LossName, type OptimizerConfig } from '../../training/config';
import { encodeLabels, lossFunction } from '../../training/losses';
import { makeOptimizer } from '../../training/optimizers';
import { findTestPython, type CommandRunner } from '../python/python-env';
import { TRAIN_LIB_PY } from './train-lib-py';

let python = '';
let run: CommandRunner;
let dir = '';

/** Runs `body` (Python, with train_lib imported as lib and the JSON `cases` bound) and parses its one printed JSON value. */
function py(body: string, cases: unknown): unknown {
  const script = `import json, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport numpy as np, torch\nimport train_lib as lib\ncases = json.load(open(${JSON.stringify(join(dir, 'cases.json'))}))\n${body}`;
  return writeFile(join(dir, 'cases.json'), JSON.stringify(cases)).then(() => {
    const r = run(python, ['-c', script], { timeoutMs: 60_000 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as unknown;
  });
}

beforeAll(async () => {
  ({ python, run } = await findTestPython((m) => console.log(m), ['torch', 'numpy']));
  dir = await mkdtemp(join(tmpdir(), 'layerloom-train-lib-'));
  await writeFile(join(dir, 'train_lib.py'), TRAIN_LIB_PY);
  await tf.setBackend('cpu');
}, 120_000);

describe('train_lib.py splits as src/data/split.ts does', () => {
  const labelsOf = (n: number, classes: readonly number[], seed: number) => {
    const rng = mulberry32(seed);
    return Array.from({ length: n }, () => classes[Math.floor(rng() * classes.length)]!);
  };
  const cases: { labels: number[]; seed: number; ratios: SplitRatios }[] = [
    { labels: [...Array(50).fill(0), ...Array(50).fill(1), ...Array(50).fill(2)], seed: 42, ratios: { train: 0.7, validation: 0.15, test: 0.15 } },
    { labels: labelsOf(97, [3, 10, -2, 7, 0], 1), seed: 7, ratios: { train: 0.8, validation: 0.1, test: 0.1 } },
    { labels: labelsOf(7, [0, 1], 2), seed: 4294967295, ratios: { train: 1, validation: 0, test: 1 } },
    { labels: labelsOf(1000, [0, 1, 2, 3], 3), seed: 123456789, ratios: { train: 0.6, validation: 0.2, test: 0.2 } },
  ];

  it('gives the same stratified and shuffled row indices for the same labels, ratios and seed', async () => {
    const got = (await py(
      `out = []\nfor c in cases:\n    s = lib.stratified_split(c["labels"], c["ratios"], lib.mulberry32(c["seed"]))\n    r = lib.shuffle_split(len(c["labels"]), c["ratios"], lib.mulberry32(c["seed"]))\n    out.append([list(s), list(r)])\nprint(json.dumps(out))`,
      cases,
    )) as number[][][][];
    cases.forEach((c, i) => {
      const s = stratifiedSplitIndices(c.labels, c.ratios, mulberry32(c.seed));
      const r = shuffleSplitIndices(c.labels.length, c.ratios, mulberry32(c.seed));
      expect(got[i]![0]).toEqual([s.train, s.validation, s.test].map((a) => Array.from(a)));
      expect(got[i]![1]).toEqual([r.train, r.validation, r.test].map((a) => Array.from(a)));
    });
  });

  it('shuffles each epoch as the trainer does (rngFor(seed, shuffle))', async () => {
    const got = (await py(`rng = lib.rng_for(cases["seed"], lib.SHUFFLE_SALT)\nprint(json.dumps([lib.shuffled_indices(cases["n"], rng).tolist() for _ in range(3)]))`, { seed: 7, n: 105 })) as number[][];
    const rng = rngFor(7, 'shuffle');
    expect(got).toEqual([0, 1, 2].map(() => Array.from(shuffledIndices(105, rng))));
  });
});

describe('train_lib.py trains as tfjs does', () => {
  const optimizers: OptimizerConfig[] = [
    { name: 'sgd', learningRate: 0.1 },
    { name: 'momentum', learningRate: 0.05, momentum: 0.8, nesterov: true },
    { name: 'adagrad', learningRate: 0.3, initialAccumulatorValue: 0.1 },
    { name: 'adadelta', learningRate: 1, rho: 0.95, epsilon: 1e-7 },
    { name: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    { name: 'adamax', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, decay: 0.01 },
    { name: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: false },
    { name: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: true },
  ];
  const start = [0.5, -1.2, 2];
  const scale = [1, 3, 0.5];
  const target = [1, -1, 0];

  it('takes the same optimizer steps (8 steps of a quadratic) for every optimizer', async () => {
    const got = (await py(
      `out = []\nfor s in cases["optimizers"]:\n    w = torch.nn.Parameter(torch.tensor(cases["start"]))\n    opt = lib.TfjsOptimizer([w], s)\n    for _ in range(8):\n        opt.zero_grad()\n        (torch.tensor(cases["scale"]) * (w - torch.tensor(cases["target"])) ** 2).sum().backward()\n        opt.step()\n    out.append(w.detach().tolist())\nprint(json.dumps(out))`,
      { optimizers, start, scale, target },
    )) as number[][];
    for (const [i, config] of optimizers.entries()) {
      const w = tf.variable(tf.tensor1d(start));
      const opt = makeOptimizer(trainConfig({ optimizer: config }).optimizer);
      for (let k = 0; k < 8; k++) opt.minimize(() => tf.sum(tf.mul(tf.tensor1d(scale), tf.square(tf.sub(w, tf.tensor1d(target))))) as tf.Scalar);
      const expected = Array.from(await w.data());
      got[i]!.forEach((v, j) => expect(v, `${config.name} weight ${j}`).toBeCloseTo(expected[j]!, 5));
      opt.dispose();
      w.dispose();
    }
  });

  it('computes every loss on probabilities as src/training/losses.ts does', async () => {
    const probs3 = [
      [0.7, 0.2, 0.1],
      [0, 1, 0],
      [0.25, 0.25, 0.5],
    ];
    const classes = [0, 2, 1];
    const probs1 = [[0.9], [0], [0.4]];
    const binary = [1, 0, 1];
    const cases: { loss: LossName; probs: number[][]; y: number[] }[] = [
      { loss: 'categorical_crossentropy', probs: probs3, y: classes },
      { loss: 'sparse_categorical_crossentropy', probs: probs3, y: classes },
      { loss: 'binary_crossentropy', probs: probs1, y: binary },
      ...(['mse', 'mae', 'huber', 'hinge'] as const).map((loss) => ({ loss, probs: [[2.5], [-0.3], [0.4]], y: [1, 0, 3] })),
    ];
    const got = (await py(
      `out = []\nfor c in cases:\n    probs = torch.tensor(c["probs"])\n    out.append(lib.sample_losses(c["loss"], lib.targets_for(c["loss"], torch.tensor(c["y"]), probs.shape[-1]), probs).mean().item())\nprint(json.dumps(out))`,
      cases,
    )) as number[];
    cases.forEach((c, i) => {
      const units = c.probs[0]!.length;
      const value = tf.tidy(() => lossFunction(c.loss)(encodeLabels(c.loss, Float32Array.from(c.y), units), tf.tensor2d(c.probs)).dataSync()[0]!);
      expect(got[i], c.loss).toBeCloseTo(value, 5);
    });
  });
});
