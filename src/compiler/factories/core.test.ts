import { describe, expect, it } from 'vitest';
import { checkLayer, expectShapeError } from '../layer-check';

describe('Dense', () => {
  it('counts kernel and bias, and matches tfjs', () => {
    const r = checkLayer('Dense', [[20]], { units: 7, activation: 'relu' });
    expect(r.shape).toEqual([null, 7]);
    expect(r.total).toBe(20 * 7 + 7);
  });
  it('without bias, on a 3-D input', () => {
    const r = checkLayer('Dense', [[5, 8]], { units: 3, use_bias: false, kernel_initializer: 'HeNormal' });
    expect(r.shape).toEqual([null, 5, 3]);
    expect(r.total).toBe(24);
  });
  it('frozen: all params non-trainable', () => {
    const r = checkLayer('Dense', [[4]], { units: 2, trainable: false, kernel_regularizer: { l1: 0, l2: 0.01 } });
    expect(r.trainable).toBe(0);
    expect(r.total).toBe(10);
  });
  it('rejects units out of range', () => {
    expectShapeError('Dense', [[4]], { units: 0 }, /Units must be at least 1/);
  });
});
