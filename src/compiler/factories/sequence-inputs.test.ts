import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../model/analyze';
import type { Graph, LayerNode, Params } from '../../model/graph';
import { defaultParamsFor, getSpec } from '../../model/registry';
import { compile } from '../compile';
import { checkLayer } from '../layer-check';

/**
 * The layers a Transformer block is made of besides attention, on [batch, steps, features]
 * inputs: the registry's shapes and counts agree with tfjs, and a forward and backward pass runs.
 */

function node(id: string, type: string, params: Params = {}): LayerNode {
  return { id, type, name: id, params: { ...defaultParamsFor(getSpec(type)!), ...params }, position: { x: 0, y: 0 } };
}

describe('existing layers on 3-D inputs', () => {
  it('registry shapes and parameter counts match tfjs', () => {
    expect(checkLayer('Dense', [[5, 8]], { units: 4 })).toMatchObject({ shape: [null, 5, 4], total: 8 * 4 + 4 });
    expect(checkLayer('LayerNormalization', [[5, 8]])).toMatchObject({ shape: [null, 5, 8], total: 16 });
    expect(checkLayer('Dropout', [[5, 8]], { rate: 0.2 })).toMatchObject({ shape: [null, 5, 8], total: 0 });
    expect(
      checkLayer('Add', [
        [5, 8],
        [5, 8],
      ]),
    ).toMatchObject({ shape: [null, 5, 8], total: 0 });
    expect(checkLayer('GlobalAveragePooling1D', [[5, 8]])).toMatchObject({ shape: [null, 8], total: 0 });
    expect(checkLayer('GlobalMaxPooling1D', [[5, 8]])).toMatchObject({ shape: [null, 8], total: 0 });
    expect(checkLayer('Dense', [[-1, 8]], { units: 3 }).shape).toEqual([null, null, 3]);
  });

  it('a Transformer-style block runs forward and backward (training), every weight and the input get a gradient', () => {
    const graph: Graph = {
      nodes: [
        node('x', 'Input', { shape: [5, 8] }),
        node('mha', 'MultiHeadAttention', { num_heads: 2, key_dim: 4 }),
        node('res', 'Add'),
        node('norm', 'LayerNormalization'),
        node('ff', 'Dense', { units: 8, activation: 'relu' }),
        node('drop', 'Dropout', { rate: 0.3 }),
        node('avg', 'GlobalAveragePooling1D'),
        node('max', 'GlobalMaxPooling1D'),
      ],
      edges: ['x>mha', 'x>res', 'mha>res', 'res>norm', 'norm>ff', 'ff>drop', 'drop>avg', 'drop>max'].map((e, i) => ({
        id: `e${i}`,
        source: e.split('>')[0]!,
        target: e.split('>')[1]!,
      })),
    };
    const analysis = analyzeGraph(graph);
    expect(analysis.errors).toEqual([]);
    const model = compile(graph);
    expect(model.outputs.map((o) => o.shape)).toEqual([analysis.shapes.get('avg'), analysis.shapes.get('max')]);
    const x = tf.randomNormal([3, 5, 8], 0, 1, 'float32', 11);
    const loss = (input: tf.Tensor) => {
      const [avg, max] = model.apply(input, { training: true }) as tf.Tensor[];
      return tf.add(tf.sum(tf.square(avg!)), tf.sum(max!)) as tf.Scalar;
    };
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    expect(vars).toHaveLength(8 + 2 + 2);
    const { value, grads } = tf.variableGrads(() => loss(x), vars);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    for (const v of vars) {
      const g = grads[v.name]!;
      expect(g.shape, v.name).toEqual(v.shape);
      expect(tf.all(tf.isFinite(g)).dataSync()[0], `${v.name} finite`).toBe(1);
      expect(tf.max(tf.abs(g)).dataSync()[0], `${v.name} non-zero`).toBeGreaterThan(0);
    }
    const inputGrad = tf.grad(loss)(x);
    expect(inputGrad.shape).toEqual([3, 5, 8]);
    expect(tf.max(tf.abs(inputGrad)).dataSync()[0]).toBeGreaterThan(0);
    model.dispose();
  });
});
