import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuKernelFixes } from './cpu-fixes';

/** The nearest-neighbour 2× upsampling gradient, by definition: each input pixel sums its 2×2 block of dy. */
function reference(dy: Float32Array, b: number, h: number, c: number): Float32Array {
  const out = new Float32Array(b * h * h * c);
  for (let n = 0; n < b; n++)
    for (let y = 0; y < 2 * h; y++)
      for (let x = 0; x < 2 * h; x++)
        for (let k = 0; k < c; k++)
          out[((n * h + (y >> 1)) * h + (x >> 1)) * c + k]! += dy[((n * 2 * h + y) * 2 * h + x) * c + k]!;
  return out;
}

async function upsampleGrad(b: number, h: number, c: number) {
  const dy = tf.randomNormal([b, 2 * h, 2 * h, c], 0, 1, 'float32', 3);
  const x = tf.zeros([b, h, h, c]);
  const g = tf.grad((t: tf.Tensor) =>
    tf.mul(tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [2 * h, 2 * h]), dy).sum(),
  )(x);
  const [got, want] = [await g.data(), reference((await dy.data()) as Float32Array, b, h, c)];
  tf.dispose([dy, x, g]);
  return Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]!)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cpu kernel fixes', () => {
  it('UpSampling2D’s gradient is right for a batch of several images (stock cpu gets it wrong)', async () => {
    expect(await upsampleGrad(1, 7, 3)).toBeLessThan(1e-5); // stock is right for one image…
    expect(await upsampleGrad(2, 7, 3)).toBeGreaterThan(0.1); // …and wrong for two
    registerCpuKernelFixes();
    const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    expect(await upsampleGrad(2, 7, 3)).toBeLessThan(1e-5);
    expect(await upsampleGrad(3, 14, 8)).toBeLessThan(1e-5);
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before); // nothing left behind
  });
});

describe('the bilinear resize gradient on cpu', () => {
  /** The gradient of Σ resize(x)·w, for a non-square batch, on one backend. */
  async function bilinearGrad(backend: string, alignCorners: boolean): Promise<Float32Array> {
    await tf.setBackend(backend);
    const x = tf.randomNormal([3, 4, 5, 2], 0, 1, 'float32', 1);
    const w = tf.randomNormal([3, 9, 7, 2], 0, 1, 'float32', 2);
    const g = tf.grad((t: tf.Tensor) =>
      tf.sum(tf.mul(tf.image.resizeBilinear(t as tf.Tensor4D, [9, 7], alignCorners), w)),
    )(x);
    expect(g.shape).toEqual([3, 4, 5, 2]);
    const out = (await g.data()) as Float32Array;
    tf.dispose([x, w, g]);
    return out;
  }

  it.each([false, true])('matches wasm for images that are not square (alignCorners %s)', async (alignCorners) => {
    await import('@tensorflow/tfjs-backend-wasm');
    registerCpuKernelFixes();
    const cpu = await bilinearGrad('cpu', alignCorners);
    const wasm = await bilinearGrad('wasm', alignCorners);
    await tf.setBackend('cpu');
    expect(Math.max(...Array.from(cpu, (v, i) => Math.abs(v - wasm[i]!)))).toBeLessThan(1e-4);
  });
});
