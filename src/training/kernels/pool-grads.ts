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
  // Channels innermost, so every read of x is contiguous; per channel, the best value so far and
  // where it was. Windows are walked row-major with a strict >, so ties keep the first maximum.
  if (
    fh === 2 &&
    fw === 2 &&
    sh === 2 &&
    sw === 2 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    2 * oh <= h &&
    2 * ow <= w
  ) {
    maxPoolGrad2x2(x, g, dx, batchSize, h, w, c, oh, ow);
    return out;
  }
  const best = new Float32Array(c);
  const at = new Int32Array(c);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const top = oy * sh - info.padInfo.top;
      const r0 = Math.max(0, top);
      const r1 = Math.min(h, top + fh);
      for (let ox = 0; ox < ow; ox++) {
        const left = ox * sw - info.padInfo.left;
        const q0 = Math.max(0, left);
        const q1 = Math.min(w, left + fw);
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let r = r0; r < r1; r++) {
          for (let q = q0; q < q1; q++) {
            const base = ((b * h + r) * w + q) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch]!;
              if (v > best[ch]!) {
                best[ch] = v;
                at[ch] = base + ch;
              }
            }
          }
        }
        const gi = ((b * oh + oy) * ow + ox) * c;
        for (let ch = 0; ch < c; ch++) {
          const p = at[ch]!;
          if (p >= 0) dx[p] = dx[p]! + g[gi + ch]!;
        }
      }
    }
  }
  return out;
}

/**
 * The common 2×2, stride 2 case with every window inside the input, without window bounds: the four candidates of each
 * output are compared in row-major order with a strict >, so ties and NaN behave as above.
 */
function maxPoolGrad2x2(
  x: Float32Array,
  g: Float32Array,
  dx: Float32Array,
  batchSize: number,
  h: number,
  w: number,
  c: number,
  oh: number,
  ow: number,
): void {
  const row = w * c;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const p00 = (b * h + 2 * oy) * row + 2 * ox * c;
        const gi = ((b * oh + oy) * ow + ox) * c;
        for (let ch = 0; ch < c; ch++) {
          const a = p00 + ch;
          let at = -1;
          let best = Number.NEGATIVE_INFINITY;
          let v = x[a]!;
          if (v > best) {
            best = v;
            at = a;
          }
          v = x[a + c]!;
          if (v > best) {
            best = v;
            at = a + c;
          }
          v = x[a + row]!;
          if (v > best) {
            best = v;
            at = a + row;
          }
          if (x[a + row + c]! > best) at = a + row + c;
          if (at >= 0) dx[at] = dx[at]! + g[gi + ch]!;
        }
      }
    }
  }
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
