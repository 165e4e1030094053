import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOptimizer, readOptimizerState } from '../optimizers';
import { FUSED_ADAM } from './fused-adam';
import { registerWasmTrainingKernels } from './register';
import { seededValues } from './test-utils';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** `steps` Adam steps on two weights with seeded gradients; the weights and optimizer state after. */
async function train(optimizer: tf.Optimizer, steps: number) {
  const w = tf.variable(tf.tensor2d(seededValues(6 * 5, 1), [6, 5]), true, `w${Math.random()}`);
  const b = tf.variable(tf.tensor1d(seededValues(5, 2)), true, `b${Math.random()}`);
  for (let s = 0; s < steps; s++) {
    const grads = {
      [w.name]: tf.tensor2d(seededValues(30, 10 + s), [6, 5]),
      [b.name]: tf.tensor1d(seededValues(5, 50 + s)),
    };
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const out = { w: Array.from(await w.data()), b: Array.from(await b.data()) };
  const state = await readOptimizerState(optimizer, 'adam');
  tf.dispose([w, b]);
  optimizer.dispose();
  return { ...out, state };
}

describe('fused Adam on wasm', () => {
  const config = { name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

  it('equals tfjs Adam to the bit over 5 steps: weights, moments, β powers and step count', async () => {
    const fused = await train(makeOptimizer(config), 5);
    const stock = await train(tf.train.adam(0.01, 0.9, 0.999, 1e-7), 5);
    expect(fused.w).toEqual(stock.w);
    expect(fused.b).toEqual(stock.b);
    expect(fused.state.iterations).toBe(5);
    expect(fused.state.scalars).toEqual(stock.state.scalars);
    expect(fused.state.slots.map((s) => s.name.replace(/\d|\./g, ''))).toEqual(
      stock.state.slots.map((s) => s.name.replace(/\d|\./g, '')),
    );
    fused.state.slots.forEach((s, i) => expect(Array.from(s.values)).toEqual(Array.from(stock.state.slots[i]!.values)));
    // The weights moved: the comparison is not between two untouched copies.
    expect(fused.w).not.toEqual(Array.from(seededValues(30, 1)));
  });

  it('runs one kernel per weight and leaves no tensor behind', async () => {
    const optimizer = makeOptimizer(config);
    const w = tf.variable(tf.ones([3, 4]), true, `w${Math.random()}`);
    const step = () => {
      const g = tf.fill([3, 4], 0.5);
      optimizer.applyGradients({ [w.name]: g });
      g.dispose();
    };
    step(); // creates the slots
    const before = tf.memory().numTensors;
    const profile = await tf.profile(step);
    expect(profile.kernels.filter((k) => k.name === FUSED_ADAM)).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(w);
    optimizer.dispose();
  });

  it('leaves the cpu backend to tfjs', async () => {
    await tf.setBackend('cpu');
    try {
      const optimizer = makeOptimizer(config);
      const w = tf.variable(tf.ones([2]), true, `w${Math.random()}`);
      const profile = await tf.profile(() => optimizer.applyGradients({ [w.name]: tf.ones([2]) }));
      expect(profile.kernels.some((k) => k.name === FUSED_ADAM)).toBe(false);
      expect(Array.from(await w.data())[0]).toBeCloseTo(1 - 0.01, 5);
      tf.dispose(w);
      optimizer.dispose();
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
