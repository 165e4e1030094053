import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { makeConv2dBackpropInput } from './conv2d-backprop-input';
import { depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig } from './depthwise-backprop';
import { fusedAdamConfig } from './fused-adam';
import { makeTransposeFreeMatMul } from './matmul-transposed';
import { shareData } from './identity';
import { avgPoolGradOnHeap, maxPoolGradOnHeap } from './pool-grads';
import { tileOnHeap } from './tile';
import { registerTrainingGradients } from './tile-grad';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum';

export interface TrainingKernelRegistration {
  /** Kernels wasm did not have at all. */
  added: string[];
  /** Stock wasm kernels swapped for faster ones (each keeps the stock kernel as its fallback). */
  replaced: string[];
}

export interface WasmKernelOptions {
  /** Also replace the slow stock kernels (default true); false adds only the missing ones. */
  speedups?: boolean;
}

/** Kernels tfjs-backend-wasm 4.22 lacks and training needs. */
const ADDITIONS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/** Stock kernels that are correct but slow, and what wraps or replaces each. */
const REPLACEMENTS: ReadonlyArray<{ name: string; make(stock: tf.KernelFunc): tf.KernelFunc }> = [
  { name: tf.Conv2DBackpropInput, make: makeConv2dBackpropInput },
  { name: tf.MaxPoolGrad, make: (stock) => (args) => maxPoolGradOnHeap(args as never) ?? stock(args) },
  { name: tf.AvgPoolGrad, make: (stock) => (args) => avgPoolGradOnHeap(args as never) ?? stock(args) },
  { name: tf.BatchMatMul, make: (stock) => makeTransposeFreeMatMul(stock, true) },
  { name: tf._FusedMatMul, make: (stock) => makeTransposeFreeMatMul(stock) },
  { name: tf.Tile, make: (stock) => (args) => tileOnHeap(args as never) ?? stock(args) },
  { name: tf.Identity, make: (stock) => (args) => shareData(args as never) ?? stock(args) },
];

/** Kernels of our own that only the speedups use. */
const SPEEDUP_KERNELS: readonly tf.KernelConfig[] = [fusedAdamConfig];

const installed = new Set<string>();
const stockKernels = new Map<string, tf.KernelConfig>();

/**
 * Registers the training kernels tfjs-backend-wasm 4.22 lacks (so CNNs and Embeddings can train
 * on wasm) and, unless `speedups` is false, replaces its slow Conv2DBackpropInput, MaxPoolGrad, AvgPoolGrad,
 * transposed MatMuls and copying Identity. Safe to call again (nothing new is reported) and before or after the
 * wasm backend starts: replacements carry the stock kernel's setup, which their fallback uses.
 * A kernel that a future tfjs provides itself is left alone.
 */
export function registerWasmTrainingKernels(options: WasmKernelOptions = {}): TrainingKernelRegistration {
  const report: TrainingKernelRegistration = { added: [], replaced: [] };
  // Gradients are shared by every backend; ours replace tfjs ones that are correct but slow.
  registerTrainingGradients();
  for (const config of ADDITIONS) {
    if (installed.has(config.kernelName) || tf.getKernel(config.kernelName, 'wasm')) continue;
    tf.registerKernel(config);
    installed.add(config.kernelName);
    report.added.push(config.kernelName);
  }
  if (options.speedups === false) return report;
  // Our own kernels (no stock twin): the fused optimizer updates that withFusedAdam runs.
  for (const config of SPEEDUP_KERNELS) {
    if (installed.has(config.kernelName) || tf.getKernel(config.kernelName, 'wasm')) continue;
    tf.registerKernel(config);
    installed.add(config.kernelName);
  }
  for (const { name, make } of REPLACEMENTS) {
    const stock = tf.getKernel(name, 'wasm');
    if (installed.has(name) || !stock) continue;
    stockKernels.set(name, stock);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      kernelFunc: make(stock.kernelFunc),
      setupFunc: stock.setupFunc,
    });
    installed.add(name);
    report.replaced.push(name);
  }
  return report;
}

/** Puts wasm back as tfjs ships it (benchmarks compare the two). */
export function unregisterWasmTrainingKernels(): void {
  for (const name of installed) {
    tf.unregisterKernel(name, 'wasm');
    const stock = stockKernels.get(name);
    if (stock) tf.registerKernel(stock);
  }
  installed.clear();
  stockKernels.clear();
}

/** Names of the kernels this module adds to wasm. */
export const WASM_ADDED_KERNELS: readonly string[] = ADDITIONS.map((c) => c.kernelName);
/** Names of the stock wasm kernels it replaces. */
export const WASM_REPLACED_KERNELS: readonly string[] = REPLACEMENTS.map((r) => r.name);
