import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { fashionBackbone } from './backbones';
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

  it('transfer learning: the pretrained backbone is frozen, only the new softmax head trains', () => {
    const t = templates.find((x) => x.id === 'transfer-fashion')!;
    expect(t.weights).toBe(fashionBackbone.weights);
    const g = templateGraph(t.id);
    const a = analyzeGraph(g);
    const backbone = new Set(fashionBackbone.drafts.filter((d) => d.type !== 'Input').map((d) => d.name));
    expect(g.nodes.filter((n) => n.params.trainable === false).map((n) => n.name)).toEqual([...backbone]);
    const head = g.nodes.find((n) => a.outputs.includes(n.id))!;
    expect(head.params).toMatchObject({ units: 10, activation: 'softmax', trainable: true });
    expect(backbone.has(head.name)).toBe(false);
    expect(a.totals.trainable).toBe(a.counts.get(head.id)!.total);
    expect(a.frozenParams).toBe(a.totals.total - a.totals.trainable);
  });

  it('only the transfer template names pretrained weights', () => {
    expect(templates.filter((t) => t.weights).map((t) => t.id)).toEqual(['transfer-fashion']);
  });
});

describe('text templates', () => {
  it('the Transformer classifier chains two linked encoder blocks, the same graph every time', () => {
    const g = templateGraph('text-transformer');
    const blocks = g.nodes.filter((n) => n.type === 'Block');
    expect(blocks.map((b) => b.params.block)).toEqual(['transformer-encoder', 'transformer-encoder']);
    expect(Object.keys(g.blocks ?? {})).toEqual(['transformer-encoder']);
    expect(templateGraph('text-transformer')).toEqual(g);
    const a = analyzeGraph(g);
    expect(a.shapes.get(blocks[1]!.id)).toEqual([null, 64, 32]);
  });

  it('the character GPT predicts a softmax over the vocabulary at every position', () => {
    const a = analyzeGraph(templateGraph('char-gpt'));
    expect(a.shapes.get(a.outputs[0]!)).toEqual([null, 64, 80]);
  });
});
