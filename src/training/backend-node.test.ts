import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chooseBackend } from './backend';
import { defaultProbes, isSoftwareAdapter, isSoftwareRenderer } from './backend-probes';
import { stepTrial, type BackendName } from './backend-trial';
import { setupWasm, wasmFeatures } from './backend-wasm';
import { trainConfig } from './config';
import { noiseImages } from './fixtures';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels, WASM_ADDED_KERNELS } from './kernels/register';

/** A small CNN; the trial times the Trainer's own step on it (Adam, sparse cross-entropy, batches of 8). */
function cnn(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  return model;
}
const images = noiseImages(3);
const cnnTrial = () => stepTrial({ build: cnn, dataset: images, config: trainConfig({ batchSize: 8, seed: 1 }) });

describe('backend choice with the real probes, in Node', () => {
  it('sets up wasm with the training kernels and reports its features', async () => {
    const setup = await setupWasm();
    expect(setup.binaries).toBe('node_modules (Node)');
    expect([...setup.added].sort()).toEqual([...WASM_ADDED_KERNELS].sort());
    expect(setup.replaced).toEqual([
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'AvgPoolGrad',
      'BatchMatMul',
      '_FusedMatMul',
      'Tile',
      'Identity',
    ]);
    await expect(setupWasm({ threads: 0 })).rejects.toThrow('threads must be a whole number ≥ 1, got 0');
  });

  it('chooses wasm for a CNN: no GPU here, and wasm now has every kernel the step used', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const choice = await chooseBackend({ createTrial: cnnTrial });
    expect(choice.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const { simd, threads } = await wasmFeatures();
    expect(choice.label).toBe(`wasm · ${simd ? 'SIMD' : 'no SIMD'} · ${threads} thread${threads === 1 ? '' : 's'}`);
    expect(choice.reason).toBe(
      `${choice.label} — WebGPU unavailable: no WebGPU adapter; WebGL unavailable: no WebGL2 context`,
    );
    expect(choice.neededKernels).toEqual(
      expect.arrayContaining(['Conv2D', 'Conv2DBackpropFilter', 'MaxPoolGrad', 'BatchMatMul']),
    );
    expect(choice.neededKernels).not.toContain('');
    expect(tf.memory().numTensors).toBe(before); // every trial model and batch was freed
  });

  it('honours a forced cpu without running a (slow) step there', async () => {
    let trials = 0;
    const choice = await chooseBackend({ createTrial: () => (trials++, cnnTrial()), force: 'cpu' });
    expect(choice).toMatchObject({ backend: 'cpu', forced: true, reason: 'cpu — chosen by you', neededKernels: [] });
    expect(trials).toBe(0);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('honours a forced wasm after one validation step', async () => {
    const choice = await chooseBackend({ createTrial: cnnTrial, force: 'wasm' });
    expect(choice).toMatchObject({ backend: 'wasm', forced: true, msPerStep: null });
    expect(choice.reason).toBe(`${choice.label} — chosen by you`);
    expect(choice.neededKernels).toContain('Conv2DBackpropFilter');
  });

  it('falls back to cpu when wasm lacks a kernel the model uses (stock wasm, for real)', async () => {
    unregisterWasmTrainingKernels();
    try {
      // prepare() would run setupWasm, which registers our kernels again.
      const choice = await chooseBackend({ createTrial: cnnTrial, probes: { prepare: async () => {} } });
      expect(choice.backend).toBe('cpu');
      expect(choice.reason).toMatch(/wasm failed a training step: .*'Conv2DBackpropFilter' not registered/);
    } finally {
      registerWasmTrainingKernels();
    }
  });
});

describe('default probes', () => {
  it('turn a backend that throws while starting into an error that says why', async () => {
    tf.registerBackend('broken-gpu', () => {
      throw new Error('GPU process crashed');
    });
    await expect(defaultProbes().activate('broken-gpu' as BackendName)).rejects.toThrow(/^GPU process crashed$/);
    tf.removeBackend('broken-gpu');
  });

  it('find no GPU in Node', async () => {
    const probes = defaultProbes();
    expect(await probes.webgpuAdapter()).toBeNull();
    expect(await probes.webglRenderer()).toBeNull();
  });
});

describe('software GPU detection', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['Microsoft Basic Render Driver', true],
    ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', false],
    ['Apple M2', false],
  ])('%s → software %s', (renderer, software) => {
    expect(isSoftwareRenderer(renderer)).toBe(software);
  });

  it('trusts isFallbackAdapter and adapter names', () => {
    const base = { vendor: 'nvidia', architecture: 'ampere', description: 'RTX 3060', isFallbackAdapter: false };
    expect(isSoftwareAdapter(base)).toBe(false);
    expect(isSoftwareAdapter({ ...base, isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ ...base, vendor: 'google', architecture: 'swiftshader' })).toBe(true);
  });
});
