import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register';
import { seededValues } from './test-utils';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** 14×14 images: class 1 has a bright vertical bar, class 0 a horizontal one, both at random places, plus noise. */
function bars(n: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const noise = seededValues(n * 14 * 14, 61);
  const where = seededValues(n, 62);
  const pixels = new Float32Array(n * 14 * 14);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const at = 2 + Math.floor(((where[i]! + 1) / 2) * 10);
    for (let r = 0; r < 14; r++)
      for (let c = 0; c < 14; c++) {
        const onBar = label === 1 ? c === at : r === at;
        pixels[(i * 14 + r) * 14 + c] = (onBar ? 1 : 0) + 0.2 * noise[(i * 14 + r) * 14 + c]!;
      }
    labels.push(label);
  }
  return tf.tidy(() => ({
    x: tf.tensor4d(pixels, [n, 14, 14, 1]),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), 2) as tf.Tensor2D,
  }));
}

describe('a CNN trains on wasm', () => {
  it('loss falls and accuracy rises with Conv2D (valid and strided same), pooling, Conv2DTranspose and a depthwise layer', async () => {
    const [tensorsBefore, buffersBefore] = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [14, 14, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const optimizer = tf.train.adam(0.01);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const { x, y } = bars(128);
    const first = (await model.evaluate(x, y, { batchSize: 64 })) as tf.Scalar[];
    const [loss0] = await Promise.all(first.map((t) => t.data()));
    const history = await model.fit(x, y, { epochs: 12, batchSize: 32, shuffle: true, verbose: 0 });
    const losses = history.history.loss as number[];
    const accuracy = history.history.acc as number[];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(0.5 * loss0![0]!);
    expect(accuracy.at(-1)!).toBeGreaterThan(0.9);
    tf.dispose([x, y, ...first]);
    model.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore); // nothing leaked across 12 epochs
    expect(tf.engine().backend.numDataIds()).toBe(buffersBefore);
  });
});
