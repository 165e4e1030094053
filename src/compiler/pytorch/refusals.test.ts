import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { layerTypes } from '../../model/registry';
import { compile } from '../compile';
import { extractWeights } from '../weights';
import { buildPytorchFiles, PYTORCH_LAYER_TYPES, PytorchExportError } from './index';

/** What the PyTorch export refuses, and that it says which layer and why. */

describe('refusals', () => {
  it('covers every layer type of the registry (a new type must be added to a family or refused on purpose)', () => {
    expect(layerTypes().filter((t) => t !== 'Input' && !PYTORCH_LAYER_TYPES.includes(t))).toEqual([]);
  });

  it('names every layer it cannot export, at once', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [5], dtype: 'int32', batch_size: 4 } },
      { type: 'Embedding', name: 'tokens', params: { input_dim: 9, output_dim: 3, mask_zero: true } },
      { type: 'LSTM', name: 'memory', params: { units: 2, stateful: true } },
    ]);
    const weights = extractWeights(compile(graph), graph);
    expect(() => buildPytorchFiles(graph, weights, { modelName: 'm' })).toThrow(PytorchExportError);
    expect(() => buildPytorchFiles(graph, weights, { modelName: 'm' })).toThrow(
      /Embedding "tokens" has mask_zero on.*; LSTM "memory" is stateful/,
    );
  });

  it('refuses weights that do not fit, naming the layer', () => {
    const graph = buildGraph([
      { type: 'Input', params: { shape: [3] } },
      { type: 'Dense', name: 'd', params: { units: 2 } },
    ]);
    const short = {
      d: [
        { name: 'kernel', shape: [3, 2], values: new Float32Array(5) },
        { name: 'bias', shape: [2], values: new Float32Array(2) },
      ],
    };
    expect(() => buildPytorchFiles(graph, short, { modelName: 'm' })).toThrow(
      /Weight 'kernel' of Dense "d" has 5 values/,
    );
    expect(() => buildPytorchFiles(graph, {}, { modelName: 'm' })).toThrow(
      /Weight 'kernel' of Dense "d" has no values/,
    );
  });

  it('refuses graphs with errors, with the analyser’s message', () => {
    const graph = buildGraph([{ type: 'Input', params: { shape: [3] } }, { type: 'Conv2D' }]);
    expect(() => buildPytorchFiles(graph, {}, { modelName: 'm' })).toThrow(/cannot be exported to PyTorch until/);
  });
});
