import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { templateGraph, templates } from './templates';

describe('templates', () => {
  it.each(templates.map((t) => t.id))('%s validates', (id) => {
    const a = analyzeGraph(templateGraph(id));
    expect(a.errors).toEqual([]);
    expect(a.totals.total).toBeGreaterThan(0);
  });

  it('MNIST CNN has the seed count', () => {
    expect(analyzeGraph(templateGraph('mnist-cnn')).totals.total).toBe(693962);
  });

  it('the autoencoder rebuilds its input shape', () => {
    const g = templateGraph('conv-autoencoder');
    const a = analyzeGraph(g);
    expect(a.shapes.get(a.outputs[0]!)).toEqual([null, 28, 28, 1]);
  });
});
