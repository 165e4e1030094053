import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import type { Graph } from '../../model/graph';
import { layerTypes } from '../../model/registry';
import { permuteValues } from './builder';
import { onnxConverters } from './converters';
import { exportOnnx, OnnxExportError, onnxRefusals } from './export';

/** Refusals (all named at once), the registry's coverage, and the weight reordering helper. */

describe('ONNX export refusals', () => {
  const refused = buildGraph([
    { type: 'Input', params: { shape: [6], dtype: 'int32', batch_size: 2 } },
    { type: 'Embedding', params: { input_dim: 20, output_dim: 4, mask_zero: true }, name: 'tokens' },
    { type: 'LSTM', params: { units: 3, return_sequences: true, stateful: true }, name: 'memory' },
    { type: 'GRU', params: { units: 3, activation: 'selu' }, name: 'odd_gru' },
    { type: 'Dense', params: { units: 1 } },
  ]);

  it('names every layer without an ONNX equivalent, with the reason, in one error', () => {
    let error: unknown;
    try {
      exportOnnx(refused, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OnnxExportError);
    const e = error as OnnxExportError;
    expect(e.refusals.map((r) => r.layer).sort()).toEqual(['memory', 'odd_gru', 'tokens']);
    expect(e.message).toContain("LSTM 'memory': it is stateful");
    expect(e.message).toContain("GRU 'odd_gru': its activation 'selu' is not one ONNX's GRU can apply");
    expect(e.message).toContain("Embedding 'tokens': has mask_zero on, and LSTM 'memory' skips the masked steps");
    expect(e.message).toMatch(/^The model cannot be exported to ONNX: 3 layers have no ONNX equivalent/);
  });

  it('lets a mask through when no recurrent layer reads it', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [6], dtype: 'int32' } },
      { type: 'Embedding', params: { input_dim: 20, output_dim: 4, mask_zero: true } },
      { type: 'GlobalAveragePooling1D' },
    ]);
    expect(onnxRefusals(graph)).toEqual([]);
  });

  it('refuses a layer type it has no converter for by name (a type added to the registry later)', () => {
    const base = buildGraph([
      { type: 'Input', params: { shape: [4, 8] } },
      { type: 'Dense', params: { units: 8 } },
    ]);
    const graph: Graph = {
      nodes: [
        ...base.nodes,
        { id: 'mha', type: 'LayerAddedLater', name: 'attention', params: {}, position: { x: 0, y: 0 } },
      ],
      edges: [...base.edges, { id: 'e9', source: 'n2', target: 'mha' }],
    };
    expect(onnxRefusals(graph)).toEqual([
      { layer: 'attention', type: 'LayerAddedLater', reason: 'has no ONNX equivalent in this exporter' },
    ]);
  });

  it('has a converter for every layer type in the registry', () => {
    expect(layerTypes().filter((t) => t !== 'Input' && !onnxConverters[t])).toEqual([]);
  });

  it('refuses a graph that does not validate, and weights that are missing', () => {
    expect(() => exportOnnx(buildGraph([{ type: 'Input', params: { shape: [3] } }]), {})).toThrow(
      /cannot be exported: .*not connected/,
    );
    const graph = buildGraph([
      { type: 'Input', params: { shape: [3] } },
      { type: 'Dense', params: { units: 2 } },
    ]);
    expect(() => exportOnnx(graph, {})).toThrow(/Weight 'kernel' of Dense 'dense' has no values/);
  });
});

describe('permuteValues', () => {
  it('reorders a row-major array as numpy.transpose does', () => {
    // [[0, 1, 2], [3, 4, 5]] transposed.
    expect(Array.from(permuteValues(Float32Array.from([0, 1, 2, 3, 4, 5]), [2, 3], [1, 0]))).toEqual([
      0, 3, 1, 4, 2, 5,
    ]);
    // A [2, 1, 3] array to [3, 2, 1]: element [i, 0, k] lands at [k, i, 0].
    const values = Float32Array.from([0, 1, 2, 10, 11, 12]);
    expect(Array.from(permuteValues(values, [2, 1, 3], [2, 0, 1]))).toEqual([0, 10, 1, 11, 2, 12]);
  });
});
