import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register';
import { relativeError, runOn, seededValues } from './test-utils';
import { fastPathFallbacks } from './wasm-scope';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

interface DepthwiseCase {
  batch: number;
  h: number;
  w: number;
  c: number;
  multiplier: number;
  k: number;
  stride: number;
  pad: 'valid' | 'same';
}

function depthwiseGrads(c: DepthwiseCase): tf.Tensor[] {
  const x = tf.tensor4d(seededValues(c.batch * c.h * c.w * c.c, 11), [c.batch, c.h, c.w, c.c]);
  const w = tf.tensor4d(seededValues(c.k * c.k * c.c * c.multiplier, 12), [c.k, c.k, c.c, c.multiplier]);
  const outShape = tf.depthwiseConv2d(x, w, c.stride, c.pad).shape;
  const r = tf.tensor(
    seededValues(
      outShape.reduce((p, d) => p * d, 1),
      13,
    ),
    outShape,
  );
  const loss = (a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r));
  return tf.grads(loss)([x, w]);
}

const cases: DepthwiseCase[] = [];
for (const pad of ['valid', 'same'] as const) {
  for (const [k, stride, multiplier] of [
    [3, 1, 1],
    [3, 2, 1],
    [5, 1, 2],
    [2, 2, 3],
  ] as const) {
    cases.push({ batch: 3, h: 9, w: 8, c: 3, multiplier, k, stride, pad });
  }
}

describe('DepthwiseConv2D gradients on wasm match the cpu backend', () => {
  it.each(cases.map((c) => [`k ${c.k}, stride ${c.stride}, ×${c.multiplier}, ${c.pad}`, c] as const))(
    '%s',
    async (_label, c) => {
      const before = fastPathFallbacks().length;
      const [dxWasm, dwWasm] = await runOn('wasm', () => depthwiseGrads(c));
      const [dxCpu, dwCpu] = await runOn('cpu', () => depthwiseGrads(c));
      expect(relativeError(dwWasm!, dwCpu!)).toBeLessThan(1e-5);
      expect(relativeError(dxWasm!, dxCpu!)).toBeLessThan(1e-5);
      expect(fastPathFallbacks().length).toBe(before);
    },
  );

  it('handles dilated filters (kernels called directly: tfjs gradients refuse dilation > 1 and cpu ignores it)', async () => {
    const [b, h, w, c, m, k, d, top] = [2, 9, 9, 2, 2, 3, 2, 2]; // 'same' with an effective 5×5 filter
    const xv = seededValues(b * h * w * c, 21);
    const dyv = seededValues(b * h * w * c * m, 22);
    const wv = seededValues(k * k * c * m, 23);
    const common = { strides: 1, dilations: d, pad: 'same' };
    const [dw, dx] = await runOn('wasm', () => {
      const x = tf.tensor4d(xv, [b, h, w, c]);
      const dy = tf.tensor4d(dyv, [b, h, w, c * m]);
      const filter = tf.tensor4d(wv, [k, k, c, m]);
      return [
        tf
          .engine()
          .runKernel(
            tf.DepthwiseConv2dNativeBackpropFilter,
            { x, dy },
            { ...common, filterShape: [k, k, c, m] },
          ) as tf.Tensor,
        tf
          .engine()
          .runKernel(
            tf.DepthwiseConv2dNativeBackpropInput,
            { dy, filter },
            { ...common, inputShape: [b, h, w, c] },
          ) as tf.Tensor,
      ];
    });
    // Direct sums over every (batch, output position, tap, channel, multiplier).
    const dwRef = new Float32Array(k * k * c * m);
    const dxRef = new Float32Array(b * h * w * c);
    for (let n = 0; n < b; n++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++)
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) {
              const [r, q] = [y + i * d - top, x + j * d - top];
              if (r < 0 || r >= h || q < 0 || q >= w) continue;
              for (let ch = 0; ch < c; ch++)
                for (let mu = 0; mu < m; mu++) {
                  const g = dyv[((n * h + y) * w + x) * c * m + ch * m + mu]!;
                  dwRef[((i * k + j) * c + ch) * m + mu]! += xv[((n * h + r) * w + q) * c + ch]! * g;
                  dxRef[((n * h + r) * w + q) * c + ch]! += wv[((i * k + j) * c + ch) * m + mu]! * g;
                }
            }
    expect(relativeError(dw!, dwRef)).toBeLessThan(1e-5);
    expect(relativeError(dx!, dxRef)).toBeLessThan(1e-5);
  });
});
