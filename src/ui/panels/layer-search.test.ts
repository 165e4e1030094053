import { describe, expect, it } from 'vitest';
import { allLayerSpecs } from '../../model/layers';
import { rankLayers } from './layer-search';

const names = (q: string) => rankLayers(allLayerSpecs, q).map((s) => s.type);

describe('rankLayers (quick add)', () => {
  it('lists the layer named exactly as typed first: "relu" gives ReLU before Activation', () => {
    const found = names('relu');
    expect(found[0]).toBe('ReLU');
    expect(found).toContain('Activation');
    expect(found.indexOf('ReLU')).toBeLessThan(found.indexOf('Activation'));
  });

  it('ignores case and spaces around the query', () => {
    expect(names('  DENSE ')[0]).toBe('Dense');
  });

  it('puts names that start with the query before names that only contain it, and those before description matches', () => {
    const found = names('conv');
    const firstContains = found.findIndex((t) => !t.toLowerCase().startsWith('conv'));
    expect(found.slice(0, firstContains).every((t) => t.toLowerCase().startsWith('conv'))).toBe(true);
    expect(found.slice(firstContains).some((t) => t.toLowerCase().startsWith('conv'))).toBe(false);
  });

  it('keeps the registry order for an empty query', () => {
    expect(names('')).toEqual(allLayerSpecs.map((s) => s.type));
  });
});
