/**
 * Fault tolerance (issue 8, item 2): WebGPU that throws while it initialises. backend.test.ts
 * covers a backend whose start throws with fully faked probes; here the real probe code meets
 * a throwing `navigator.gpu`, and the real activation meets a WebGPU backend whose device
 * request fails inside tfjs, and the choice must fall back to the next backend and say why.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseBackend } from './backend';
import { defaultProbes, type BackendProbes } from './backend-probes';
import { stepTrial, type BackendName } from './backend-trial';
import { trainConfig } from './config';
import { blobs } from './fixtures';

const REAL_ADAPTER = {
  isFallbackAdapter: false,
  vendor: 'nvidia',
  architecture: 'ampere',
  description: 'NVIDIA GeForce RTX 3060',
};

/** A small dense model and one batch: enough for a real warm-up step on wasm. */
const denseTrial = () =>
  stepTrial({
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }),
          tf.layers.dense({ units: 3, activation: 'softmax' }),
        ],
      }),
    dataset: blobs(3),
    config: trainConfig({ batchSize: 8, seed: 1 }),
  });

/** Everything but WebGPU is the quick fake world: only wasm "trains", instantly. */
function otherBackendsFaked(): Partial<BackendProbes> {
  return {
    webglRenderer: async () => null,
    prepare: async () => {},
    activate: async () => {},
    recordKernels: async (run) => {
      await run();
      return ['MatMul'];
    },
    hasKernel: () => true,
    wasmFeatures: async () => ({ simd: true, threads: 1 }),
  };
}

const fakeTrial = (tried: BackendName[]) => (backend: BackendName) => {
  tried.push(backend);
  return { step: async () => {}, dispose: () => {} };
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a WebGPU adapter that throws', () => {
  const throwing = {
    'requestAdapter() throws': () => {
      throw new DOMException('WebGPU is disabled by policy', 'SecurityError');
    },
    'requestAdapter() rejects': () => Promise.reject(new Error('GPU process crashed')),
    "the adapter's info throws": async () => ({
      get info(): never {
        throw new Error('adapter lost');
      },
    }),
  };

  it.each(Object.entries(throwing))(
    '%s: the probe reports no adapter instead of failing',
    async (_case, requestAdapter) => {
      vi.stubGlobal('navigator', { gpu: { requestAdapter } });
      await expect(defaultProbes().webgpuAdapter()).resolves.toBeNull();
    },
  );

  it.each(Object.entries(throwing))(
    '%s: the choice falls back to wasm and says WebGPU was unavailable',
    async (_case, requestAdapter) => {
      vi.stubGlobal('navigator', { gpu: { requestAdapter } });
      const tried: BackendName[] = [];
      // The real WebGPU probe; the rest of the world faked.
      const choice = await chooseBackend({ createTrial: fakeTrial(tried), probes: otherBackendsFaked() });
      expect(choice.backend).toBe('wasm');
      expect(tried).toEqual(['wasm']);
      expect(choice.candidates[0]).toEqual({
        backend: 'webgpu',
        status: 'unavailable',
        detail: 'no WebGPU adapter',
        msPerStep: null,
      });
      expect(choice.reason).toBe(
        'wasm · SIMD · 1 thread — WebGPU unavailable: no WebGPU adapter; WebGL unavailable: no WebGL2 context',
      );
    },
  );
});

describe('a WebGPU device that fails to start inside tfjs', () => {
  afterEach(async () => {
    tf.removeBackend('webgpu');
    await tf.setBackend('cpu');
  });

  it('falls back to a real wasm step, with a notice naming the failure', async () => {
    const real = defaultProbes();
    const notices: string[] = [];
    const choice = await chooseBackend({
      createTrial: denseTrial,
      onNotice: (n) => notices.push(n),
      probes: {
        webgpuAdapter: async () => REAL_ADAPTER,
        webglRenderer: async () => null,
        // What @tensorflow/tfjs-backend-webgpu registers, with a device request that fails.
        prepare: async (backend) => {
          if (backend !== 'webgpu') return real.prepare(backend);
          tf.registerBackend('webgpu', async () => {
            throw new Error('requestDevice failed: the adapter is lost');
          });
        },
      },
    });
    expect(choice.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(notices).toEqual([
      'WebGPU failed to start (requestDevice failed: the adapter is lost); trying the next backend.',
    ]);
    expect(choice.notices).toEqual(notices);
    expect(choice.candidates.find((c) => c.backend === 'webgpu')).toMatchObject({
      status: 'failed',
      detail: 'failed to start: requestDevice failed: the adapter is lost',
    });
    expect(choice.reason).toMatch(
      /^wasm · .* — WebGPU failed to start: requestDevice failed: the adapter is lost; WebGL unavailable: no WebGL2 context$/,
    );
  });

  it('chooses automatically when the user forced WebGPU, and says both things', async () => {
    const real = defaultProbes();
    const choice = await chooseBackend({
      force: 'webgpu',
      createTrial: denseTrial,
      probes: {
        webgpuAdapter: async () => REAL_ADAPTER,
        webglRenderer: async () => null,
        prepare: async (backend) => {
          if (backend !== 'webgpu') return real.prepare(backend);
          tf.registerBackend('webgpu', () => {
            throw new TypeError('navigator.gpu.requestAdapter is not a function');
          });
        },
      },
    });
    expect(choice).toMatchObject({ backend: 'wasm', forced: false });
    expect(choice.notices).toEqual([
      'WebGPU failed to start (navigator.gpu.requestAdapter is not a function); trying the next backend.',
      'WebGPU was chosen, but it failed to start: navigator.gpu.requestAdapter is not a function; choosing automatically instead.',
    ]);
  });
});
