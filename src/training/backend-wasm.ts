import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels, type TrainingKernelRegistration } from './kernels/register';

export type WasmBinaryName =
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

export interface WasmSetupOptions {
  /**
   * Where the .wasm binaries are served: a folder URL ending in '/', or one URL per binary.
   * Default: in Node, none is needed (tfjs reads them from node_modules); in a browser or worker,
   * the copies Vite bundles with the app (backend-wasm-assets.ts).
   */
  wasmPaths?: string | Record<WasmBinaryName, string>;
  /**
   * XNNPACK threads (default 1). More than 1 loads the threaded binary, which needs cross-origin
   * isolation and an unminified worker bundle: tfjs turns its own factory into the source of its
   * pthread workers, and a minified factory no longer runs there, so start-up hangs. On these
   * 2-core machines tfjs would pick 1 thread anyway; 2 threads sped a CNN up 18% and slowed an MLP
   * down 32% (perf-baseline.md).
   */
  threads?: number;
  /** false forces the non-SIMD binary (for comparisons); default: SIMD when the engine has it. */
  simd?: boolean;
  /** Also replace the slow stock kernels (default true). */
  speedups?: boolean;
}

export interface WasmSetup extends TrainingKernelRegistration {
  /** Where the binaries come from: 'node_modules (Node)', 'bundled with the app', 'custom'. */
  binaries: string;
  /** True when the wasm backend had already started, so paths and threads could not change. */
  alreadyStarted: boolean;
}

export interface WasmFeatures {
  simd: boolean;
  threads: number;
}

function inNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/**
 * Prepares the wasm backend for training: registers the missing and faster training kernels,
 * points tfjs at the .wasm binaries and sets threads/SIMD. Call it before the wasm backend
 * starts (tf.setBackend('wasm')); calling it again only re-checks the kernels.
 */
export async function setupWasm(options: WasmSetupOptions = {}): Promise<WasmSetup> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`setupWasm: threads must be a whole number ≥ 1, got ${threads}.`);
  }
  const kernels = registerWasmTrainingKernels({ speedups: options.speedups ?? true });
  // Not tf.findBackend: that starts the backend (with default paths) as a side effect.
  if ('wasm' in tf.engine().registry) return { ...kernels, binaries: 'already loaded', alreadyStarted: true };
  let binaries = 'node_modules (Node)';
  let paths = options.wasmPaths;
  if (paths != null) binaries = 'custom';
  else if (!inNode()) {
    paths = (await import('./backend-wasm-assets')).bundledWasmPaths;
    binaries = 'bundled with the app';
  }
  if (paths != null) setWasmPaths(paths);
  if (threads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  else setThreadsCount(threads);
  if (options.simd === false) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  return { ...kernels, binaries, alreadyStarted: false };
}

/** SIMD and thread count of the running wasm backend (call after it started). */
export async function wasmFeatures(): Promise<WasmFeatures> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  let threads = 1;
  try {
    threads = getThreadsCount();
  } catch (_notStarted) {
    threads = 1;
  }
  return { simd, threads };
}

/** "wasm · SIMD · 1 thread" */
export function wasmLabel(features: WasmFeatures): string {
  return `wasm · ${features.simd ? 'SIMD' : 'no SIMD'} · ${features.threads} thread${features.threads === 1 ? '' : 's'}`;
}
