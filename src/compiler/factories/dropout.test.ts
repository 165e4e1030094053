import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { defaultParamsFor, getSpec } from '../../model/registry';
import { compile } from '../compile';
import { checkLayer, expectShapeError, singleLayerGraph } from '../layer-check';
import { SpatialDropout2DLayer } from './dropout';

const spec = (type: string) => getSpec(type)!;

describe('Dropout', () => {
  it('keeps the shape and has no params', () => {
    const r = checkLayer('Dropout', [[10]], { rate: 0.2 });
    expect(r.shape).toEqual([null, 10]);
    expect(r.total).toBe(0);
    expect(checkLayer('Dropout', [[4, 4, 3]], { rate: 0, seed: 42 }).shape).toEqual([null, 4, 4, 3]);
  });
  it('writes the Keras 2 config and ignores an imported noise_shape', () => {
    expect(toKerasConfig(spec('Dropout'), { rate: 0.3, seed: null })).toEqual({
      rate: 0.3,
      seed: null,
      noise_shape: null,
    });
    expect(fromKerasConfig(spec('Dropout'), { rate: 0.25, noise_shape: [null, 1, 8], seed: 7 })).toEqual({
      rate: 0.25,
      seed: 7,
    });
  });
  it('passes values through at inference', () => {
    const model = compile(singleLayerGraph('Dropout', [[4]], { rate: 0.9 }));
    const out = tf.tidy(() => Array.from((model.predict(tf.tensor([[1, 2, 3, 4]])) as tf.Tensor).dataSync()));
    model.dispose();
    expect(out).toEqual([1, 2, 3, 4]);
  });
  it('rejects a rate of 1 or out of range', () => {
    expectShapeError(
      'Dropout',
      [[10]],
      { rate: 1 },
      /Dropout 'layer_under_test' has rate 1, which would drop every value; use a rate below 1/,
    );
    expectShapeError('Dropout', [[10]], { rate: 1.5 }, /Rate must be at most 1/);
    expectShapeError('Dropout', [[10]], { rate: -0.1 }, /Rate must be at least 0/);
  });
});

describe('SpatialDropout1D', () => {
  it('on sequences: same shape, no params', () => {
    const r = checkLayer('SpatialDropout1D', [[10, 8]], { rate: 0.3 });
    expect(r.shape).toEqual([null, 10, 8]);
    expect(r.total).toBe(0);
    expect(checkLayer('SpatialDropout1D', [[-1, 16]], { seed: 1 }).shape).toEqual([null, null, 16]);
  });
  it('needs a 3-D input, with a hint that fits', () => {
    expectShapeError(
      'SpatialDropout1D',
      [[10]],
      {},
      /needs a 3-D input \[batch, steps, channels\] but receives \[batch, 10\]; use Dropout/,
    );
    expectShapeError(
      'SpatialDropout1D',
      [[8, 8, 3]],
      {},
      /receives \[batch, 8, 8, 3\]; use SpatialDropout2D for images/,
    );
    expectShapeError('SpatialDropout1D', [[10, 8]], { rate: 1 }, /has rate 1/);
  });
});

describe('SpatialDropout2D', () => {
  it('on images: same shape, no params', () => {
    const r = checkLayer('SpatialDropout2D', [[8, 8, 3]], { rate: 0.25 });
    expect(r.shape).toEqual([null, 8, 8, 3]);
    expect(r.total).toBe(0);
    expect(checkLayer('SpatialDropout2D', [[5, 7, 16]], { rate: 0.1, seed: 3 }).shape).toEqual([null, 5, 7, 16]);
  });
  it('needs a 4-D input, with a hint that fits', () => {
    expectShapeError(
      'SpatialDropout2D',
      [[10, 8]],
      {},
      /needs a 4-D input \[batch, height, width, channels\] but receives \[batch, 10, 8\]; use SpatialDropout1D/,
    );
    expectShapeError('SpatialDropout2D', [[10]], {}, /receives \[batch, 10\]; use Dropout/);
  });
  it('round-trips data_format and flags channels_first', () => {
    expect(toKerasConfig(spec('SpatialDropout2D'), { rate: 0.5, seed: null }).data_format).toBe('channels_last');
    const p = fromKerasConfig(spec('SpatialDropout2D'), { rate: 0.5, data_format: 'channels_first' });
    expect(p.data_format).toBe('channels_first');
    expectShapeError('SpatialDropout2D', [[3, 8, 8]], p, /uses data_format 'channels_first'/);
  });
  it('while training zeroes whole channels and scales the rest; at inference passes through', () => {
    const layer = new SpatialDropout2DLayer({ rate: 0.5, seed: 1 });
    const x = tf.ones([4, 3, 3, 8]);
    const trained = layer.apply(x, { training: true }) as tf.Tensor;
    const values = trained.arraySync() as number[][][][];
    let dropped = 0;
    for (const sample of values) {
      for (let c = 0; c < 8; c++) {
        const channel = sample.flat().map((px) => px[c]);
        // Every position of one channel shares its fate: all 0, or all 1 / (1 - rate) = 2.
        expect(new Set(channel).size).toBe(1);
        expect([0, 2]).toContain(channel[0]);
        if (channel[0] === 0) dropped++;
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(32);
    const inferred = layer.apply(x) as tf.Tensor;
    expect(Array.from(inferred.dataSync()).every((v) => v === 1)).toBe(true);
    tf.dispose([x, trained, inferred]);
  });
  it('trains inside a model and survives a tfjs save/load by class name', async () => {
    const input = tf.input({ shape: [4, 4, 2] });
    const dropped = new SpatialDropout2DLayer({ name: 'spatial', rate: 0.5 }).apply(input) as tf.SymbolicTensor;
    const flat = tf.layers.flatten().apply(dropped) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(flat) as tf.SymbolicTensor });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const [xs, ys] = [tf.ones([2, 4, 4, 2]), tf.ones([2, 1])];
    const history = await model.fit(xs, ys, { epochs: 1, verbose: 0 });
    expect(history.history.loss).toHaveLength(1);
    const json = model.toJSON(null, false) as {
      config: { layers: { class_name: string; config: Record<string, unknown> }[] };
    };
    const layer = json.config.layers.find((l) => l.class_name === 'SpatialDropout2D');
    expect(layer?.config.rate).toBe(0.5);
    const loaded = await tf.models.modelFromJSON({ modelTopology: json } as never);
    expect(loaded.getLayer('spatial')).toBeInstanceOf(SpatialDropout2DLayer);
    tf.dispose([xs, ys]);
    model.dispose();
    loaded.dispose();
  });
  it('defaults: rate 0.5, no seed', () => {
    expect(defaultParamsFor(spec('SpatialDropout2D'))).toEqual({ rate: 0.5, seed: null, trainable: true });
    expect(spec('SpatialDropout2D').summary({ rate: 0.2 })).toBe('0.2');
  });
});
