import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { compile } from '../compile';
import { extractWeights } from '../weights';
import { buildPytorchFiles } from './index';

/** README.md names where the PyTorch model and the app's tfjs model may disagree. */

const readmeFor = (axis: number) => {
  const graph = buildGraph([
    { type: 'Input', params: { shape: [5, 4, 3] } },
    { type: 'BatchNormalization', name: 'norm', params: { axis } },
  ]);
  return buildPytorchFiles(graph, extractWeights(compile(graph), graph), { modelName: 'm' })['README.md'] as string;
};

describe('README.md', () => {
  it('names a BatchNormalization off the last axis, which tfjs CPU computes differently', () => {
    expect(readmeFor(1)).toMatch(/## Differences from TensorFlow.js[\s\S]*BatchNormalization `norm` normalizes axis 1/);
  });

  it('says nothing of it on the last axis, by either spelling', () => {
    expect(readmeFor(-1)).not.toContain('Differences');
    expect(readmeFor(3)).not.toContain('Differences');
  });
});
