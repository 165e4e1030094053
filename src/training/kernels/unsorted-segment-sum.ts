import * as tf from '@tensorflow/tfjs';
import type { Info } from './wasm-scope';

/** The slice of the wasm backend this kernel uses (its heap views). */
interface WasmHeap {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): tf.TypedArray;
}

/**
 * UnsortedSegmentSum for wasm (missing in 4.22; Embedding's gradient needs it):
 * out[s, …] = Σ_{i: ids[i] = s} x[i, …]. One pass over the data on the wasm heap; ids outside
 * [0, numSegments) are skipped, as on the cpu backend. A one-hot MatMul would need
 * ids × numSegments floats (6,400 × 10,000 for a small text model), hence the loop.
 */
export function unsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): Info {
  const { x, segmentIds } = args.inputs as { x: Info; segmentIds: Info };
  const { numSegments } = args.attrs as unknown as tf.UnsortedSegmentSumAttrs;
  const heap = args.backend as unknown as WasmHeap;
  const rows = tf.util.sizeFromShape(segmentIds.shape);
  const inner = rows === 0 ? 0 : tf.util.sizeFromShape(x.shape) / rows;
  if (!Number.isInteger(inner)) {
    throw new Error(`UnsortedSegmentSum: x of shape [${x.shape}] does not split into ${rows} segments.`);
  }
  const dtype = x.dtype === 'int32' ? 'int32' : 'float32';
  const out = heap.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], dtype);
  // Views are taken after makeOutput: allocating can grow wasm memory and detach older views.
  const outVals = heap.typedArrayFromHeap(out);
  const xVals = heap.typedArrayFromHeap(x);
  const ids = heap.typedArrayFromHeap(segmentIds);
  outVals.fill(0);
  for (let i = 0; i < rows; i++) {
    const segment = ids[i]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let j = 0; j < inner; j++) outVals[to + j] = outVals[to + j]! + xVals[from + j]!;
  }
  return out;
}

export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
};
