import { describe, expect, it } from 'vitest';
import { chooseBackend, type BackendName, type ChooseBackendOptions } from './backend';
import type { BackendProbes, GpuAdapterFacts } from './backend-probes';

const SWIFTSHADER_GL = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const REAL_GL = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)';
const FALLBACK_ADAPTER: GpuAdapterFacts = {
  isFallbackAdapter: true,
  vendor: 'google',
  architecture: 'swiftshader',
  description: '',
};
const REAL_ADAPTER: GpuAdapterFacts = {
  isFallbackAdapter: false,
  vendor: 'nvidia',
  architecture: 'ampere',
  description: 'NVIDIA GeForce RTX 3060',
};
const NEEDED = ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'];

interface World {
  adapter?: GpuAdapterFacts | null;
  renderer?: string | null;
  /** ms one training step takes per backend (fake clock). */
  stepMs?: Partial<Record<BackendName, number>>;
  /** Backends whose start throws, with the message. */
  startFails?: Partial<Record<BackendName, string>>;
  /** Backends whose training step throws, with the message. */
  stepFails?: Partial<Record<BackendName, string>>;
  /** Kernels each backend lacks. */
  lacks?: Partial<Record<BackendName, string[]>>;
}

/** Fake environment: records every call, advances a fake clock by each step's cost. */
function fakeWorld(world: World) {
  let clock = 0;
  let active: BackendName | null = null;
  const log = { activated: [] as BackendName[], trials: [] as BackendName[], steps: [] as BackendName[], disposed: 0 };
  const probes: BackendProbes = {
    webgpuAdapter: async () => (world.adapter === undefined ? null : world.adapter),
    webglRenderer: async () => (world.renderer === undefined ? null : world.renderer),
    prepare: async () => {},
    activate: async (b) => {
      const failure = world.startFails?.[b];
      if (failure) throw new Error(failure);
      active = b;
      log.activated.push(b);
    },
    hasKernel: (k, b) => !(world.lacks?.[b] ?? []).includes(k),
    recordKernels: async (run) => {
      await run();
      return NEEDED;
    },
    wasmFeatures: async () => ({ simd: true, threads: 1 }),
    now: () => clock,
  };
  const createTrial: ChooseBackendOptions['createTrial'] = (backend) => {
    expect(active).toBe(backend); // trials are built after the switch
    log.trials.push(backend);
    return {
      async step() {
        const failure = world.stepFails?.[backend];
        if (failure) throw new Error(failure);
        log.steps.push(backend);
        clock += world.stepMs?.[backend] ?? 10;
      },
      dispose() {
        log.disposed += 1;
      },
    };
  };
  return { probes, createTrial, log, active: () => active };
}

describe('chooseBackend', () => {
  it('skips software GPUs and says why: wasm, untimed, as the only real candidate', async () => {
    const w = fakeWorld({ adapter: FALLBACK_ADAPTER, renderer: SWIFTSHADER_GL });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes });
    expect(choice.backend).toBe('wasm');
    expect(choice.label).toBe('wasm · SIMD · 1 thread');
    expect(choice.reason).toBe(
      `wasm · SIMD · 1 thread — WebGPU unavailable: software adapter (google swiftshader); WebGL unavailable: software renderer (${SWIFTSHADER_GL})`,
    );
    expect(w.log.trials).toEqual(['wasm']);
    expect(w.log.steps).toEqual(['wasm']); // one validation step, no timing needed
    expect(choice.msPerStep).toBeNull();
    expect(choice.neededKernels).toEqual(NEEDED);
    expect(choice.candidates.map((c) => [c.backend, c.status])).toEqual([
      ['webgpu', 'unavailable'],
      ['webgl', 'unavailable'],
      ['wasm', 'chosen'],
      ['cpu', 'not-timed'],
    ]);
    expect(w.active()).toBe('wasm');
  });

  it('recognises a software adapter by name even when it does not say isFallbackAdapter', async () => {
    const w = fakeWorld({
      adapter: { ...FALLBACK_ADAPTER, isFallbackAdapter: false, description: 'SwiftShader Device (Subzero)' },
    });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes });
    expect(choice.candidates[0]).toMatchObject({
      status: 'unavailable',
      detail: 'software adapter (SwiftShader Device (Subzero))',
    });
  });

  it('times real GPUs against wasm and takes the fastest', async () => {
    const w = fakeWorld({ adapter: REAL_ADAPTER, renderer: REAL_GL, stepMs: { webgpu: 5, webgl: 8, wasm: 12 } });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes });
    expect(choice.backend).toBe('webgpu');
    expect(choice.msPerStep).toBe(5);
    expect(choice.label).toBe('WebGPU · NVIDIA GeForce RTX 3060');
    expect(choice.reason).toBe(
      'WebGPU · NVIDIA GeForce RTX 3060 — WebGL slower (8.0 ms/step vs 5.0); wasm slower (12.0 ms/step vs 5.0)',
    );
    expect(w.log.trials).toEqual(['wasm', 'webgpu', 'webgl']); // wasm first: cheap, and it records the kernel list
    expect(w.log.steps.filter((b) => b === 'webgpu')).toHaveLength(4); // warm-up + 3 timed
    expect(w.log.disposed).toBe(3);
    expect(w.active()).toBe('webgpu');
  });

  it('keeps wasm when a real GPU is slower for this model', async () => {
    const w = fakeWorld({ renderer: REAL_GL, stepMs: { webgl: 30, wasm: 12 } });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes });
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toBe(
      'wasm · SIMD · 1 thread — WebGPU unavailable: no WebGPU adapter; WebGL slower (30.0 ms/step vs 12.0)',
    );
  });

  it('stops timing a candidate that is clearly slower, and stays within the budget', async () => {
    const w = fakeWorld({ renderer: REAL_GL, stepMs: { webgl: 100, wasm: 10 } });
    await chooseBackend({ createTrial: w.createTrial, probes: w.probes });
    expect(w.log.steps.filter((b) => b === 'webgl')).toHaveLength(2); // warm-up + 1 timed step
    const slow = fakeWorld({ renderer: REAL_GL, stepMs: { webgl: 400, wasm: 390 } });
    await chooseBackend({ createTrial: slow.createTrial, probes: slow.probes, budgetMs: 1000 });
    expect(slow.log.steps.filter((b) => b === 'wasm')).toHaveLength(1 + 2); // 2 × 390 ms passes its 500 ms share
  });

  it('drops a backend that lacks a kernel the model needs, without building a model there', async () => {
    const w = fakeWorld({ adapter: REAL_ADAPTER, lacks: { webgpu: ['Conv2DBackpropFilter'] }, stepMs: { webgpu: 1 } });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes });
    expect(choice.backend).toBe('wasm');
    expect(w.log.trials).not.toContain('webgpu');
    expect(choice.candidates[0]).toMatchObject({ status: 'missing-kernels', missing: ['Conv2DBackpropFilter'] });
    expect(choice.reason).toContain('WebGPU lacks Conv2DBackpropFilter');
  });

  it('falls back with a notice when a backend fails to start', async () => {
    const notices: string[] = [];
    const w = fakeWorld({ renderer: REAL_GL, startFails: { webgl: 'WebGL context lost' } });
    const choice = await chooseBackend({
      createTrial: w.createTrial,
      probes: w.probes,
      onNotice: (n) => notices.push(n),
    });
    expect(choice.backend).toBe('wasm');
    expect(notices).toEqual(['WebGL failed to start (WebGL context lost); trying the next backend.']);
    expect(choice.notices).toEqual(notices);
    expect(choice.reason).toContain('WebGL failed to start: WebGL context lost');
  });

  it('falls back to cpu when wasm cannot train the model', async () => {
    const w = fakeWorld({ stepFails: { wasm: "Kernel 'Foo' not registered for backend 'wasm'" } });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes });
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toBe(
      "cpu — WebGPU unavailable: no WebGPU adapter; WebGL unavailable: no WebGL2 context; wasm failed a training step: Kernel 'Foo' not registered for backend 'wasm'",
    );
    expect(w.log.trials).toEqual(['wasm']); // cpu is not timed
    expect(w.active()).toBe('cpu');
  });

  it('says what failed when nothing can train', async () => {
    const w = fakeWorld({ startFails: { wasm: 'no WebAssembly', cpu: 'broken' } });
    await expect(chooseBackend({ createTrial: w.createTrial, probes: w.probes })).rejects.toThrow(
      'No TensorFlow.js backend can train this model (WebGPU: no WebGPU adapter; WebGL: no WebGL2 context; wasm: failed to start: no WebAssembly; cpu: failed to start: broken).',
    );
  });

  it('honours a forced backend, even a software GPU, without timing the others', async () => {
    const w = fakeWorld({ adapter: FALLBACK_ADAPTER, renderer: SWIFTSHADER_GL });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes, force: 'webgl' });
    expect(choice).toMatchObject({ backend: 'webgl', forced: true, label: `WebGL · ${SWIFTSHADER_GL}` });
    expect(choice.reason).toBe(`WebGL · ${SWIFTSHADER_GL} — chosen by you`);
    expect(w.log.trials).toEqual(['webgl']);
  });

  it('chooses automatically, with a notice, when the forced backend fails', async () => {
    const w = fakeWorld({ adapter: REAL_ADAPTER, startFails: { webgpu: 'device lost' } });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes, force: 'webgpu' });
    expect(choice.backend).toBe('wasm');
    expect(choice.forced).toBe(false);
    expect(choice.notices).toEqual([
      'WebGPU failed to start (device lost); trying the next backend.',
      'WebGPU was chosen, but it failed to start: device lost; choosing automatically instead.',
    ]);
  });

  it('explains a forced backend that is not there', async () => {
    const w = fakeWorld({});
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes, force: 'webgpu' });
    expect(choice.backend).toBe('wasm');
    expect(choice.notices).toEqual([
      'WebGPU was chosen, but it is unavailable (no WebGPU adapter); choosing automatically instead.',
    ]);
  });

  it('times software GPUs too when allowed (CI runs of the GPU code paths)', async () => {
    const w = fakeWorld({
      adapter: FALLBACK_ADAPTER,
      renderer: SWIFTSHADER_GL,
      stepMs: { webgpu: 300, webgl: 40, wasm: 50 },
    });
    const choice = await chooseBackend({ createTrial: w.createTrial, probes: w.probes, allowSoftwareGpu: true });
    expect(choice.backend).toBe('webgl');
    expect(w.log.trials.sort()).toEqual(['wasm', 'webgl', 'webgpu']);
  });

  it('passes over a real GPU whose buffer limits cannot hold the model, and says so, even when forced', async () => {
    const adapter = {
      ...REAL_ADAPTER,
      limits: { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 },
    };
    const w = fakeWorld({ adapter, stepMs: { webgpu: 1, wasm: 12 } });
    const big = { createTrial: w.createTrial, probes: w.probes, largestTensorBytes: 200 * 2 ** 20 };
    const choice = await chooseBackend(big);
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toContain(
      "WebGPU unavailable: the model's largest tensor (200 MB) exceeds this GPU's buffer limit (128 MB)",
    );
    expect(w.log.trials).not.toContain('webgpu');
    const forced = await chooseBackend({ ...big, force: 'webgpu' });
    expect(forced.backend).toBe('wasm');
    expect(forced.notices[0]).toMatch(/^WebGPU was chosen, but it is unavailable \(the model's largest tensor/);
    const fits = await chooseBackend({ ...big, largestTensorBytes: 100 * 2 ** 20 });
    expect(fits.backend).toBe('webgpu'); // the real adapter, named, within its limits
    expect(fits.label).toBe('WebGPU · NVIDIA GeForce RTX 3060');
  });
});
