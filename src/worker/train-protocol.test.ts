import { describe, expect, it } from 'vitest';
import type { PreparedDataset } from '../data/types';
import { assertNever, copyDataset, datasetBuffers } from './train-protocol';

const split = (n: number) => ({ n, x: Float32Array.from({ length: n * 2 }, (_, i) => i), y: Float32Array.from({ length: n }, (_, i) => i % 2) });
const dataset: PreparedDataset = {
  id: 'd',
  name: 'd',
  kind: 'tabular',
  task: 'binary',
  inputShape: [2],
  classNames: ['a', 'b'],
  train: split(4),
  validation: split(2),
  test: split(1),
  transform: null,
};

describe('train protocol helpers', () => {
  it('copies a dataset so transferring the copy leaves the original intact', () => {
    const copy = copyDataset(dataset);
    const buffers = datasetBuffers(copy);
    expect(buffers).toHaveLength(6);
    structuredClone(copy, { transfer: buffers });
    expect(copy.train.x.length).toBe(0); // detached
    expect(Array.from(dataset.train.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(dataset.test.y.length).toBe(1);
  });

  it('lists a shared buffer once', () => {
    const shared = new Float32Array(8);
    const view = { n: 1, x: shared.subarray(0, 4), y: shared.subarray(4, 5) };
    expect(datasetBuffers({ ...dataset, train: view, validation: view, test: view })).toHaveLength(1);
  });

  it('assertNever throws with the message', () => {
    expect(() => assertNever({ type: 'bogus' } as never)).toThrow(/bogus/);
  });
});
