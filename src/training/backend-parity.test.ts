import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateGraph } from '../model/templates';
import { parityDiff, parityTable, parityTrace } from './backend-parity';
import { setupWasm } from './backend-wasm';
import { registerCpuKernelFixes } from './kernels/cpu-fixes';

const activate = async (backend: string) => {
  if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not start`);
};

beforeAll(async () => {
  await setupWasm();
  registerCpuKernelFixes();
});

describe('backend parity (the e2e runs WebGPU and WebGL too)', () => {
  it('cpu against itself: the same trace, bit for bit (seeded weights, batch and masks)', async () => {
    await activate('cpu');
    const graph = templateGraph('mnist-cnn');
    const a = await parityTrace(graph);
    const b = await parityTrace(graph);
    expect(parityDiff(a, b)).toEqual({ lossRel: 0, gradRel: 0, gradAbs: 0, worst: expect.any(String) });
    expect(a.losses).toHaveLength(2);
    expect(a.losses[1]).toBeLessThan(a.losses[0]!); // the SGD step between them did apply
  });

  it('a gradient that disagrees is caught and named', async () => {
    await activate('cpu');
    const a = await parityTrace(templateGraph('mlp-binary'));
    const b = { ...a, grads: a.grads.map((step) => step.map((g) => g.map((x, k) => (k === 0 ? x + 1 : x)))) };
    const diff = parityDiff(a, b);
    expect(diff.gradAbs).toBeCloseTo(1, 5);
    expect(diff.worst).toMatch(/kernel \(step \d\)/);
  });

  it('a backend lacking a kernel is named with it, and no step is run there', async () => {
    const tanh = tf.getKernel('Tanh', 'wasm')!;
    tf.unregisterKernel('Tanh', 'wasm');
    const rows = await parityTable([{ id: 'gru', graph: templateGraph('gru-regressor') }], ['wasm'], activate).finally(
      () => tf.registerKernel(tanh),
    );
    expect(rows[1]).toMatchObject({ model: 'gru', backend: 'wasm', error: expect.stringContaining('Tanh') });
  });

  // Every template on every backend is the e2e's (cpu alone takes minutes in Node); these two are quick.
  it('wasm computes cpu’s losses and gradients for the autoencoder and the GRU (the e2e’s tolerances)', async () => {
    const models = ['conv-autoencoder', 'gru-regressor'].map((id) => ({ id, graph: templateGraph(id) }));
    const rows = await parityTable(models, ['wasm'], activate);
    expect(rows.filter((r) => r.error)).toEqual([]);
    for (const r of rows) {
      expect(r.lossRel, `${r.model} × ${r.backend}`).toBeLessThanOrEqual(1e-4);
      expect(r.gradRel, `${r.model} × ${r.backend}: ${r.worst}`).toBeLessThanOrEqual(1e-3);
    }
  }, 60_000);
});
