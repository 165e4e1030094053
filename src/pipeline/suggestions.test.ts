import { describe, expect, it } from 'vitest';
import type { EpochLog } from '../training/types';
import type { GraphFacts } from './facts';
import { evaluateRule } from './rule';
import { suggest, type SuggestionInput } from './suggestions';

/** Epoch logs from parallel arrays of numbers. */
function history(
  loss: number[],
  valLoss: (number | null)[] = [],
  metric: number[] = [],
  valMetric: (number | null)[] = [],
): EpochLog[] {
  return loss.map((l, i) => ({
    epoch: i + 1,
    loss: l,
    valLoss: valLoss[i] ?? null,
    metric: metric[i] ?? 0,
    valMetric: valMetric[i] ?? null,
    lr: 0.001,
    seconds: 1,
    samplesPerSec: 100,
  }));
}

const plainGraph: GraphFacts = {
  layers: 3,
  params: 3267,
  errors: 0,
  hasDropout: false,
  hasRegularizer: false,
  hasBatchNorm: false,
};

const input = (over: Partial<SuggestionInput>): SuggestionInput => ({
  history: [],
  trainingMetric: 'accuracy',
  check: evaluateRule({ metric: 'accuracy', op: '>=', threshold: 0.9 }, { accuracy: 0.85 }),
  graph: plainGraph,
  settings: { learningRate: 0.001, epochs: 20, earlyStopping: false },
  dataRows: 150,
  hasSearch: false,
  ...over,
});
const ids = (i: SuggestionInput) => suggest(i).map((s) => s.id);

describe('suggest', () => {
  it('says nothing when the target is met', () => {
    const met = evaluateRule({ metric: 'accuracy', op: '>=', threshold: 0.9 }, { accuracy: 0.95 });
    expect(suggest(input({ history: history([1, 0.5]), check: met }))).toEqual([]);
  });

  it('asks for training when there is no history', () => {
    expect(ids(input({}))).toEqual(['train-first']);
  });

  it('spots overfitting: validation loss rising while training loss falls', () => {
    const h = history([1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2], [1, 0.8, 0.6, 0.55, 0.6, 0.7, 0.8]);
    const out = suggest(input({ history: h }));
    expect(out.map((s) => s.id)).toEqual(expect.arrayContaining(['add-dropout', 'early-stopping', 'add-regularizer']));
    const dropout = out.find((s) => s.id === 'add-dropout')!;
    expect(dropout.reason).toContain('Validation loss rose from 0.55 (epoch 4) to 0.8 (epoch 7)');
    expect(dropout.reason).toContain('training loss fell from 0.5 to 0.2');
    expect(dropout.page).toBe('model');
  });

  it('leaves out remedies already in place', () => {
    const h = history([1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2], [1, 0.8, 0.6, 0.55, 0.6, 0.7, 0.8]);
    const out = ids(
      input({
        history: h,
        graph: { ...plainGraph, hasDropout: true },
        settings: { learningRate: 0.001, epochs: 7, earlyStopping: true },
      }),
    );
    expect(out).toContain('add-regularizer');
    expect(out).not.toContain('add-dropout');
    expect(out).not.toContain('early-stopping');
  });

  it('spots a train/validation accuracy gap', () => {
    const h = history([0.5, 0.4, 0.3], [0.5, 0.45, 0.44], [0.8, 0.9, 0.99], [0.78, 0.8, 0.81]);
    const out = suggest(input({ history: h }));
    expect(out.find((s) => s.id === 'add-dropout')?.reason).toMatch(
      /Training accuracy is 0.99 but validation accuracy only 0.81/,
    );
  });

  it('suggests more epochs while the loss still falls', () => {
    const out = suggest(input({ history: history([1, 0.8, 0.64, 0.51, 0.41]) }));
    const more = out.find((s) => s.id === 'more-epochs');
    expect(more?.reason).toMatch(/0.8 → 0.41 over the last 3 epochs/);
    expect(more?.reason).toMatch(/after 20 epochs/);
    expect(out.map((s) => s.id)).not.toContain('bigger-model');
  });

  it('suggests a bigger model and a higher learning rate when the loss is flat and high', () => {
    const h = history([0.9, 0.7, 0.702, 0.701, 0.7], [], [0.5, 0.6, 0.6, 0.61, 0.6]);
    const out = suggest(input({ history: h, settings: { learningRate: 0.0001, epochs: 5, earlyStopping: false } }));
    const bigger = out.find((s) => s.id === 'bigger-model');
    expect(bigger?.reason).toMatch(/levelled off/);
    expect(bigger?.reason).toMatch(/Even on the training data accuracy is 0.6, short of the 0.9 target/);
    expect(bigger?.reason).toMatch(/3,267 parameters in 3 layers/);
    expect(out.find((s) => s.id === 'higher-lr')?.title).toMatch(/0.0003/);
  });

  it('suggests a lower learning rate for a noisy or rising loss', () => {
    const noisy = history([1, 0.7, 0.9, 0.6, 0.8, 0.5, 0.7]);
    expect(suggest(input({ history: noisy })).find((s) => s.id === 'lower-lr')?.reason).toMatch(
      /went up in 3 of 6 epochs/,
    );
    const rising = history([0.5, 0.6, 0.9]);
    expect(suggest(input({ history: rising })).find((s) => s.id === 'lower-lr')?.reason).toMatch(
      /rose from 0.5 \(epoch 1\) to 0.9 \(epoch 3\)/,
    );
    const nan = history([0.5, Number.NaN]);
    expect(suggest(input({ history: nan })).find((s) => s.id === 'lower-lr')?.reason).toMatch(/became NaN in epoch 2/);
  });

  it('suggests more data when the target is far off, and a search when it is close', () => {
    const flat = history([0.5, 0.5, 0.5, 0.5]);
    const far = evaluateRule({ metric: 'accuracy', op: '>=', threshold: 0.9 }, { accuracy: 0.7 });
    expect(suggest(input({ history: flat, check: far })).find((s) => s.id === 'more-data')?.reason).toMatch(
      /accuracy 0.7 is 0.2 away from the 0.9 target with 150 rows/,
    );
    const close = evaluateRule({ metric: 'accuracy', op: '>=', threshold: 0.9 }, { accuracy: 0.88 });
    const near = suggest(input({ history: flat, check: close }));
    expect(near.map((s) => s.id)).toContain('hp-search');
    expect(near.map((s) => s.id)).not.toContain('more-data');
    expect(
      suggest(input({ history: flat, check: close, hasSearch: true })).find((s) => s.id === 'hp-search')?.title,
    ).toMatch(/Widen/);
  });

  it('judges error metrics relative to the target', () => {
    const flat = history([0.5, 0.5, 0.5, 0.5]);
    const far = evaluateRule({ metric: 'mae', op: '<=', threshold: 1 }, { mae: 1.5 });
    expect(ids(input({ history: flat, trainingMetric: 'mae', check: far }))).toContain('more-data');
    const close = evaluateRule({ metric: 'mae', op: '<=', threshold: 1 }, { mae: 1.05 });
    expect(ids(input({ history: flat, trainingMetric: 'mae', check: close }))).toContain('hp-search');
  });
});
