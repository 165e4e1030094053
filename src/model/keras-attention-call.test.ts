import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { Graph } from './graph';
import { importLayersModel } from './keras-import';

/** MultiHeadAttention's call arguments (value, key, use_causal_mask) on Keras import. */

type Json = Record<string, unknown>;

const kt = (s: string) => ({
  class_name: '__keras_tensor__',
  config: { shape: [null, 4, 8], dtype: 'float32', keras_history: [s, 0, 0] },
});
const input = (name: string): Json => ({
  class_name: 'InputLayer',
  name,
  config: { name, batch_shape: [null, 4, 8], dtype: 'float32' },
  inbound_nodes: [],
});
const mhaConfig = {
  name: 'att',
  num_heads: 2,
  key_dim: 3,
  value_dim: null,
  dropout: 0,
  use_bias: true,
  output_shape: null,
  attention_axes: null,
};
const model = (layers: Json[], inputs: string[]): Json => ({
  format: 'layers-model',
  modelTopology: {
    model_config: {
      class_name: 'Functional',
      config: { name: 'm', layers, input_layers: inputs.map((n) => [n, 0, 0]), output_layers: [['att', 0, 0]] },
    },
  },
});
const mha = (inbound: unknown): Json => ({
  class_name: 'MultiHeadAttention',
  name: 'att',
  config: mhaConfig,
  inbound_nodes: inbound,
});

function imported(m: Json) {
  const g: Graph = importLayersModel(m).graph;
  const a = analyzeGraph(g);
  expect(a.errors.map((e) => e.message)).toEqual([]);
  const att = g.nodes.find((n) => n.name === 'att')!;
  const sources = g.edges.filter((e) => e.target === att.id).map((e) => g.nodes.find((n) => n.id === e.source)!.name);
  return { sources, causal: att.params.use_causal_mask, total: a.counts.get(att.id)!.total };
}

describe('Keras import of MultiHeadAttention calls', () => {
  it('Keras 3 self-attention mha(x, x, use_causal_mask=True): one edge, causal', () => {
    const r = imported(
      model([input('x'), mha([{ args: [kt('x'), kt('x')], kwargs: { use_causal_mask: true } }])], ['x']),
    );
    expect(r).toMatchObject({ sources: ['x'], causal: true });
    // Keras 3: 3 × (8·2·3 + 2·3) + (2·3·8 + 8)
    expect(r.total).toBe(3 * (8 * 2 * 3 + 2 * 3) + (2 * 3 * 8 + 8));
  });
  it('Keras 3 cross-attention with key= as a keyword: ports query, value, key', () => {
    const r = imported(
      model(
        [input('q'), input('v'), input('k'), mha([{ args: [kt('q'), kt('v')], kwargs: { key: kt('k') } }])],
        ['q', 'v', 'k'],
      ),
    );
    expect(r).toMatchObject({ sources: ['q', 'v', 'k'], causal: false });
  });
  it('Keras 3 all keywords: mha(query=q, value=v)', () => {
    const r = imported(
      model(
        [
          input('q'),
          input('v'),
          mha([{ args: [], kwargs: { query: kt('q'), value: kt('v'), use_causal_mask: false } }]),
        ],
        ['q', 'v'],
      ),
    );
    expect(r.sources).toEqual(['q', 'v']);
  });
  it('tf.keras 2: value and key in the query ref’s kwargs', () => {
    const inbound = [[['q', 0, 0, { value: ['v', 0, 0], key: ['v', 0, 0], use_causal_mask: true }]]];
    const r = imported(model([input('q'), input('v'), mha(inbound)], ['q', 'v']));
    expect(r).toMatchObject({ sources: ['q', 'v'], causal: true });
  });
});
