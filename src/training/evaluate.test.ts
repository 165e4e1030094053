import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { blobs, linear } from './fixtures';
import { accuracy, predictedClasses, regressionMetrics } from './metrics';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('metrics from plain arrays', () => {
  it('accuracy uses argmax for several units and a threshold for one', () => {
    const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6]);
    expect(Array.from(predictedClasses(probs, 3))).toEqual([1, 0, 2]);
    expect(accuracy(probs, 3, Float32Array.from([1, 0, 0]))).toBeCloseTo(2 / 3, 10);
    expect(accuracy(Float32Array.from([0.2, 0.51, 0.5]), 1, Float32Array.from([0, 1, 1]))).toBeCloseTo(2 / 3, 10);
    expect(accuracy(Float32Array.from([-0.3, 0.1]), 1, Float32Array.from([0, 1]), 0)).toBe(1);
  });

  it('regression metrics: mae, mse and r2', () => {
    const m = regressionMetrics(Float32Array.from([1, 2, 4]), Float32Array.from([1, 3, 3]));
    expect(m.mae).toBeCloseTo(2 / 3, 10);
    expect(m.mse).toBeCloseTo(2 / 3, 10);
    // mean 7/3; SStot = 16/9 + 4/9 + 4/9 = 8/3; r2 = 1 − 2/(8/3) = 0.25
    expect(m.r2).toBeCloseTo(0.25, 10);
    expect(regressionMetrics(Float32Array.from([5, 5]), Float32Array.from([5, 5])).r2).toBe(1);
  });
});

describe('evaluate', () => {
  it('scores a split in batches with predictions for every row, leaving no tensors behind', async () => {
    const data = blobs(3, 4, [10, 10, 37]);
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
    const before = tf.memory().numTensors;
    const ev = await evaluate(model, data.test, data.task, { batchSize: 8 });
    expect(tf.memory().numTensors).toBe(before);
    expect(ev.n).toBe(37);
    expect(ev.predictions).toHaveLength(37 * 3);
    const whole = model.predict(tf.tensor2d(data.test.x, [37, 4])) as tf.Tensor;
    const expected = whole.dataSync();
    ev.predictions.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    const labels = tf.oneHot(tf.tensor1d(Int32Array.from(data.test.y), 'int32'), 3);
    const keras = tf.mean(tf.metrics.categoricalCrossentropy(labels, whole)).dataSync()[0]!;
    expect(ev.loss).toBeCloseTo(keras, 5);
    expect(ev.metrics).toEqual({ kind: 'classification', accuracy: accuracy(ev.predictions, 3, data.test.y) });
    tf.dispose([whole, labels]);
    model.dispose();
  });

  it('includes the weight penalty in the loss, as training does', async () => {
    const data = linear();
    const plain = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [3], units: 1, kernelInitializer: 'ones' })],
    });
    const penalised = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [3],
          units: 1,
          kernelInitializer: 'ones',
          kernelRegularizer: tf.regularizers.l2({ l2: 0.5 }),
        }),
      ],
    });
    const a = await evaluate(plain, data.test, data.task);
    const b = await evaluate(penalised, data.test, data.task);
    // 0.5 × (1² + 1² + 1²)
    expect(b.loss - a.loss).toBeCloseTo(1.5, 4);
    expect(b.metrics).toEqual(a.metrics);
    expect(a.metrics.kind).toBe('regression');
    plain.dispose();
    penalised.dispose();
  });

  it('refuses a split whose rows do not match the input shape, saying how many values it needs', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
    await expect(
      evaluate(model, { n: 2, x: new Float32Array(6), y: new Float32Array(2) }, 'regression'),
    ).rejects.toThrow(/6 values for 2 rows.*need 8/);
    model.dispose();
  });
});
