import { describe, expect, it } from 'vitest';
import { expandTrials, gridProduct, trialLabel } from './hp-search';
import type { HpSearchConfig } from './types';

const config = (over: Partial<HpSearchConfig>): HpSearchConfig => ({
  mode: 'grid',
  params: [
    { name: 'learningRate', values: [0.001, 0.01] },
    { name: 'batchSize', values: [16, 32, 64] },
  ],
  maxTrials: 50,
  seed: 7,
  ...over,
});

describe('gridProduct', () => {
  it('makes every combination, first parameter slowest', () => {
    const combos = gridProduct(config({}).params);
    expect(combos).toHaveLength(6);
    expect(combos[0]).toEqual({ learningRate: 0.001, batchSize: 16 });
    expect(combos[2]).toEqual({ learningRate: 0.001, batchSize: 64 });
    expect(combos[3]).toEqual({ learningRate: 0.01, batchSize: 16 });
    expect(new Set(combos.map((c) => JSON.stringify(c))).size).toBe(6);
  });

  it('has no trials without parameters', () => {
    expect(gridProduct([])).toEqual([]);
  });
});

describe('expandTrials', () => {
  it('runs the whole grid when it fits', () => {
    const e = expandTrials(config({}));
    expect(e.trials.map((t) => t.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(e.trials[0]!.label).toBe('lr 0.001 · batch 16');
    expect(e.note).toBeNull();
  });

  it('samples a too-big grid and says so', () => {
    const e = expandTrials(config({ maxTrials: 4 }));
    expect(e.trials).toHaveLength(4);
    expect(e.combinations).toBe(6);
    expect(e.note).toMatch(/6 combinations.*4 trials/);
  });

  it('samples randomly without repeats, the same way for the same seed', () => {
    const a = expandTrials(config({ mode: 'random', maxTrials: 4 }));
    const b = expandTrials(config({ mode: 'random', maxTrials: 4 }));
    const c = expandTrials(config({ mode: 'random', maxTrials: 4, seed: 8 }));
    const key = (e: typeof a) => e.trials.map((t) => JSON.stringify(t.overrides));
    expect(key(a)).toEqual(key(b));
    expect(new Set(key(a)).size).toBe(4);
    expect(key(c)).not.toEqual(key(a));
  });

  it('expands three learning rates into three trials', () => {
    const e = expandTrials(config({ params: [{ name: 'learningRate', values: [0.1, 0.01, 0.001] }] }));
    expect(e.trials.map((t) => t.overrides)).toEqual([
      { learningRate: 0.1 },
      { learningRate: 0.01 },
      { learningRate: 0.001 },
    ]);
  });
});

it('labels overrides', () => {
  expect(trialLabel({ epochs: 20, optimizer: 'sgd' })).toBe('20 epochs · sgd');
  expect(trialLabel({})).toBe('current settings');
});
