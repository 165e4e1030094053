import { analyzeGraph } from '../model/analyze';
import type { Graph } from '../model/graph';

/** The WebGPU adapter limits that bound one tensor: a tfjs WebGPU tensor is one storage buffer. */
export interface GpuBufferLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;

/**
 * An upper bound, in bytes, on the largest float32 tensor one training step of `graph` makes: a
 * layer's activations for a batch of `batchSize`, or all of one layer's weights (its largest
 * weight and its gradient are no bigger).
 */
export function largestTensorBytes(graph: Graph, batchSize: number): number {
  const analysis = analyzeGraph(graph);
  let largest = 0;
  for (const shape of analysis.shapes.values()) {
    const cells = shape.reduce<number>((a, d) => a * (d ?? 1), 1);
    largest = Math.max(largest, cells * batchSize * 4);
  }
  for (const counts of analysis.counts.values()) largest = Math.max(largest, counts.total * 4);
  return largest;
}

/**
 * Why WebGPU cannot hold this model's largest tensor on this adapter, or null when it fits.
 * Pure: the choice calls it with the adapter's limits and `largestTensorBytes`.
 */
export function gpuLimitProblem(limits: GpuBufferLimits | undefined, tensorBytes: number | undefined): string | null {
  if (!limits || tensorBytes === undefined) return null;
  const limit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  if (tensorBytes <= limit) return null;
  return `the model's largest tensor (${mb(tensorBytes)}) exceeds this GPU's buffer limit (${mb(limit)}); use a smaller batch size or smaller layers`;
}
