import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../model/analyze';
import type { Params } from '../../model/graph';
import { fromKerasConfig, toKerasConfig } from '../../model/keras-config';
import { getSpec, layerWeights } from '../../model/registry';
import { tfjsArgs } from '../args';
import { compile } from '../compile';
import { checkLayer, expectShapeError, singleLayerGraph } from '../layer-check';
import { recurrentFactories } from './recurrent';

/** Weight names tfjs gives the layer under test, relative to the layer, next to the spec's. */
function weightNames(type: string, shape: number[], params: Params) {
  const graph = singleLayerGraph(type, [shape], params);
  const model = compile(graph);
  try {
    // originalName: tfjs suffixes `name` (_1, _2, …) when a test process reuses a layer name.
    const tfjs = model.getLayer('layer_under_test').weights.map((w) => w.originalName.replace(/^layer_under_test\//, ''));
    const node = graph.nodes.find((n) => n.id === 'layer')!;
    const spec = layerWeights(getSpec(type)!, [[null, ...shape]], node.params).map((w) => w.name);
    return { tfjs, spec };
  } finally {
    model.dispose();
  }
}

/** An LSTM config as tf.keras 2.x writes it (hate-speech model in the conformance corpus). */
const kerasLstm = {
  name: 'lstm',
  trainable: true,
  dtype: 'float32',
  return_sequences: true,
  return_state: false,
  go_backwards: false,
  stateful: false,
  unroll: false,
  time_major: false,
  units: 250,
  activation: 'tanh',
  recurrent_activation: 'sigmoid',
  use_bias: true,
  kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: null } },
  recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } },
  bias_initializer: { class_name: 'Zeros', config: {} },
  unit_forget_bias: true,
  kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } },
  recurrent_regularizer: null,
  bias_regularizer: null,
  dropout: 0.2,
  recurrent_dropout: 0.0,
  implementation: 2,
};

describe('Embedding', () => {
  it('maps token ids to vectors', () => {
    const r = checkLayer('Embedding', [[10]], { __int_input: true, input_dim: 50, output_dim: 8 });
    expect(r.shape).toEqual([null, 10, 8]);
    expect(r.total).toBe(400);
  });
  it('with a free length, a fixed input_length, masking and a regularizer', () => {
    expect(checkLayer('Embedding', [[-1]], { __int_input: true, input_dim: 20, output_dim: 4, mask_zero: true }).shape).toEqual([null, null, 4]);
    const r = checkLayer('Embedding', [[-1]], { __int_input: true, input_dim: 20, output_dim: 4, input_length: 7, embeddings_regularizer: { l1: 0, l2: 1e-4 } });
    expect(r.shape).toEqual([null, 7, 4]);
    expect(r.total).toBe(80);
  });
  it('rejects a wrong rank and a contradicting input_length', () => {
    expectShapeError('Embedding', [[28, 28, 1]], {}, /needs a 2-D input \[batch, steps\] of token ids but receives \[batch, 28, 28, 1\]/);
    expectShapeError('Embedding', [[12]], { input_length: 10 }, /has sequence length 10 but its input has 12 steps/);
  });
  it('names its weight as tfjs does', () => {
    const { tfjs, spec } = weightNames('Embedding', [5], { __int_input: true, input_dim: 9, output_dim: 2 });
    expect(spec).toEqual(['embeddings']);
    expect(tfjs).toEqual(spec);
  });
});

describe('SimpleRNN, LSTM and GRU', () => {
  it('SimpleRNN: one gate block', () => {
    const r = checkLayer('SimpleRNN', [[5, 3]], { units: 4 });
    expect(r.shape).toEqual([null, 4]);
    expect(r.total).toBe(3 * 4 + 4 * 4 + 4);
    expect(checkLayer('SimpleRNN', [[5, 3]], { units: 4, use_bias: false, activation: 'relu', return_sequences: true }).total).toBe(28);
  });
  it('LSTM: four gate blocks; sequences out keep the time axis', () => {
    const r = checkLayer('LSTM', [[5, 3]], { units: 4 });
    expect(r.shape).toEqual([null, 4]);
    expect(r.total).toBe(4 * (3 * 4 + 4 * 4 + 4));
    const seq = checkLayer('LSTM', [[-1, 3]], { units: 4, return_sequences: true, go_backwards: true, dropout: 0.2, recurrent_dropout: 0.1 });
    expect(seq.shape).toEqual([null, null, 4]);
  });
  it('LSTM: other activations, initializers and regularizers', () => {
    const r = checkLayer('LSTM', [[10, 8]], {
      units: 16,
      recurrent_activation: 'hard_sigmoid',
      unit_forget_bias: false,
      kernel_initializer: 'HeNormal',
      recurrent_initializer: 'GlorotUniform',
      kernel_regularizer: { l1: 0, l2: 0.01 },
      recurrent_regularizer: { l1: 0.001, l2: 0 },
      bias_regularizer: { l1: 0, l2: 0.1 },
    });
    expect(r.total).toBe(4 * (8 * 16 + 16 * 16 + 16));
  });
  it('GRU: three gate blocks; frozen means nothing trainable', () => {
    expect(checkLayer('GRU', [[5, 3]], { units: 4 }).total).toBe(3 * (3 * 4 + 4 * 4 + 4));
    const r = checkLayer('GRU', [[7, 2]], { units: 6, trainable: false, return_sequences: true });
    expect(r.shape).toEqual([null, 7, 6]);
    expect(r.trainable).toBe(0);
  });
  it('GRU reset_after (Keras 2.3+ default) is flagged, with the Keras bias shape', () => {
    expectShapeError('GRU', [[5, 3]], { units: 4, reset_after: true }, /reset_after on .* TensorFlow\.js cannot run; untick 'Reset after'/);
    const w = getSpec('GRU')!.weights([[null, 5, 3]], { units: 4, reset_after: true, use_bias: true });
    expect(w.map((x) => x.shape)).toEqual([[3, 12], [4, 12], [2, 12]]);
  });
  it('names weights as tfjs does: kernel, recurrent_kernel, bias', () => {
    for (const type of ['SimpleRNN', 'LSTM', 'GRU']) {
      const { tfjs, spec } = weightNames(type, [5, 3], { units: 2 });
      expect(spec).toEqual(['kernel', 'recurrent_kernel', 'bias']);
      expect(tfjs).toEqual(spec);
    }
  });
  it('explains a wrong input rank and suggests a Reshape or an Embedding', () => {
    expectShapeError('LSTM', [[100]], {}, /needs a 3-D input \[batch, timesteps, features\] but receives \[batch, 100\]; .*Reshape to \[100, 1\].*Embedding/);
    expectShapeError('GRU', [[28, 28, 1]], {}, /receives \[batch, 28, 28, 1\]; to read an image row by row, add a Reshape to \[28, 28\]/);
    expectShapeError('SimpleRNN', [[2, 3, 4, 5]], {}, /add a Reshape to \[timesteps, features\]/);
    expectShapeError('LSTM', [[5, -1]], {}, /needs a known number of features per step/);
  });
  it('stateful needs a fixed batch size, and compiles with one', () => {
    expectShapeError('LSTM', [[5, 3]], { stateful: true }, /is stateful, which needs a fixed batch size/);
    const g = singleLayerGraph('GRU', [[5, 3]], { units: 3, stateful: true });
    const graph = { ...g, nodes: g.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, batch_size: 4 } } : n)) };
    const analysis = analyzeGraph(graph);
    expect(analysis.errors).toEqual([]);
    expect(analysis.shapes.get('layer')).toEqual([4, 3]);
    // compile() drops the Input's batch size (see the report), so build the layer on a batched input here.
    const node = graph.nodes.find((n) => n.id === 'layer')!;
    const layer = recurrentFactories.GRU!(tfjsArgs(getSpec('GRU')!, node.params, 'stateful_gru'), node.params);
    const out = layer.apply(tf.input({ batchShape: [4, 5, 3] })) as tf.SymbolicTensor;
    expect(out.shape).toEqual([4, 3]);
  });
  it('reads a tf.keras LSTM config and refuses return_state / time_major', () => {
    const spec = getSpec('LSTM')!;
    expect(fromKerasConfig(spec, kerasLstm)).toMatchObject({
      units: 250,
      return_sequences: true,
      kernel_initializer: 'GlorotUniform',
      recurrent_initializer: 'Orthogonal',
      kernel_regularizer: { l1: 0, l2: 0.01 },
      dropout: 0.2,
    });
    expect(() => fromKerasConfig(spec, { ...kerasLstm, return_state: true })).toThrow(/return_state=True is not supported/);
    expect(() => fromKerasConfig(spec, { ...kerasLstm, time_major: true })).toThrow(/time_major/);
    expect(toKerasConfig(spec, fromKerasConfig(spec, kerasLstm))).toMatchObject({ return_state: false, recurrent_activation: 'sigmoid' });
  });
});

describe('Bidirectional', () => {
  it('LSTM, concat: twice the units, twice the params', () => {
    const r = checkLayer('Bidirectional', [[5, 3]], { layer: 'LSTM', units: 4 });
    expect(r.shape).toEqual([null, 8]);
    expect(r.total).toBe(2 * 4 * (3 * 4 + 4 * 4 + 4));
  });
  it('GRU sum, SimpleRNN ave over sequences, LSTM mul', () => {
    expect(checkLayer('Bidirectional', [[5, 3]], { layer: 'GRU', units: 4, merge_mode: 'sum' }).shape).toEqual([null, 4]);
    const r = checkLayer('Bidirectional', [[-1, 3]], { layer: 'SimpleRNN', units: 4, merge_mode: 'ave', return_sequences: true });
    expect(r.shape).toEqual([null, null, 4]);
    expect(r.total).toBe(2 * 32);
    expect(checkLayer('Bidirectional', [[6, 2]], { units: 3, merge_mode: 'mul', use_bias: false }).total).toBe(2 * 4 * (2 * 3 + 3 * 3));
  });
  it('frozen: no trainable params in either direction', () => {
    const r = checkLayer('Bidirectional', [[5, 3]], { units: 2, trainable: false });
    expect(r.trainable).toBe(0);
    expect(r.total).toBe(2 * 4 * (3 * 2 + 2 * 2 + 2));
  });
  it('names weights forward_<rnn>/… then backward_<rnn>/…, as tfjs does', () => {
    const { tfjs, spec } = weightNames('Bidirectional', [5, 3], { layer: 'GRU', units: 2 });
    expect(spec).toEqual(['forward_gru/kernel', 'forward_gru/recurrent_kernel', 'forward_gru/bias', 'backward_gru/kernel', 'backward_gru/recurrent_kernel', 'backward_gru/bias']);
    expect(tfjs).toEqual(spec);
  });
  it('reads the nested Keras config and rejects what it cannot wrap', () => {
    const spec = getSpec('Bidirectional')!;
    const config = { name: 'bidirectional', layer: { class_name: 'LSTM', config: kerasLstm }, merge_mode: 'concat' };
    expect(fromKerasConfig(spec, config)).toMatchObject({ layer: 'LSTM', units: 250, return_sequences: true, merge_mode: 'concat', dropout: 0.2 });
    const keras3 = { layer: { module: 'keras.layers', class_name: 'GRU', config: { units: 8, reset_after: false }, registered_name: null }, merge_mode: 'sum' };
    expect(fromKerasConfig(spec, keras3)).toMatchObject({ layer: 'GRU', units: 8, merge_mode: 'sum' });
    expect(() => fromKerasConfig(spec, { ...config, merge_mode: null })).toThrow(/merge_mode null is not supported/);
    expect(() => fromKerasConfig(spec, { layer: { class_name: 'Conv1D', config: {} } })).toThrow(/around Conv1D is not supported/);
    expect(() => fromKerasConfig(spec, { ...config, layer: { class_name: 'LSTM', config: { ...kerasLstm, return_state: true } } })).toThrow(/return_state/);
  });
  it('passes on the inner layer errors', () => {
    expectShapeError('Bidirectional', [[64]], {}, /needs a 3-D input \[batch, timesteps, features\]/);
    expectShapeError('Bidirectional', [[5, 3]], { layer: 'GRU', reset_after: true }, /reset_after/);
  });
});

describe('TimeDistributed', () => {
  it('a Dense on every step', () => {
    const r = checkLayer('TimeDistributed', [[5, 3]], { units: 4, activation: 'softmax' });
    expect(r.shape).toEqual([null, 5, 4]);
    expect(r.total).toBe(16);
  });
  it('on 4-D input, without bias, frozen', () => {
    expect(checkLayer('TimeDistributed', [[5, 6, 3]], { units: 2, use_bias: false }).shape).toEqual([null, 5, 6, 2]);
    const r = checkLayer('TimeDistributed', [[-1, 8]], { units: 2, trainable: false, kernel_regularizer: { l1: 0.01, l2: 0 } });
    expect(r.shape).toEqual([null, null, 2]);
    expect(r.trainable).toBe(0);
    expect(r.total).toBe(18);
  });
  it('names weights as tfjs does', () => {
    const { tfjs, spec } = weightNames('TimeDistributed', [5, 3], { units: 2 });
    expect(spec).toEqual(['kernel', 'bias']);
    expect(tfjs).toEqual(spec);
  });
  it('reads a Keras config around a Dense and refuses other inner layers', () => {
    const spec = getSpec('TimeDistributed')!;
    const dense = { name: 'dense_1', units: 27, activation: 'linear', use_bias: true, kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: null } } };
    expect(fromKerasConfig(spec, { name: 'time_distributed_1', layer: { class_name: 'Dense', config: dense } })).toMatchObject({ units: 27, kernel_initializer: 'GlorotUniform' });
    expect(() => fromKerasConfig(spec, { layer: { class_name: 'Conv2D', config: {} } })).toThrow(/only a Dense/);
  });
  it('needs at least a time axis', () => {
    expectShapeError('TimeDistributed', [[10]], {}, /at least 3 dimensions \[batch, timesteps, features\] but receives \[batch, 10\]; on a 2-D input use a plain Dense/);
  });
});
