import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { defaultParamsFor, getSpec } from '../../model/registry';
import { compile } from '../compile';
import { checkLayer, expectShapeError, singleLayerGraph } from '../layer-check';

const spec = (type: string) => getSpec(type)!;

/** Runs one sample through the compiled single-layer model. */
function run(type: string, shape: number[], params: Record<string, unknown>, values: number[]): number[] {
  const model = compile(singleLayerGraph(type, [shape], params as never));
  try {
    return tf.tidy(() =>
      Array.from((model.predict(tf.tensor([values]).reshape([1, ...shape])) as tf.Tensor).dataSync()),
    );
  } finally {
    model.dispose();
  }
}

describe('Activation', () => {
  it('keeps the shape and has no params', () => {
    const r = checkLayer('Activation', [[10]], { activation: 'relu' });
    expect(r.shape).toEqual([null, 10]);
    expect(r.total).toBe(0);
    expect(checkLayer('Activation', [[5, 8]], { activation: 'softmax' }).shape).toEqual([null, 5, 8]);
  });
  it('builds activations tfjs spells differently, and tanh on images', () => {
    expect(checkLayer('Activation', [[4]], { activation: 'hard_sigmoid' }).total).toBe(0);
    expect(checkLayer('Activation', [[6, 6, 3]], { activation: 'tanh' }).shape).toEqual([null, 6, 6, 3]);
  });
  it('reads Keras 3 and tfjs spellings of activation names', () => {
    expect(fromKerasConfig(spec('Activation'), { activation: 'silu' }).activation).toBe('swish');
    expect(fromKerasConfig(spec('Activation'), { activation: 'hardSigmoid' }).activation).toBe('hard_sigmoid');
    expect(fromKerasConfig(spec('Activation'), { activation: 'sigmoid' }).activation).toBe('sigmoid');
  });
  it('rejects an unknown activation', () => {
    expectShapeError('Activation', [[4]], { activation: 'wiggle' }, /"wiggle" is not a known activation/);
  });
});

describe('ReLU', () => {
  it('default: no params, same shape', () => {
    const r = checkLayer('ReLU', [[7, 3]]);
    expect(r.shape).toEqual([null, 7, 3]);
    expect(r.total).toBe(0);
    expect(spec('ReLU').summary(defaultParamsFor(spec('ReLU')))).toBe('');
  });
  it('max_value caps the output (ReLU6)', () => {
    expect(checkLayer('ReLU', [[3]], { max_value: 6 }).shape).toEqual([null, 3]);
    expect(run('ReLU', [3], { max_value: 6 }, [-1, 3, 10])).toEqual([0, 3, 6]);
    expect(spec('ReLU').summary({ max_value: 6, negative_slope: 0, threshold: 0 })).toBe('max 6');
  });
  it('writes the Keras 2 config keys', () => {
    const config = toKerasConfig(spec('ReLU'), { max_value: 6, negative_slope: 0, threshold: 0 });
    expect(config).toEqual({ max_value: 6, negative_slope: 0, threshold: 0 });
  });
  it('flags what tfjs ReLU cannot apply, suggesting LeakyReLU for a plain slope', () => {
    expectShapeError(
      'ReLU',
      [[4]],
      { negative_slope: 0.1 },
      /ReLU 'layer_under_test' has negative slope 0.1.*use a LeakyReLU with alpha 0.1/,
    );
    expectShapeError('ReLU', [[4]], { negative_slope: 0.1, max_value: 6 }, /negative slope 0.1.*set the slope to 0$/);
    expectShapeError('ReLU', [[4]], { threshold: 0.5 }, /has threshold 0.5, which the TensorFlow.js ReLU cannot apply/);
    expectShapeError('ReLU', [[4]], { max_value: -1 }, /Max value must be at least 0/);
  });
  it('keeps an imported slope so the model round-trips (and is flagged)', () => {
    const p = fromKerasConfig(spec('ReLU'), { max_value: null, negative_slope: 0.2, threshold: 0 });
    expect(p).toEqual({ max_value: null, negative_slope: 0.2, threshold: 0 });
  });
});

describe('LeakyReLU', () => {
  it('no params; alpha sets the negative slope', () => {
    const r = checkLayer('LeakyReLU', [[12]], { alpha: 0.1 });
    expect(r.shape).toEqual([null, 12]);
    expect(r.total).toBe(0);
    expect(run('LeakyReLU', [2], { alpha: 0.1 }, [-10, 4])).toEqual([expect.closeTo(-1, 6), 4]);
  });
  it('defaults to the Keras 0.3 slope', () => {
    expect(checkLayer('LeakyReLU', [[4, 4, 2]]).shape).toEqual([null, 4, 4, 2]);
    expect(run('LeakyReLU', [1], {}, [-10])[0]).toBeCloseTo(-3, 5);
  });
  it('reads Keras 2 alpha and Keras 3 negative_slope', () => {
    expect(fromKerasConfig(spec('LeakyReLU'), { alpha: 0.2 }).alpha).toBe(0.2);
    expect(fromKerasConfig(spec('LeakyReLU'), { negative_slope: 0.05 }).alpha).toBe(0.05);
    expect(fromKerasConfig(spec('LeakyReLU'), {}).alpha).toBe(0.3);
  });
  it('rejects a negative alpha', () => {
    expectShapeError('LeakyReLU', [[4]], { alpha: -0.1 }, /Alpha must be at least 0/);
  });
});

describe('PReLU', () => {
  it('one alpha per input value', () => {
    const r = checkLayer('PReLU', [[10]]);
    expect(r.shape).toEqual([null, 10]);
    expect(r.total).toBe(10);
    expect(r.trainable).toBe(10);
    expect(checkLayer('PReLU', [[5, 8]]).total).toBe(40);
  });
  it('shared over height and width: one alpha per channel', () => {
    const r = checkLayer('PReLU', [[8, 8, 16]], { shared_axes: [1, 2], alpha_initializer: 'Ones' });
    expect(r.total).toBe(16);
    const w = spec('PReLU').weights([[null, 8, 8, 16]], { shared_axes: [1, 2] });
    expect(w).toEqual([{ name: 'alpha', shape: [1, 1, 16], trainable: true }]);
  });
  it('shares a free sequence axis; regularized; frozen', () => {
    expect(checkLayer('PReLU', [[-1, 8]], { shared_axes: [1], alpha_regularizer: { l1: 0.01, l2: 0 } }).total).toBe(8);
    const r = checkLayer('PReLU', [[3, 4]], { trainable: false });
    expect(r.total).toBe(12);
    expect(r.trainable).toBe(0);
  });
  it('writes shared_axes as null when empty and reads an int or null', () => {
    const config = toKerasConfig(spec('PReLU'), { ...defaultParamsFor(spec('PReLU')) });
    expect(config.shared_axes).toBeNull();
    expect(config.alpha_initializer).toEqual({ class_name: 'Zeros', config: {} });
    expect(fromKerasConfig(spec('PReLU'), { shared_axes: 2 }).shared_axes).toEqual([2]);
    expect(fromKerasConfig(spec('PReLU'), { shared_axes: null }).shared_axes).toEqual([]);
    expect(fromKerasConfig(spec('PReLU'), { shared_axes: [1, 2] }).shared_axes).toEqual([1, 2]);
  });
  it('rejects an axis outside the input and an unknown unshared size', () => {
    expectShapeError(
      'PReLU',
      [[10]],
      { shared_axes: [2] },
      /shares axis 2, but its 2-D input \[batch, 10\] has only axis 1/,
    );
    expectShapeError('PReLU', [[4, 4, 3]], { shared_axes: [4] }, /has axes 1 to 3/);
    expectShapeError('PReLU', [[-1, 8]], {}, /needs a known size on axis 1 of \[batch, \?, 8\].*add 1 to Shared axes/);
    expectShapeError('PReLU', [[4]], { shared_axes: [0] }, /Shared axes has 0, but each value must be at least 1/);
  });
});

describe('ELU', () => {
  it('alpha 1: no params, same shape', () => {
    const r = checkLayer('ELU', [[6]]);
    expect(r.shape).toEqual([null, 6]);
    expect(r.total).toBe(0);
    expect(checkLayer('ELU', [[3, 5]], { alpha: 1 }).shape).toEqual([null, 3, 5]);
  });
  it('flags an alpha tfjs cannot run', () => {
    expectShapeError(
      'ELU',
      [[6]],
      { alpha: 0.5 },
      /ELU 'layer_under_test' has alpha 0.5, but the TensorFlow.js ELU runs only with alpha 1/,
    );
  });
});

describe('Softmax', () => {
  it('over the last axis, sums to 1 there', () => {
    const r = checkLayer('Softmax', [[10]]);
    expect(r.shape).toEqual([null, 10]);
    expect(r.total).toBe(0);
    // tfjs defaults the axis to 1; on this 3-D input that would fail, so -1 must reach it.
    const out = run('Softmax', [2, 3], {}, [0, 0, 0, 1, 1, 1]);
    for (const v of out) expect(v).toBeCloseTo(1 / 3, 5);
  });
  it('accepts the last axis written as a positive index', () => {
    expect(checkLayer('Softmax', [[4, 6]], { axis: 2 }).shape).toEqual([null, 4, 6]);
  });
  it('reads a Keras 3 one-element axis list', () => {
    expect(fromKerasConfig(spec('Softmax'), { axis: [-1] }).axis).toBe(-1);
    expect(() => fromKerasConfig(spec('Softmax'), { axis: [1, 2] })).toThrow(/several axes/);
  });
  it('rejects the batch axis, an axis out of range and a non-last axis', () => {
    expectShapeError('Softmax', [[4, 6]], { axis: 0 }, /axis 0, which is the batch dimension/);
    expectShapeError('Softmax', [[10]], { axis: 3 }, /axis 3, which is out of range for its 2-D input \[batch, 10\]/);
    expectShapeError('Softmax', [[4, 6]], { axis: 1 }, /over the last axis only; set the axis to -1/);
    expectShapeError('Softmax', [[4, 6]], { axis: -2 }, /over the last axis only/);
  });
});
