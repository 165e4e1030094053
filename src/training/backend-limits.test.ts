import { describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { gpuLimitProblem, largestTensorBytes } from './backend-limits';

const LIMITS = { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 };

describe('WebGPU buffer limits', () => {
  it('the largest tensor is the biggest batch of activations or the biggest layer of weights', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [28, 28, 1] } },
      { type: 'Conv2D', params: { filters: 32, kernel_size: [3, 3] } }, // 26×26×32 activations
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 10 } }, // 21632×10 + 10 weights
    ]);
    expect(largestTensorBytes(graph, 1)).toBe((21_632 * 10 + 10) * 4); // the Dense weights
    expect(largestTensorBytes(graph, 64)).toBe(26 * 26 * 32 * 64 * 4); // a batch of conv activations
  });

  it('names the tensor and the limit when it does not fit, and nothing when it does or is unknown', () => {
    expect(gpuLimitProblem(LIMITS, 128 * 2 ** 20)).toBeNull();
    expect(gpuLimitProblem(LIMITS, 128 * 2 ** 20 + 1)).toMatch(
      /largest tensor \(128 MB\) exceeds this GPU's buffer limit \(128 MB\); use a smaller batch size/,
    );
    expect(gpuLimitProblem({ ...LIMITS, maxBufferSize: 2 ** 20 }, 3 * 2 ** 20)).toContain(
      "(3.0 MB) exceeds this GPU's buffer limit (1.0 MB)",
    );
    expect(gpuLimitProblem(undefined, 2 ** 40)).toBeNull();
    expect(gpuLimitProblem(LIMITS, undefined)).toBeNull();
  });
});
