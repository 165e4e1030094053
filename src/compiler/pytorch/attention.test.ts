import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { compile } from '../compile';
import { extractWeights } from '../weights';
import { pytorchFamily } from './family-tests';
import { buildPytorchFiles, PytorchExportError } from './index';
import type { ParityCase } from './parity-check';

/** The attention layers in torch: within 1e-4 of tfjs, weights given back, gradients everywhere. */

const CASES: ParityCase[] = [
  {
    name: 'causal self-attention on a Transformer block',
    graph: buildGraph([
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
      { type: 'Dense', params: { units: 3 } },
    ]),
    train: true,
  },
  {
    name: 'cross-attention with key, value_dim, output_shape, no bias, on a free length',
    graph: buildGraph([
      { type: 'Input', id: 'q', params: { shape: [4, 6] } },
      { type: 'Input', id: 'v', params: { shape: [-1, 3] } },
      { type: 'Input', id: 'k', params: { shape: [-1, 2] } },
      {
        type: 'MultiHeadAttention',
        from: ['q', 'v', 'k'],
        params: { num_heads: 2, key_dim: 3, value_dim: 5, output_shape: 7, use_bias: false },
      },
    ]),
    train: true,
  },
];

pytorchFamily('PyTorch export: attention layers', CASES);

describe('PyTorch export: attention refusals', () => {
  it('refuses mask_zero on TokenAndPositionEmbedding, saying what to do', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [6], dtype: 'int32' } },
      {
        type: 'TokenAndPositionEmbedding',
        name: 'tokens',
        params: { vocabulary_size: 12, sequence_length: 8, embedding_dim: 4, mask_zero: true },
      },
    ]);
    const weights = extractWeights(compile(graph), graph);
    expect(() => buildPytorchFiles(graph, weights, { modelName: 'm' })).toThrow(PytorchExportError);
    expect(() => buildPytorchFiles(graph, weights, { modelName: 'm' })).toThrow(
      /TokenAndPositionEmbedding "tokens" has mask_zero on.*turn it off/,
    );
  });
});
