import type { BlockDefinition, Edge, LayerNode, Params } from './graph';
import { defaultParamsFor, getSpec } from './registry';

/**
 * The blocks the palette offers ready-made. Both are post-norm, as in the Keras "text
 * classification with Transformer" example: x → MultiHeadAttention(self) → Dropout → Add(x, ·) →
 * LayerNormalization → Dense(ff, relu) → Dense(dim) → Dropout → Add → LayerNormalization. The
 * decoder is the GPT-style one: the same with a causal mask and no cross-attention.
 */
export interface TransformerSizes {
  readonly heads: number;
  readonly keyDim: number;
  readonly ff: number;
  /** The model width: the last dimension of the block's input, which the residual Adds need back. */
  readonly dim: number;
  readonly dropout: number;
}

export const DEFAULT_TRANSFORMER_SIZES: TransformerSizes = { heads: 2, keyDim: 16, ff: 64, dim: 32, dropout: 0.1 };

export interface ReadyBlock {
  readonly id: 'transformer-encoder' | 'transformer-decoder';
  readonly title: string;
  readonly description: string;
  build(sizes: TransformerSizes): BlockDefinition;
}

/** A layer with the registry's defaults under the given params (a type not registered keeps only those). */
function layer(id: string, type: string, name: string, params: Params, y: number): LayerNode {
  const spec = getSpec(type);
  return { id, type, name, params: { ...(spec ? defaultParamsFor(spec) : {}), ...params }, position: { x: 0, y } };
}

function transformer(name: string, causal: boolean, s: TransformerSizes): BlockDefinition {
  const nodes: LayerNode[] = [
    { id: 'x', type: 'Input', name: 'input_0', params: {}, position: { x: 0, y: -140 } },
    layer(
      'mha',
      'MultiHeadAttention',
      'attention',
      { num_heads: s.heads, key_dim: s.keyDim, use_causal_mask: causal },
      0,
    ),
    layer('drop1', 'Dropout', 'attention_dropout', { rate: s.dropout }, 140),
    layer('add1', 'Add', 'attention_add', {}, 280),
    layer('norm1', 'LayerNormalization', 'attention_norm', {}, 420),
    layer('ff1', 'Dense', 'ffn_dense', { units: s.ff, activation: 'relu' }, 560),
    layer('ff2', 'Dense', 'ffn_out', { units: s.dim }, 700),
    layer('drop2', 'Dropout', 'ffn_dropout', { rate: s.dropout }, 840),
    layer('add2', 'Add', 'ffn_add', {}, 980),
    layer('norm2', 'LayerNormalization', 'ffn_norm', {}, 1120),
  ];
  // [source, target] in input order: the residual (x, then ln1) is each Add's first input.
  const links: [string, string][] = [
    ['x', 'mha'],
    ['mha', 'drop1'],
    ['x', 'add1'],
    ['drop1', 'add1'],
    ['add1', 'norm1'],
    ['norm1', 'ff1'],
    ['ff1', 'ff2'],
    ['ff2', 'drop2'],
    ['norm1', 'add2'],
    ['drop2', 'add2'],
    ['add2', 'norm2'],
  ];
  const edges: Edge[] = links.map(([source, target]) => ({ id: `${source}-${target}`, source, target }));
  return { name, graph: { nodes, edges }, inputs: ['x'], output: 'norm2' };
}

export const READY_BLOCKS: readonly ReadyBlock[] = [
  {
    id: 'transformer-encoder',
    title: 'Transformer encoder',
    description:
      'Self-attention and a feed-forward network, each with a residual Add and LayerNormalization (post-norm)',
    build: (s) => transformer('encoder', false, s),
  },
  {
    id: 'transformer-decoder',
    title: 'Transformer decoder (causal)',
    description:
      'GPT-style decoder: causal self-attention (each step sees only earlier ones) and a feed-forward network, post-norm',
    build: (s) => transformer('decoder', true, s),
  },
];
