import type * as tf from '@tensorflow/tfjs';
import type { Info } from './wasm-scope';

interface WasmHeap {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): tf.TypedArray;
}

/**
 * Tile for wasm as block copies on the heap: the innermost axis is copied (or filled, for size 1)
 * once per repetition, and each outer axis's first repetition is then copied whole with copyWithin.
 * The stock kernel computes an index per element: tiling LayerNormalization's [1, 1, 64] gain to
 * [32, 64, 64] took about 30 ms of a char-gpt step (16 such tiles per step), this well under 1.
 * Returns null for what it does not handle (strings, scalars), so the caller can use the stock kernel.
 */
export function tileOnHeap(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): Info | null {
  const { x } = args.inputs as { x: Info };
  if (x.dtype === 'string' || x.dtype === 'complex64' || x.shape.length === 0) return null;
  const reps = (args.attrs as unknown as tf.TileAttrs).reps;
  const shape = x.shape;
  const rank = shape.length;
  const outShape = shape.map((s, i) => s * reps[i]!);
  const heap = args.backend as unknown as WasmHeap;
  const out = heap.makeOutput(outShape, x.dtype);
  if (outShape.some((s) => s === 0)) return out;
  // Views only after makeOutput: allocating may grow wasm memory and detach earlier views.
  const dst = heap.typedArrayFromHeap(out);
  const src = heap.typedArrayFromHeap(x);
  const inStride = new Array<number>(rank);
  const outStride = new Array<number>(rank);
  inStride[rank - 1] = 1;
  outStride[rank - 1] = 1;
  for (let i = rank - 2; i >= 0; i--) {
    inStride[i] = inStride[i + 1]! * shape[i + 1]!;
    outStride[i] = outStride[i + 1]! * outShape[i + 1]!;
  }
  const last = shape[rank - 1]!;
  const fill = (axis: number, from: number, to: number): void => {
    if (axis === rank - 1) {
      if (last === 1) dst.fill(src[from]! as never, to, to + reps[axis]!);
      else {
        const row = src.subarray(from, from + last);
        for (let r = 0; r < reps[axis]!; r++) dst.set(row as never, to + r * last);
      }
      return;
    }
    for (let i = 0; i < shape[axis]!; i++) fill(axis + 1, from + i * inStride[axis]!, to + i * outStride[axis]!);
    const block = shape[axis]! * outStride[axis]!;
    for (let r = 1; r < reps[axis]!; r++) dst.copyWithin(to + r * block, to, to + block);
  };
  fill(0, 0, 0);
  return out;
}
