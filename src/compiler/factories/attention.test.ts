import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Params } from '../../model/graph';
import { fromKerasConfig } from '../../model/keras-config';
import { getSpec, layerWeights } from '../../model/registry';
import { compile } from '../compile';
import { checkLayer, expectShapeError, singleLayerGraph } from '../layer-check';
import type { MultiHeadAttentionLayer } from './attention';
import { attentionFactories, layerAttentionScores } from './attention';
import { attentionProbabilities, attentionWeightsFromStored } from './attention-ops';
import { extractWeights } from '../weights';

/** Keras 3's MultiHeadAttention parameter count: four EinsumDense layers. */
function kerasMhaParams(o: {
  dq: number;
  dk: number;
  dv: number;
  heads: number;
  keyDim: number;
  valueDim: number;
  out: number;
  bias: boolean;
}): number {
  const b = o.bias ? 1 : 0;
  const query = o.dq * o.heads * o.keyDim + b * o.heads * o.keyDim;
  const key = o.dk * o.heads * o.keyDim + b * o.heads * o.keyDim;
  const value = o.dv * o.heads * o.valueDim + b * o.heads * o.valueDim;
  const output = o.heads * o.valueDim * o.out + b * o.out;
  return query + key + value + output;
}

/** A standalone layer (not in a model), built from params as the compiler builds it. */
function mhaLayer(params: Params): MultiHeadAttentionLayer {
  const graph = singleLayerGraph('MultiHeadAttention', [[4, 6]], params);
  const node = graph.nodes.find((n) => n.id === 'layer')!;
  const args = {
    name: `mha_${Math.random().toString(36).slice(2)}`,
    trainable: true,
    kernelInitializer: 'glorotUniform',
    biasInitializer: 'randomNormal',
  };
  return attentionFactories.MultiHeadAttention!(args, node.params) as MultiHeadAttentionLayer;
}

/**
 * The reference: attention written head by head and sample by sample with 2-D matmuls, and
 * the causal mask built in JS, independently of attention-ops.ts.
 */
function reference(
  q: tf.Tensor3D,
  v: tf.Tensor3D,
  k: tf.Tensor3D,
  w: tf.Tensor[],
  heads: number,
  causal: boolean,
): tf.Tensor {
  const [wq, bq, wk, bk, wv, bv, wo, bo] = w as [
    tf.Tensor3D,
    tf.Tensor2D,
    tf.Tensor3D,
    tf.Tensor2D,
    tf.Tensor3D,
    tf.Tensor2D,
    tf.Tensor3D,
    tf.Tensor1D,
  ];
  const [batch, tq] = q.shape;
  const tk = k.shape[1];
  const keyDim = wq.shape[2];
  const maskRows = Array.from({ length: tq }, (_, i) =>
    Array.from({ length: tk }, (_, j) => (causal && j > i ? -1e9 : 0)),
  );
  const mask = tf.tensor2d(maskRows);
  const headOf = (kernel: tf.Tensor3D, h: number) =>
    tf.squeeze(tf.slice(kernel, [0, h, 0], [-1, 1, -1]), [1]) as tf.Tensor2D;
  const biasOf = (bias: tf.Tensor2D, h: number) => tf.squeeze(tf.slice(bias, [h, 0], [1, -1]), [0]);
  const samples: tf.Tensor[] = [];
  for (let b = 0; b < batch; b++) {
    const sample = (x: tf.Tensor3D) => tf.squeeze(tf.slice(x, [b, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
    let sum: tf.Tensor = bo;
    for (let h = 0; h < heads; h++) {
      const qh = tf.add(tf.matMul(sample(q), headOf(wq, h)), biasOf(bq, h)) as tf.Tensor2D;
      const kh = tf.add(tf.matMul(sample(k), headOf(wk, h)), biasOf(bk, h)) as tf.Tensor2D;
      const vh = tf.add(tf.matMul(sample(v), headOf(wv, h)), biasOf(bv, h)) as tf.Tensor2D;
      const scores = tf.add(tf.div(tf.matMul(qh, tf.transpose(kh)), Math.sqrt(keyDim)), mask);
      const context = tf.matMul(tf.softmax(scores) as tf.Tensor2D, vh);
      const outHead = tf.squeeze(tf.slice(wo, [h, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
      sum = tf.add(sum, tf.matMul(context, outHead));
    }
    samples.push(sum);
  }
  return tf.stack(samples);
}

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;

describe('MultiHeadAttention: shapes and parameter counts', () => {
  it('self-attention keeps the query shape; counts follow Keras 3', () => {
    const r = checkLayer('MultiHeadAttention', [[10, 32]], { num_heads: 4, key_dim: 8 });
    expect(r.shape).toEqual([null, 10, 32]);
    expect(r.total).toBe(
      kerasMhaParams({ dq: 32, dk: 32, dv: 32, heads: 4, keyDim: 8, valueDim: 8, out: 32, bias: true }),
    );
  });
  it('cross-attention with value_dim, output_shape, no bias', () => {
    const p = { num_heads: 2, key_dim: 2, value_dim: 3, output_shape: 5, use_bias: false };
    const r = checkLayer(
      'MultiHeadAttention',
      [
        [8, 16],
        [4, 12],
      ],
      p,
    );
    expect(r.shape).toEqual([null, 8, 5]);
    expect(r.total).toBe(
      kerasMhaParams({ dq: 16, dk: 12, dv: 12, heads: 2, keyDim: 2, valueDim: 3, out: 5, bias: false }),
    );
  });
  it('query, value and key of three sizes; the Keras docs example (2 heads, key_dim 2) counts 284', () => {
    const r = checkLayer(
      'MultiHeadAttention',
      [
        [8, 16],
        [4, 6],
        [4, 7],
      ],
      { num_heads: 3, key_dim: 5 },
    );
    expect(r.shape).toEqual([null, 8, 16]);
    expect(r.total).toBe(
      kerasMhaParams({ dq: 16, dk: 7, dv: 6, heads: 3, keyDim: 5, valueDim: 5, out: 16, bias: true }),
    );
    expect(
      checkLayer(
        'MultiHeadAttention',
        [
          [8, 16],
          [4, 16],
        ],
        { num_heads: 2, key_dim: 2 },
      ).total,
    ).toBe(284);
  });
  it('accepts an unknown sequence length', () => {
    expect(checkLayer('MultiHeadAttention', [[-1, 8]], { use_causal_mask: true }).shape).toEqual([null, null, 8]);
  });
  it('names its weights as Keras 3, in its order, and tfjs agrees', () => {
    const graph = singleLayerGraph(
      'MultiHeadAttention',
      [
        [3, 4],
        [5, 6],
      ],
      { num_heads: 2, key_dim: 3 },
    );
    const node = graph.nodes.find((n) => n.id === 'layer')!;
    const spec = layerWeights(
      getSpec('MultiHeadAttention')!,
      [
        [null, 3, 4],
        [null, 5, 6],
      ],
      node.params,
    );
    expect(spec.map((w) => [w.name, w.shape])).toEqual([
      ['query/kernel', [4, 2, 3]],
      ['query/bias', [2, 3]],
      ['key/kernel', [6, 2, 3]],
      ['key/bias', [2, 3]],
      ['value/kernel', [6, 2, 3]],
      ['value/bias', [2, 3]],
      ['attention_output/kernel', [2, 3, 4]],
      ['attention_output/bias', [4]],
    ]);
    const model = compile(graph);
    try {
      const tfjs = model
        .getLayer('layer_under_test')
        .weights.map((w) => [w.originalName.replace(/^layer_under_test[^/]*\//, ''), w.shape]);
      expect(tfjs).toEqual(spec.map((w) => [w.name, w.shape]));
    } finally {
      model.dispose();
    }
  });
});

describe('MultiHeadAttention: errors', () => {
  it('rejects a wrong rank on any port, naming it', () => {
    expectShapeError(
      'MultiHeadAttention',
      [[16]],
      {},
      /needs a 3-D query input \[batch, steps, features\] but receives \[batch, 16\]/,
    );
    expectShapeError(
      'MultiHeadAttention',
      [
        [4, 8],
        [2, 3, 4],
      ],
      {},
      /needs a 3-D value input .* receives \[batch, 2, 3, 4\]/,
    );
  });
  it('rejects key and value of different lengths', () => {
    expectShapeError(
      'MultiHeadAttention',
      [
        [4, 8],
        [5, 8],
        [6, 8],
      ],
      {},
      /key of 6 steps but a value of 5 steps/,
    );
  });
  it('rejects an unknown feature size', () => {
    expectShapeError('MultiHeadAttention', [[4, -1]], {}, /needs a known feature size on its query input/);
  });
  it('rejects attention over other axes, on the graph and on import', () => {
    expectShapeError(
      'MultiHeadAttention',
      [[4, 8]],
      { attention_axes: [2] },
      /only attention over the sequence axis runs here; leave attention_axes empty/,
    );
    expect(checkLayer('MultiHeadAttention', [[4, 8]], { attention_axes: [1] }).shape).toEqual([null, 4, 8]);
    const spec = getSpec('MultiHeadAttention')!;
    expect(() => fromKerasConfig(spec, { attention_axes: [1, 2] })).toThrow(/only attention over the sequence axis/);
    expect(fromKerasConfig(spec, { attention_axes: null, output_shape: [7] })).toMatchObject({
      attention_axes: [],
      output_shape: 7,
    });
    expect(() => fromKerasConfig(spec, { output_shape: [3, 4] })).toThrow(/only one output feature size/);
  });
});

describe('MultiHeadAttention: numerics', () => {
  const TOL = 1e-4;
  for (const causal of [false, true]) {
    it(`output and gradients (inputs and every weight) equal a head-by-head composition${causal ? ', causal' : ''} (max abs diff < ${TOL})`, () => {
      const layer = mhaLayer({ num_heads: 3, key_dim: 4, value_dim: 5, output_shape: 7, use_causal_mask: causal });
      const q = tf.randomNormal([2, 4, 6], 0, 1, 'float32', 1) as tf.Tensor3D;
      const v = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 2) as tf.Tensor3D;
      const k = tf.randomNormal([2, 5, 2], 0, 1, 'float32', 3) as tf.Tensor3D;
      const r = tf.randomNormal([2, 4, 7], 0, 1, 'float32', 4);
      const run = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => layer.apply([a, b, c]) as tf.Tensor;
      const out = run(q, v, k);
      const weights = layer.getWeights();
      expect(weights.map((w) => w.shape)).toEqual([
        [6, 3, 4],
        [3, 4],
        [2, 3, 4],
        [3, 4],
        [3, 3, 5],
        [3, 5],
        [3, 5, 7],
        [7],
      ]);
      const expected = reference(q, v, k, weights, 3, causal);
      expect(out.shape).toEqual([2, 4, 7]);
      expect(maxDiff(out, expected)).toBeLessThan(TOL);

      const loss = (y: tf.Tensor) => tf.sum(tf.mul(y, r)) as tf.Scalar;
      const inputGrads = tf.grads((a, b, c) => loss(run(a, b, c)))([q, v, k]);
      const weightGrads = tf.variableGrads(
        () => loss(run(q, v, k)),
        layer.trainableWeights.map((w) => w.read() as tf.Variable),
      );
      const refGrads = tf.grads((...all: tf.Tensor[]) =>
        loss(reference(all[0] as tf.Tensor3D, all[1] as tf.Tensor3D, all[2] as tf.Tensor3D, all.slice(3), 3, causal)),
      )([q, v, k, ...weights]);
      const ours = [
        ...inputGrads,
        ...layer.trainableWeights.map((w) => weightGrads.grads[(w.read() as tf.Variable).name]!),
      ];
      expect(ours).toHaveLength(11);
      ours.forEach((g, i) => {
        expect(g.shape, `gradient ${i}`).toEqual(refGrads[i]!.shape);
        expect(maxDiff(g, refGrads[i]!), `gradient ${i}`).toBeLessThan(TOL);
        expect(tf.max(tf.abs(g)).dataSync()[0], `gradient ${i} is not all zero`).toBeGreaterThan(0);
      });
    });
  }

  it('causal: the output at step t does not change when later steps change', () => {
    const layer = mhaLayer({ num_heads: 2, key_dim: 3, use_causal_mask: true });
    const x = tf.randomNormal([1, 4, 6], 0, 1, 'float32', 5);
    const changed = tf.concat([tf.slice(x, [0, 0, 0], [1, 2, 6]), tf.randomNormal([1, 2, 6], 0, 1, 'float32', 6)], 1);
    const [a, b] = [layer.apply(x) as tf.Tensor, layer.apply(changed) as tf.Tensor];
    expect(maxDiff(tf.slice(a, [0, 0, 0], [1, 2, -1]), tf.slice(b, [0, 0, 0], [1, 2, -1]))).toBeLessThan(1e-6);
    expect(maxDiff(tf.slice(a, [0, 2, 0], [1, 2, -1]), tf.slice(b, [0, 2, 0], [1, 2, -1]))).toBeGreaterThan(1e-3);
    const scores = layerAttentionScores(layer, x);
    expect(scores.shape).toEqual([1, 2, 4, 4]);
    const s = scores.arraySync();
    expect(s[0]![1]![0]![3]).toBeLessThan(1e-9);
    expect(s[0]![1]![3]![0]).toBeGreaterThan(0);
  });

  it('attention probabilities: [batch, heads, Tq, Tk], rows sum to 1', () => {
    const layer = mhaLayer({ num_heads: 3, key_dim: 2 });
    const q = tf.randomNormal([2, 4, 6]);
    const v = tf.randomNormal([2, 5, 6]);
    layer.apply([q, v]);
    const scores = layerAttentionScores(layer, q, v);
    expect(scores.shape).toEqual([2, 3, 4, 5]);
    expect(maxDiff(tf.sum(scores, -1), tf.onesLike(tf.sum(scores, -1)))).toBeLessThan(1e-5);
  });

  it("probabilities from a run's stored weights equal the layer's own; a missing kernel is named", () => {
    const graph = singleLayerGraph('MultiHeadAttention', [[4, 6]], { num_heads: 2, key_dim: 3, use_causal_mask: true });
    const model = compile(graph);
    const stored = extractWeights(model, graph)['layer_under_test']!;
    const x = tf.randomNormal([2, 4, 6], 0, 1, 'float32', 8);
    const fromStored = attentionProbabilities({ query: x }, attentionWeightsFromStored(stored), true);
    const fromLayer = layerAttentionScores(model.getLayer('layer_under_test') as MultiHeadAttentionLayer, x);
    expect(fromStored.shape).toEqual([2, 2, 4, 4]);
    expect(maxDiff(fromStored, fromLayer)).toBe(0);
    expect(() => attentionWeightsFromStored(stored.filter((w) => w.name !== 'key/kernel'))).toThrow(
      /lack 'key\/kernel'/,
    );
    model.dispose();
  });

  it('dropout touches the probabilities only while training', () => {
    const layer = mhaLayer({ num_heads: 2, key_dim: 3, dropout: 0.5 });
    const x = tf.randomNormal([2, 4, 6], 0, 1, 'float32', 7);
    const inference = layer.apply(x) as tf.Tensor;
    expect(maxDiff(inference, layer.apply(x) as tf.Tensor)).toBe(0);
    expect(maxDiff(inference, layer.apply(x, { training: true }) as tf.Tensor)).toBeGreaterThan(1e-3);
  });
});
