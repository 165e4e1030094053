import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, shuffleInPlace } from './random';
import { DEFAULT_SPLIT, shuffleSplit, splitCounts, stratifiedSplit } from './split';

const RATIOS = { train: DEFAULT_SPLIT.train, validation: DEFAULT_SPLIT.validation, test: DEFAULT_SPLIT.test } as const;
const SPLITS = ['train', 'validation', 'test'] as const;

describe('mulberry32', () => {
  it('is seeded: same seed, same stream; values in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 5 }, mulberry32(8))).not.toEqual(xs.slice(0, 5));
  });
  it('shuffles to a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = shuffleInPlace([...items], mulberry32(1));
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('stratifiedSplit', () => {
  it('keeps every class within ±1 sample of its share in each split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 600 }),
        fc.integer(),
        (labels, seed) => {
          const plan = stratifiedSplit(labels, RATIOS, mulberry32(seed));
          for (const label of new Set(labels)) {
            const n = labels.filter((l) => l === label).length;
            for (const split of SPLITS) {
              const got = plan[split].filter((i) => labels[i] === label).length;
              expect(Math.abs(got - n * RATIOS[split])).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splits 1000 rows of classes 600/300/100 into exact 70/15/15 shares', () => {
    const labels = [...Array(600).fill(0), ...Array(300).fill(1), ...Array(100).fill(2)] as number[];
    const plan = stratifiedSplit(labels, RATIOS, mulberry32(42));
    const count = (split: (typeof SPLITS)[number], label: number) =>
      plan[split].filter((i) => labels[i] === label).length;
    expect([count('train', 0), count('validation', 0), count('test', 0)]).toEqual([420, 90, 90]);
    expect([count('train', 1), count('validation', 1), count('test', 1)]).toEqual([210, 45, 45]);
    expect([count('train', 2), count('validation', 2), count('test', 2)]).toEqual([70, 15, 15]);
  });

  it('is a partition, seeded and reproducible', () => {
    const labels = Array.from({ length: 500 }, (_, i) => (i * 7) % 3);
    const a = stratifiedSplit(labels, RATIOS, mulberry32(3));
    expect([...a.train, ...a.validation, ...a.test].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    expect(stratifiedSplit(labels, RATIOS, mulberry32(3))).toEqual(a);
    expect(stratifiedSplit(labels, RATIOS, mulberry32(4)).train).not.toEqual(a.train);
  });

  it('keeps a single-row class in training', () => {
    const plan = stratifiedSplit([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], RATIOS, mulberry32(1));
    expect(plan.train).toContain(10);
  });

  it('accepts any labels, typed arrays and negative or fractional ones', () => {
    const labels = Float64Array.from({ length: 200 }, (_, i) => [-1, 0.5, 1e6][i % 3]!);
    const plan = stratifiedSplit(labels, RATIOS, mulberry32(9));
    expect(plan.train.length + plan.validation.length + plan.test.length).toBe(200);
    expect(plan.test.filter((i) => labels[i] === -1).length).toBe(10);
  });
});

describe('shuffleSplit and splitCounts', () => {
  it('cuts n items by the ratios', () => {
    expect(splitCounts(1000, RATIOS)).toEqual({ train: 700, validation: 150, test: 150 });
    expect(splitCounts(10, RATIOS)).toEqual({ train: 7, validation: 1, test: 2 });
    expect(splitCounts(1, RATIOS)).toEqual({ train: 1, validation: 0, test: 0 });
    expect(splitCounts(10, { train: 8, validation: 1, test: 1 })).toEqual({ train: 8, validation: 1, test: 1 });
    const plan = shuffleSplit(1000, RATIOS, mulberry32(5));
    expect([plan.train.length, plan.validation.length, plan.test.length]).toEqual([700, 150, 150]);
    expect(new Set([...plan.train, ...plan.validation, ...plan.test]).size).toBe(1000);
  });
  it('refuses bad ratios with a message', () => {
    expect(() => splitCounts(10, { train: 0, validation: 0.5, test: 0.5 })).toThrow(
      'the training split ratio must be above 0',
    );
    expect(() => splitCounts(10, { train: 0.7, validation: -0.1, test: 0.4 })).toThrow(/non-negative/);
  });
});
