import type { LayerDraft } from '../../model/build';
import { buildGraph } from '../../model/build';
import { expect, it } from 'vitest';
import { exportOnnx, onnxRefusals } from './export';
import { onnxFamily } from './family-tests';

/** The attention layers: ONNX Runtime gives tfjs's answer within 1e-4, free lengths included. */

const cases: Record<string, LayerDraft[]> = {
  'self-attention, causal, on a free length': [
    { type: 'Input', params: { shape: [-1, 6] } },
    { type: 'MultiHeadAttention', params: { num_heads: 3, key_dim: 4, use_causal_mask: true } },
  ],
  'cross-attention with key, value_dim, output_shape, no bias': [
    { type: 'Input', id: 'q', params: { shape: [4, 6] } },
    { type: 'Input', id: 'v', params: { shape: [5, 3] } },
    { type: 'Input', id: 'k', params: { shape: [5, 2] } },
    {
      type: 'MultiHeadAttention',
      from: ['q', 'v', 'k'],
      params: { num_heads: 2, key_dim: 3, value_dim: 5, output_shape: 7, use_bias: false },
    },
  ],
  'token and position embeddings, a Transformer block': [
    { type: 'Input', params: { shape: [6], dtype: 'int32' } },
    {
      type: 'TokenAndPositionEmbedding',
      id: 'tpe',
      params: { vocabulary_size: 12, sequence_length: 8, embedding_dim: 8 },
    },
    { type: 'PositionEmbedding', id: 'pe', params: { sequence_length: 10 } },
    { type: 'Add', id: 'sum', from: ['tpe', 'pe'] },
    { type: 'MultiHeadAttention', id: 'mha', params: { num_heads: 2, key_dim: 4, use_causal_mask: true } },
    { type: 'Add', from: ['sum', 'mha'] },
    { type: 'LayerNormalization' },
    { type: 'GlobalAveragePooling1D' },
  ],
};

onnxFamily('ONNX export: attention layers', cases, () => {
  it('refuses mask_zero on TokenAndPositionEmbedding, saying how to fix it', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [6], dtype: 'int32' } },
      {
        type: 'TokenAndPositionEmbedding',
        params: { vocabulary_size: 12, sequence_length: 8, embedding_dim: 4, mask_zero: true },
      },
    ]);
    expect(onnxRefusals(graph).map((r) => r.reason)).toEqual([expect.stringMatching(/mask_zero .* untick Mask zero/)]);
    expect(() => exportOnnx(graph, {})).toThrow(/TokenAndPositionEmbedding/);
  });
  it('refuses an Embedding with mask_zero that MultiHeadAttention reads (its keys would be unmasked)', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [6], dtype: 'int32' } },
      { type: 'Embedding', params: { input_dim: 12, output_dim: 4, mask_zero: true } },
      { type: 'MultiHeadAttention', name: 'att' },
    ]);
    expect(onnxRefusals(graph).map((r) => r.reason)).toEqual([
      expect.stringMatching(/MultiHeadAttention 'att' skips the masked steps; .*untick Mask zero/),
    ]);
  });
});
