import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Graph, LayerNode, Params } from '../../model/graph';
import { fromKerasConfig } from '../../model/keras-config';
import { exportLayersModel } from '../../model/keras-export';
import { defaultParamsFor, getSpec, specForKerasClass } from '../../model/registry';
import { compile } from '../compile';
import { extractWeights } from '../weights';
import { checkLayer, expectShapeError } from '../layer-check';
import './attention';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;

function node(id: string, type: string, params: Params = {}): LayerNode {
  return { id, type, name: id, params: { ...defaultParamsFor(getSpec(type)!), ...params }, position: { x: 0, y: 0 } };
}

/** A graph from nodes and `source>target` edges, in port order. */
function graphOf(nodes: LayerNode[], edges: string[]): Graph {
  return { nodes, edges: edges.map((e, i) => ({ id: `e${i}`, source: e.split('>')[0]!, target: e.split('>')[1]! })) };
}

describe('PositionEmbedding', () => {
  it('has the shape of its input and one vector per position (Keras: sequence_length × dim)', () => {
    const r = checkLayer('PositionEmbedding', [[10, 16]], { sequence_length: 32 });
    expect(r.shape).toEqual([null, 10, 16]);
    expect(r.total).toBe(32 * 16);
  });
  it('rejects a wrong rank, an unknown feature size and more steps than positions', () => {
    expectShapeError(
      'PositionEmbedding',
      [[16]],
      {},
      /needs a 3-D sequence input \[batch, steps, features\] but receives \[batch, 16\]/,
    );
    expectShapeError('PositionEmbedding', [[5, -1]], {}, /needs a known feature size/);
    expectShapeError(
      'PositionEmbedding',
      [[40, 8]],
      { sequence_length: 32 },
      /has positions for 32 steps but its input has 40; raise sequence_length to at least 40/,
    );
  });
  it('outputs rows 0..T-1 of its table for every sample; the gradient lands on those rows only', () => {
    const model = compile(
      graphOf(
        [node('x', 'Input', { shape: [3, 4] }), node('pe', 'PositionEmbedding', { sequence_length: 5 })],
        ['x>pe'],
      ),
    );
    const layer = model.getLayer('pe');
    const table = layer.getWeights()[0]!;
    const x = tf.randomNormal([2, 3, 4]);
    const out = model.predict(x) as tf.Tensor;
    const expected = tf.stack([tf.slice(table, [0, 0], [3, 4]), tf.slice(table, [0, 0], [3, 4])]);
    expect(maxDiff(out, expected)).toBe(0);
    const r = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(model.apply(x) as tf.Tensor, r)) as tf.Scalar,
      [layer.trainableWeights[0]!.read() as tf.Variable],
    );
    const expectedGrad = tf.concat([
      tf.add(tf.slice(r, [0, 0, 0], [1, -1, -1]), tf.slice(r, [1, 0, 0], [1, -1, -1])).reshape([3, 4]),
      tf.zeros([2, 4]),
    ]);
    expect(maxDiff(Object.values(grads)[0]!, expectedGrad)).toBeLessThan(1e-6);
    model.dispose();
  });
});

describe('TokenAndPositionEmbedding', () => {
  it('ids [batch, T] → [batch, T, dim]; counts vocab·dim + length·dim', () => {
    const r = checkLayer('TokenAndPositionEmbedding', [[12]], {
      __int_input: true,
      vocabulary_size: 50,
      sequence_length: 16,
      embedding_dim: 8,
    });
    expect(r.shape).toEqual([null, 12, 8]);
    expect(r.total).toBe(50 * 8 + 16 * 8);
    expect(checkLayer('TokenAndPositionEmbedding', [[-1]], { __int_input: true, mask_zero: true }).shape).toEqual([
      null,
      null,
      64,
    ]);
  });
  it('rejects a wrong rank and more steps than positions', () => {
    expectShapeError(
      'TokenAndPositionEmbedding',
      [[4, 4]],
      {},
      /needs a 2-D input \[batch, steps\] of token ids but receives \[batch, 4, 4\]/,
    );
    expectShapeError(
      'TokenAndPositionEmbedding',
      [[20]],
      { sequence_length: 10 },
      /has positions for 10 steps but its input has 20/,
    );
  });
  it('output and gradients equal one-hot · table + positions (max abs diff < 1e-5)', () => {
    const model = compile(
      graphOf(
        [
          node('ids', 'Input', { shape: [4], dtype: 'int32' }),
          node('tpe', 'TokenAndPositionEmbedding', { vocabulary_size: 7, sequence_length: 6, embedding_dim: 3 }),
        ],
        ['ids>tpe'],
      ),
    );
    const layer = model.getLayer('tpe');
    expect(layer.weights.map((w) => w.originalName)).toEqual([
      'tpe/token_embedding/embeddings',
      'tpe/position_embedding/embeddings',
    ]);
    const [tokens, positions] = layer.getWeights() as [tf.Tensor2D, tf.Tensor2D];
    const ids = tf.tensor2d(
      [
        [1, 6, 6, 0],
        [3, 2, 1, 5],
      ],
      [2, 4],
      'int32',
    );
    const r = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 2);
    const reference = (tok: tf.Tensor, pos: tf.Tensor) =>
      tf.add(
        tf.reshape(tf.matMul(tf.oneHot(tf.reshape(ids, [8]), 7).toFloat(), tok as tf.Tensor2D), [2, 4, 3]),
        tf.slice(pos, [0, 0], [4, 3]),
      );
    expect(maxDiff(model.predict(ids) as tf.Tensor, reference(tokens, positions))).toBeLessThan(1e-5);
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(ids) as tf.Tensor, r)) as tf.Scalar, vars);
    const refGrads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(reference(a, b), r)))([tokens, positions]);
    vars.forEach((v, i) => expect(maxDiff(grads[v.name]!, refGrads[i]!)).toBeLessThan(1e-5));
    model.dispose();
  });
  it('mask_zero: self-attention over [a b c 0 0] gives at a, b, c what it gives over [a b c]', () => {
    const build = (steps: number) =>
      compile(
        graphOf(
          [
            node('ids', 'Input', { shape: [steps], dtype: 'int32' }),
            node('tpe', 'TokenAndPositionEmbedding', {
              vocabulary_size: 9,
              sequence_length: 8,
              embedding_dim: 4,
              mask_zero: true,
            }),
            node('mha', 'MultiHeadAttention', { num_heads: 2, key_dim: 3 }),
          ],
          ['ids>tpe', 'tpe>mha'],
        ),
      );
    const [padded, short] = [build(5), build(3)];
    short.setWeights(padded.getWeights());
    const long = padded.predict(tf.tensor2d([[4, 7, 2, 0, 0]], [1, 5], 'int32')) as tf.Tensor;
    const cut = short.predict(tf.tensor2d([[4, 7, 2]], [1, 3], 'int32')) as tf.Tensor;
    expect(maxDiff(tf.slice(long, [0, 0, 0], [1, 3, -1]), cut)).toBeLessThan(1e-5);
    padded.dispose();
    short.dispose();
  });
});

describe('Keras import of the keras_hub layers', () => {
  it('accepts keras_hub and keras_nlp registered names and reads their configs', () => {
    for (const type of ['PositionEmbedding', 'TokenAndPositionEmbedding']) {
      for (const name of [type, `keras_hub>${type}`, `keras_nlp>${type}`])
        expect(specForKerasClass(name)?.type).toBe(type);
    }
    const config = {
      name: 'tpe',
      vocabulary_size: 5000,
      sequence_length: 256,
      embedding_dim: 128,
      tie_weights: true,
      embeddings_initializer: 'uniform',
      mask_zero: true,
    };
    expect(fromKerasConfig(getSpec('TokenAndPositionEmbedding')!, config)).toEqual({
      vocabulary_size: 5000,
      sequence_length: 256,
      embedding_dim: 128,
      embeddings_initializer: 'RandomUniform',
      mask_zero: true,
    });
    expect(
      fromKerasConfig(getSpec('PositionEmbedding')!, { sequence_length: 64, initializer: 'glorot_uniform' }),
    ).toEqual({ sequence_length: 64, initializer: 'GlorotUniform' });
  });
});

/** Token and position embeddings, a causal self-attention with a residual, a LayerNormalization. */
function blockGraph(): Graph {
  return graphOf(
    [
      node('ids', 'Input', { shape: [6], dtype: 'int32' }),
      node('tpe', 'TokenAndPositionEmbedding', { vocabulary_size: 20, sequence_length: 8, embedding_dim: 8 }),
      node('pe', 'PositionEmbedding', { sequence_length: 10 }),
      node('sum', 'Add'),
      node('mha', 'MultiHeadAttention', {
        num_heads: 2,
        key_dim: 4,
        value_dim: 3,
        use_causal_mask: true,
        dropout: 0.1,
        kernel_regularizer: { l1: 0, l2: 0.01 },
      }),
      node('res', 'Add'),
      node('norm', 'LayerNormalization'),
    ],
    ['ids>tpe', 'tpe>pe', 'tpe>sum', 'pe>sum', 'sum>mha', 'sum>res', 'mha>res', 'res>norm'],
  );
}

const IDS = () => tf.tensor2d([1, 2, 3, 4, 5, 6, 19, 0, 7, 7, 1, 2], [2, 6], 'int32');

describe('serialisation of the attention layers', () => {
  it('save → load through tf.io.fromMemory (stock tfjs, classes registered) predicts the same', async () => {
    const model = compile(blockGraph());
    let saved: tf.io.ModelArtifacts | undefined;
    const info = { dateSaved: new Date(), modelTopologyType: 'JSON' as const };
    await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: info })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(maxDiff(model.predict(IDS()) as tf.Tensor, loaded.predict(IDS()) as tf.Tensor)).toBe(0);
    expect(loaded.getLayer('mha').getConfig()).toMatchObject({
      numHeads: 2,
      keyDim: 4,
      valueDim: 3,
      useCausalMask: true,
      dropout: 0.1,
    });
    model.dispose();
    loaded.dispose();
  });

  it('the exported Keras-style model.json (initializer and regularizer objects) loads in stock tfjs and predicts the same', async () => {
    const graph = blockGraph();
    const model = compile(graph);
    const { modelJson, weightData } = exportLayersModel(graph, extractWeights(model, graph));
    const artifacts = {
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0]!.weights,
      weightData,
    };
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    expect(maxDiff(model.predict(IDS()) as tf.Tensor, loaded.predict(IDS()) as tf.Tensor)).toBe(0);
    expect(loaded.getLayer('mha').getConfig()).toMatchObject({
      numHeads: 2,
      keyDim: 4,
      valueDim: 3,
      useCausalMask: true,
    });
    // The L2 penalty on the kernels came through: the loaded layer adds the same loss.
    expect(loaded.getLayer('mha').losses.length).toBe(model.getLayer('mha').losses.length);
    model.dispose();
    loaded.dispose();
  });
});
