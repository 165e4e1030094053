import * as tf from '@tensorflow/tfjs';
import type { Info } from './wasm-scope';

interface WasmHeap {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): tf.TypedArray;
}

type PoolArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

/**
 * MaxPoolGrad for wasm, as one pass in JavaScript over the wasm heap: each dY element goes to the
 * first maximum of its window (row-major order, NaN never wins), exactly as the cpu backend does.
 * The stock wasm kernel took about 35 ms of a 140 ms CNN step for the work this does in about 10.
 * Returns null for inputs it does not handle (non-float data), so the caller can use the stock kernel.
 */
export function maxPoolGradOnHeap(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): Info | null {
  const { dy, input } = args.inputs as { dy: Info; input: Info };
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const heap = args.backend as unknown as WasmHeap;
  const out = heap.makeOutput(input.shape, 'float32');
  // Views only after makeOutput: allocating may grow wasm memory and detach earlier views.
  const dx = heap.typedArrayFromHeap(out) as Float32Array;
  const x = heap.typedArrayFromHeap(input) as Float32Array;
  const g = heap.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const top = oy * sh - info.padInfo.top;
      const r0 = Math.max(0, top);
      const r1 = Math.min(h, top + fh);
      for (let ox = 0; ox < ow; ox++) {
        const left = ox * sw - info.padInfo.left;
        const q0 = Math.max(0, left);
        const q1 = Math.min(w, left + fw);
        for (let ch = 0; ch < c; ch++, gi++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let r = r0; r < r1; r++) {
            for (let q = q0; q < q1; q++) {
              const p = ((b * h + r) * w + q) * c + ch;
              const v = x[p]!;
              if (v > best) {
                best = v;
                at = p;
              }
            }
          }
          if (at >= 0) dx[at] = dx[at]! + g[gi]!;
        }
      }
    }
  }
  return out;
}

/**
 * AvgPoolGrad for wasm on the heap: every dY element is spread over the in-bounds part of its
 * window, times 1 / (filter area) as on the cpu backend (also at padded borders). The stock
 * kernel took about 25 ms for a [64,26,26,32] input, the forward pool under 3.
 */
export function avgPoolGradOnHeap(args: PoolArgs): Info | null {
  const { dy, input } = args.inputs as { dy: Info; input: Info };
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const attrs = args.attrs as unknown as tf.AvgPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
  );
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const scale = 1 / (fh * fw);
  const heap = args.backend as unknown as WasmHeap;
  const out = heap.makeOutput(input.shape, 'float32');
  const dx = heap.typedArrayFromHeap(out) as Float32Array;
  const g = heap.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const top = oy * sh - info.padInfo.top;
      const [r0, r1] = [Math.max(0, top), Math.min(h, top + fh)];
      for (let ox = 0; ox < ow; ox++) {
        const left = ox * sw - info.padInfo.left;
        const [q0, q1] = [Math.max(0, left), Math.min(w, left + fw)];
        const from = ((b * oh + oy) * ow + ox) * c;
        for (let r = r0; r < r1; r++) {
          for (let q = q0; q < q1; q++) {
            const to = ((b * h + r) * w + q) * c;
            for (let ch = 0; ch < c; ch++) dx[to + ch] = dx[to + ch]! + g[from + ch]! * scale;
          }
        }
      }
    }
  }
  return out;
}
