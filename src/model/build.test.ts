import { describe, expect, it } from 'vitest';
import { baseName, buildGraph, uniqueName } from './build';

describe('layer names', () => {
  it('follows Keras snake case', () => {
    expect(baseName('Conv2D')).toBe('conv2d');
    expect(baseName('MaxPooling2D')).toBe('max_pooling2d');
    expect(baseName('GlobalAveragePooling1D')).toBe('global_average_pooling1d');
    expect(baseName('Dense')).toBe('dense');
    expect(baseName('LSTM')).toBe('lstm');
    expect(baseName('PReLU')).toBe('p_re_lu');
  });
  it('numbers repeats', () => {
    expect(uniqueName(new Set(['dense', 'dense_1']), 'dense')).toBe('dense_2');
  });
});

describe('buildGraph', () => {
  it('chains layers and lays them out top to bottom, in one column', () => {
    const g = buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense' }, { type: 'Dense' }]);
    expect(g.nodes.map((n) => n.name)).toEqual(['input', 'dense', 'dense_1']);
    expect(g.edges.map((e) => [e.source, e.target])).toEqual([
      ['n1', 'n2'],
      ['n2', 'n3'],
    ]);
    expect(g.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 140 },
      { x: 0, y: 280 },
    ]);
  });
});
