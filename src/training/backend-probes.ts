import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './backend-trial';
import type { GpuBufferLimits } from './backend-limits';
import { setupWasm, wasmFeatures, type WasmFeatures, type WasmSetupOptions } from './backend-wasm';
import { registerCpuKernelFixes } from './kernels/cpu-fixes';
import { registerTrainingGradients } from './kernels/tile-grad';

/** What a WebGPU adapter says about itself. */
export interface GpuAdapterFacts {
  isFallbackAdapter: boolean;
  vendor: string;
  architecture: string;
  description: string;
  /** The adapter's buffer limits (absent where the engine does not say). */
  limits?: GpuBufferLimits;
}

/** Everything the backend choice asks of the environment; tests replace any of these. */
export interface BackendProbes {
  /** The WebGPU adapter's facts; null when WebGPU is missing or offers no adapter. */
  webgpuAdapter(): Promise<GpuAdapterFacts | null>;
  /** The (unmasked) WebGL2 renderer string; null when no WebGL2 context can be made. */
  webglRenderer(): Promise<string | null>;
  /** Loads and registers a backend's code (a lazy import for WebGPU, setupWasm for wasm). */
  prepare(backend: BackendName): Promise<void>;
  /** Makes `backend` the active tfjs backend; throws with the reason when it cannot start. */
  activate(backend: BackendName): Promise<void>;
  hasKernel(kernelName: string, backend: BackendName): boolean;
  /** The kernel names `run` asks the active backend for. */
  recordKernels(run: () => Promise<void>): Promise<string[]>;
  wasmFeatures(): Promise<WasmFeatures>;
  now(): number;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|warp/i;

/** A CPU rasteriser posing as a GPU: 10–30× slower than wasm here (perf-baseline.md). */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

export function isSoftwareAdapter(adapter: GpuAdapterFacts): boolean {
  return adapter.isFallbackAdapter || SOFTWARE.test(`${adapter.vendor} ${adapter.architecture} ${adapter.description}`);
}

interface RawAdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  isFallbackAdapter?: boolean;
}
interface RawAdapter {
  isFallbackAdapter?: boolean;
  limits?: { maxBufferSize?: number; maxStorageBufferBindingSize?: number };
  info?: RawAdapterInfo;
  requestAdapterInfo?(): Promise<RawAdapterInfo>;
}

async function probeWebgpu(): Promise<GpuAdapterFacts | null> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<RawAdapter | null> } } | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info: RawAdapterInfo = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    return {
      // Chrome moved the flag from the adapter to its info; older engines have only the first.
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      description: info.description || info.device || '',
      ...(adapter.limits?.maxBufferSize && adapter.limits.maxStorageBufferBindingSize
        ? {
            limits: {
              maxBufferSize: adapter.limits.maxBufferSize,
              maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
            },
          }
        : {}),
    };
  } catch (_noAdapter) {
    return null;
  }
}

async function probeWebgl(): Promise<string | null> {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch (_noContext) {
    return null;
  }
}

/**
 * tfjs reports a backend that fails to start only with `false` and two console warnings
 * ("Initialization of backend X failed", then the error's stack); this keeps the error's first
 * line for the notice. (In tfjs prod mode there are no warnings, hence the generic fallback.)
 */
async function activate(backend: BackendName): Promise<void> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
  } finally {
    console.warn = warn;
  }
  if (ok) return;
  const at = warnings.findIndex((w) => w.startsWith('Initialization of backend'));
  const detail = at >= 0 ? warnings[at + 1] : warnings[0];
  const firstLine = detail
    ?.split('\n')[0]
    ?.replace(/^\w*Error: /, '')
    .trim();
  throw new Error(firstLine || 'TensorFlow.js could not start it');
}

export function defaultProbes(wasm: WasmSetupOptions = {}): BackendProbes {
  return {
    webgpuAdapter: probeWebgpu,
    webglRenderer: probeWebgl,
    async prepare(backend) {
      registerTrainingGradients();
      if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
      if (backend === 'wasm') await setupWasm(wasm);
      if (backend === 'cpu') registerCpuKernelFixes();
    },
    activate,
    hasKernel: (kernelName, backend) => tf.getKernel(kernelName, backend) != null,
    async recordKernels(run) {
      const profile = await tf.profile(run);
      const active = tf.getBackend();
      // Custom-gradient ops appear under their scope names; keep only real kernels.
      return [...new Set(profile.kernelNames)].filter((name) => tf.getKernel(name, active) != null).sort();
    },
    wasmFeatures,
    now: () => performance.now(),
  };
}
