import { describe, expect, it } from 'vitest';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { getSpec } from '../../model/registry';
import { checkLayer, expectShapeError } from '../layer-check';

/** As Keras 2.x / tf.keras write it into model.json after build (axis as a list). */
const keras2BatchNorm = {
  name: 'batch_normalization',
  trainable: true,
  dtype: 'float32',
  axis: [3],
  momentum: 0.99,
  epsilon: 0.001,
  center: true,
  scale: true,
  beta_initializer: { class_name: 'Zeros', config: {} },
  gamma_initializer: { class_name: 'Ones', config: {} },
  moving_mean_initializer: { class_name: 'Zeros', config: {} },
  moving_variance_initializer: { class_name: 'Ones', config: {} },
  beta_regularizer: null,
  gamma_regularizer: null,
  beta_constraint: null,
  gamma_constraint: null,
};

describe('BatchNormalization', () => {
  it('on conv feature maps: 4 params per channel, half of them trainable', () => {
    const r = checkLayer('BatchNormalization', [[8, 8, 32]]);
    expect(r.shape).toEqual([null, 8, 8, 32]);
    expect(r.total).toBe(4 * 32);
    expect(r.trainable).toBe(2 * 32);
  });
  it('on Dense outputs, with another momentum and epsilon', () => {
    const r = checkLayer('BatchNormalization', [[10]], { momentum: 0.9, epsilon: 1e-5 });
    expect(r.total).toBe(40);
    expect(r.trainable).toBe(20);
  });
  it('without center or scale drops beta and gamma', () => {
    expect(checkLayer('BatchNormalization', [[6]], { center: false }).trainable).toBe(6);
    const r = checkLayer('BatchNormalization', [[6]], { center: false, scale: false });
    expect(r.total).toBe(12);
    expect(r.trainable).toBe(0);
  });
  it('over a middle axis (channels-first data)', () => {
    const r = checkLayer('BatchNormalization', [[3, 8, 8]], { axis: 1, gamma_regularizer: { l1: 0, l2: 0.01 } });
    expect(r.total).toBe(12);
    expect(r.trainable).toBe(6);
  });
  it('frozen: every weight non-trainable', () => {
    const r = checkLayer('BatchNormalization', [[4]], { trainable: false });
    expect(r.trainable).toBe(0);
    expect(r.total).toBe(16);
  });
  it('lists weights in tfjs order: gamma, beta, moving_mean, moving_variance', () => {
    const names = getSpec('BatchNormalization')!.weights([[null, 5]], { axis: -1, center: true, scale: true }).map((w) => w.name);
    expect(names).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
  });
  it('reads axis as a Keras list or an int', () => {
    const spec = getSpec('BatchNormalization')!;
    expect(fromKerasConfig(spec, keras2BatchNorm).axis).toBe(3);
    expect(fromKerasConfig(spec, { ...keras2BatchNorm, axis: -1, momentum: 0.999 })).toMatchObject({ axis: -1, momentum: 0.999 });
    expect(() => fromKerasConfig(spec, { ...keras2BatchNorm, axis: [1, 2] })).toThrow(/several axes/);
    expect(() => fromKerasConfig(spec, { ...keras2BatchNorm, renorm: true })).toThrow(/renorm/);
  });
  it('rejects the batch axis, an axis out of range and an unknown channel count', () => {
    expectShapeError('BatchNormalization', [[4]], { axis: 0 }, /axis 0: that is the batch dimension/);
    expectShapeError('BatchNormalization', [[8, 8, 3]], { axis: 4 }, /axis 4, which is out of range for its 4-D input \[batch, 8, 8, 3\]/);
    expectShapeError('BatchNormalization', [[-1]], {}, /needs a known size on axis -1/);
  });
});

describe('LayerNormalization', () => {
  it('over the features of a sequence', () => {
    const r = checkLayer('LayerNormalization', [[12, 64]]);
    expect(r.shape).toEqual([null, 12, 64]);
    expect(r.total).toBe(128);
    expect(r.trainable).toBe(128);
  });
  it('over several axes: gamma and beta take all their sizes', () => {
    const r = checkLayer('LayerNormalization', [[4, 5, 6]], { axis: [2, 3], epsilon: 1e-6 });
    expect(r.total).toBe(2 * 5 * 6);
  });
  it('without scale, or frozen', () => {
    expect(checkLayer('LayerNormalization', [[10]], { scale: false, beta_regularizer: { l1: 0.01, l2: 0 } }).total).toBe(10);
    expect(checkLayer('LayerNormalization', [[10]], { trainable: false }).trainable).toBe(0);
  });
  it('writes one axis as an int and reads int or list', () => {
    const spec = getSpec('LayerNormalization')!;
    const params = { axis: [-1], epsilon: 0.001, center: true, scale: true, beta_initializer: 'Zeros', gamma_initializer: 'Ones', beta_regularizer: null, gamma_regularizer: null };
    expect(toKerasConfig(spec, params).axis).toBe(-1);
    expect(toKerasConfig(spec, { ...params, axis: [1, 2] }).axis).toEqual([1, 2]);
    expect(fromKerasConfig(spec, { axis: 2, epsilon: 1e-5 })).toMatchObject({ axis: [2], epsilon: 1e-5 });
    expect(fromKerasConfig(spec, { axis: [1, 2] }).axis).toEqual([1, 2]);
    expect(() => fromKerasConfig(spec, { axis: -1, rms_scaling: true })).toThrow(/rms_scaling/);
  });
  it('rejects the batch axis, repeated axes and unknown sizes', () => {
    expectShapeError('LayerNormalization', [[4, 5]], { axis: [0] }, /batch dimension/);
    expectShapeError('LayerNormalization', [[4, 5]], { axis: [2, -1] }, /lists the same axis twice/);
    expectShapeError('LayerNormalization', [[4, 5]], { axis: [3] }, /out of range for its 3-D input/);
    expectShapeError('LayerNormalization', [[-1, 5]], { axis: [1] }, /needs a known size on axis 1/);
  });
});
