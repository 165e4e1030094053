import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dBackpropFilterGeneric } from './conv2d-backprop-filter';
import { depthwiseBackpropFilterGeneric } from './depthwise-backprop';
import { registerWasmTrainingKernels, WASM_ADDED_KERNELS, WASM_REPLACED_KERNELS } from './register';
import { relativeError, runOn, seededValues } from './test-utils';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

type Generic = typeof conv2dBackpropFilterGeneric;

/** Runs a kernel function on the active backend outside the registry and wraps its result. */
function direct(kernel: Generic, inputs: Record<string, tf.Tensor>, attrs: object): tf.Tensor {
  const info = kernel({ inputs, backend: tf.engine().backend, attrs: attrs as tf.NamedAttrMap });
  return tf.engine().makeTensorFromTensorInfo(info);
}

describe('general fallbacks match the cpu kernels', () => {
  type Pad = 'valid' | 'same' | tf.backend_util.ExplicitPadding;
  it.each<[number, Pad]>([
    [1, 'valid'],
    [2, 'same'],
    [
      3,
      [
        [0, 0],
        [2, 0],
        [1, 3],
        [0, 0],
      ],
    ],
  ])('Conv2DBackpropFilter via strided slices + MatMul, stride %i, pad %j', async (stride, pad) => {
    const x = seededValues(2 * 9 * 8 * 3, 41);
    const outShape = tf.tidy(
      () => tf.conv2d(tf.zeros([2, 9, 8, 3]) as tf.Tensor4D, tf.zeros([3, 3, 3, 4]) as tf.Tensor4D, stride, pad).shape,
    );
    const dy = seededValues(
      outShape.reduce((p, d) => p * d, 1),
      42,
    );
    const attrs = { strides: stride, pad, dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] };
    const [generic] = await runOn('wasm', () => [
      direct(conv2dBackpropFilterGeneric, { x: tf.tensor4d(x, [2, 9, 8, 3]), dy: tf.tensor(dy, outShape) }, attrs),
    ]);
    const [cpu] = await runOn('cpu', () => [
      tf
        .engine()
        .runKernel(
          tf.Conv2DBackpropFilter,
          { x: tf.tensor4d(x, [2, 9, 8, 3]), dy: tf.tensor(dy, outShape) },
          attrs,
        ) as tf.Tensor,
    ]);
    expect(relativeError(generic!, cpu!)).toBeLessThan(1e-5);
  });

  it('DepthwiseConv2dNativeBackpropFilter via strided slices, stride 2, multiplier 2', async () => {
    const x = seededValues(2 * 8 * 7 * 3, 43);
    const dy = seededValues(2 * 4 * 4 * 6, 44);
    const attrs = { strides: 2, dilations: 1, pad: 'same', filterShape: [3, 3, 3, 2] };
    const inputs = () => ({ x: tf.tensor4d(x, [2, 8, 7, 3]), dy: tf.tensor4d(dy, [2, 4, 4, 6]) });
    const [generic] = await runOn('wasm', () => [direct(depthwiseBackpropFilterGeneric, inputs(), attrs)]);
    const [cpu] = await runOn('cpu', () => [
      tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropFilter, inputs(), attrs) as tf.Tensor,
    ]);
    expect(relativeError(generic!, cpu!)).toBeLessThan(1e-5);
  });
});

describe('channels-first (NCHW) convolution gradients', () => {
  it('Conv2DBackpropFilter and Conv2DBackpropInput accept NCHW tensors', async () => {
    const x = seededValues(2 * 3 * 7 * 6, 45);
    const dy = seededValues(2 * 4 * 4 * 3, 46);
    const w = seededValues(3 * 3 * 3 * 4, 47);
    // x is [b, ci, H, W] = [2, 3, 7, 6]; dY is [b, co, oh, ow] = [2, 4, 4, 3].
    const common = { strides: 2, pad: 'same', dataFormat: 'NCHW' };
    const f = () => [
      tf
        .engine()
        .runKernel(
          tf.Conv2DBackpropFilter,
          { x: tf.tensor4d(x, [2, 3, 7, 6]), dy: tf.tensor4d(dy, [2, 4, 4, 3]) },
          { ...common, filterShape: [3, 3, 3, 4] },
        ) as tf.Tensor,
      tf
        .engine()
        .runKernel(
          tf.Conv2DBackpropInput,
          { dy: tf.tensor4d(dy, [2, 4, 4, 3]), filter: tf.tensor4d(w, [3, 3, 3, 4]) },
          { ...common, inputShape: [2, 3, 7, 6] },
        ) as tf.Tensor,
    ];
    const wasm = await runOn('wasm', f);
    const cpu = await runOn('cpu', f);
    expect(relativeError(wasm[0]!, cpu[0]!)).toBeLessThan(1e-5);
    expect(relativeError(wasm[1]!, cpu[1]!)).toBeLessThan(1e-5);
  });
});

describe('memory', () => {
  it('every added kernel frees its intermediates (no wasm data ids left behind)', async () => {
    await tf.setBackend('wasm');
    const backend = tf.engine().backend;
    const step = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(seededValues(2 * 8 * 8 * 2, 48), [2, 8, 8, 2]);
        const w = tf.tensor4d(seededValues(3 * 3 * 2 * 3, 49), [3, 3, 2, 3]);
        const dw = tf.tensor4d(seededValues(3 * 3 * 2 * 2, 50), [3, 3, 2, 2]);
        const table = tf.tensor2d(seededValues(5 * 2, 51), [5, 2]);
        const ids = tf.tensor1d([0, 3, 3], 'int32');
        const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, t: tf.Tensor) =>
          tf.add(
            tf.add(
              tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')),
              tf.sum(tf.depthwiseConv2d(a as tf.Tensor4D, c as tf.Tensor4D, 1, 'same')),
            ),
            tf.sum(tf.gather(t, ids)),
          );
        return tf.grads(loss)([x, w, dw, table]);
      });
    tf.dispose(step()); // warm-up: lazily created backend state
    const [tensors, ids] = [tf.memory().numTensors, backend.numDataIds()];
    for (let i = 0; i < 3; i++) tf.dispose(step());
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(ids);
  });

  it('registration is idempotent and covers every listed kernel', () => {
    expect(registerWasmTrainingKernels()).toEqual({ added: [], replaced: [] });
    for (const name of [...WASM_ADDED_KERNELS, ...WASM_REPLACED_KERNELS])
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
  });
});
