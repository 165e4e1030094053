import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register';
import { relativeError, runOn, seededValues } from './test-utils';
import { fastPathFallbacks } from './wasm-scope';

type Pad = 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

interface ConvCase {
  batch: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  k: [number, number];
  stride: [number, number];
  pad: Pad;
}

/** Gradients of Σ conv2d(x, w) · r with respect to x and w (r makes dY non-uniform). */
function convGrads(c: ConvCase): tf.Tensor[] {
  const x = tf.tensor4d(seededValues(c.batch * c.h * c.w * c.ci, 1), [c.batch, c.h, c.w, c.ci]);
  const w = tf.tensor4d(seededValues(c.k[0] * c.k[1] * c.ci * c.co, 2), [c.k[0], c.k[1], c.ci, c.co]);
  const outShape = tf.conv2d(x, w, c.stride, c.pad).shape;
  const r = tf.tensor(
    seededValues(
      outShape.reduce((p, d) => p * d, 1),
      3,
    ),
    outShape,
  );
  return tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r)),
  )([x, w]);
}

const cases: ConvCase[] = [];
for (const pad of ['valid', 'same'] as const) {
  for (const k of [1, 2, 3, 5]) {
    for (const stride of [1, 2]) {
      cases.push({ batch: 3, h: 9, w: 8, ci: 2, co: 4, k: [k, k], stride: [stride, stride], pad });
    }
  }
}
cases.push({ batch: 2, h: 10, w: 7, ci: 3, co: 5, k: [3, 2], stride: [2, 1], pad: 'same' });
cases.push({ batch: 2, h: 8, w: 8, ci: 1, co: 3, k: [3, 3], stride: [3, 3], pad: 'valid' });
cases.push({
  batch: 2,
  h: 7,
  w: 9,
  ci: 2,
  co: 2,
  k: [3, 3],
  stride: [2, 2],
  pad: [
    [0, 0],
    [1, 3],
    [0, 2],
    [0, 0],
  ],
});
cases.push({
  batch: 2,
  h: 6,
  w: 6,
  ci: 2,
  co: 2,
  k: [2, 2],
  stride: [1, 1],
  pad: [
    [0, 0],
    [4, 0],
    [0, 3],
    [0, 0],
  ],
});
cases.push({ batch: 2, h: 4, w: 3, ci: 2, co: 3, k: [5, 5], stride: [1, 1], pad: 'same' }); // filter larger than the image
cases.push({ batch: 1, h: 5, w: 5, ci: 1, co: 1, k: [5, 5], stride: [2, 2], pad: 'valid' }); // a single output position

const name = (c: ConvCase) =>
  `k ${c.k.join('×')}, stride ${c.stride.join('×')}, pad ${typeof c.pad === 'string' ? c.pad : JSON.stringify(c.pad.slice(1, 3))}, ` +
  `x ${c.batch}×${c.h}×${c.w}×${c.ci} → ${c.co}`;

describe('Conv2D gradients on wasm match the cpu backend', () => {
  it.each(cases.map((c) => [name(c), c] as const))('%s', async (_label, c) => {
    const before = fastPathFallbacks().length;
    const [dxWasm, dwWasm] = await runOn('wasm', () => convGrads(c));
    const [dxCpu, dwCpu] = await runOn('cpu', () => convGrads(c));
    expect(relativeError(dwWasm!, dwCpu!)).toBeLessThan(1e-5);
    expect(relativeError(dxWasm!, dxCpu!)).toBeLessThan(1e-5);
    expect(Math.max(...dwCpu!.map(Math.abs))).toBeGreaterThan(0.1); // a real, non-trivial gradient
    expect(fastPathFallbacks().length).toBe(before); // the XNNPACK path ran, not the fallback
  });
});

describe('Conv2DTranspose (forward runs Conv2DBackpropInput) on wasm matches cpu', () => {
  it.each([
    ['same', 2],
    ['valid', 2],
    ['same', 1],
  ] as const)('pad %s, stride %i: output and gradients', async (pad, stride) => {
    const f = () => {
      const x = tf.tensor4d(seededValues(2 * 5 * 4 * 3, 4), [2, 5, 4, 3]);
      const w = tf.tensor4d(seededValues(3 * 3 * 6 * 3, 5), [3, 3, 6, 3]); // [k, k, out, in]
      const oh = pad === 'same' ? 5 * stride : (5 - 1) * stride + 3;
      const ow = pad === 'same' ? 4 * stride : (4 - 1) * stride + 3;
      const shape: [number, number, number, number] = [2, oh, ow, 6];
      const r = tf.tensor4d(seededValues(2 * oh * ow * 6, 6), shape);
      const y = tf.conv2dTranspose(x, w, shape, stride, pad);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, shape, stride, pad), r)),
      )([x, w]);
      return [y, dx!, dw!];
    };
    const wasm = await runOn('wasm', f);
    const cpu = await runOn('cpu', f);
    for (let i = 0; i < 3; i++) expect(relativeError(wasm[i]!, cpu[i]!)).toBeLessThan(1e-5);
  });
});
