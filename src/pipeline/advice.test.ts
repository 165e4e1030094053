import { describe, expect, it } from 'vitest';
import type { EpochLog } from '../training/types';
import { optimizeAdvice, runSettings } from './advice';
import { defaultPipeline, setRule } from './model';
import type { Pipeline } from './types';

const epochs: EpochLog[] = [1, 2, 3, 4].map((epoch) => ({ epoch, loss: 1 / epoch, metric: 0.5 + epoch / 20, valLoss: 1 / epoch, valMetric: 0.5 + epoch / 20, lr: 0.001, seconds: 1, samplesPerSec: 100 }));
const run = { epochs, metric: 'accuracy' as const, config: { optimizer: { name: 'adam' as const, learningRate: 0.001 }, epochs: 4 } };
const context = { graph: null, dataRows: 1000 };

function withTarget(threshold: number): Pipeline {
  const edit = setRule(defaultPipeline(), { metric: 'accuracy', op: '>=', threshold });
  if (!edit.ok) throw new Error(edit.reason);
  return edit.pipeline;
}

describe('optimizeAdvice', () => {
  it('gives suggestions as soon as a score misses the target, with no pipeline run', () => {
    const advice = optimizeAdvice(withTarget(0.99), { accuracy: 0.7 }, run, context);
    expect(advice.check?.met).toBe(false);
    expect(advice.suggestions.length).toBeGreaterThan(0);
    // Loss still falls 25 % an epoch: more epochs, citing the run's own 4.
    expect(advice.suggestions.find((s) => s.id === 'more-epochs')?.reason).toMatch(/after 4 epochs/);
  });

  it('has nothing to suggest when the target is met, and no check without scores', () => {
    expect(optimizeAdvice(withTarget(0.5), { accuracy: 0.7 }, run, context)).toMatchObject({ check: { met: true }, suggestions: [] });
    expect(optimizeAdvice(withTarget(0.99), null, run, context)).toEqual({ check: null, suggestions: [] });
  });

  it("reads a run's settings from its config; without a learning rate it cites none", () => {
    expect(runSettings({ optimizer: { name: 'sgd', learningRate: 0.1 }, epochs: 7, earlyStopping: { enabled: true } })).toEqual({ learningRate: 0.1, epochs: 7, earlyStopping: true });
    expect(runSettings({})).toBeNull();
  });
});
