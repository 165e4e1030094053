import { describe, expect, it } from 'vitest';
import type { EpochLog } from '../training/types';
import { addStage, defaultPipeline, disconnect, setRule, updateStageConfig } from './model';
import { runPipeline, type RunnerDeps, type StageUpdate, type TrainOutcome } from './runner';
import type { MetricValues, Pipeline, TrainOverrides } from './types';

const epoch = (n: number, loss: number, valLoss: number | null, valMetric: number | null): EpochLog => ({
  epoch: n,
  loss,
  valLoss,
  metric: 0.9,
  valMetric,
  lr: 0.001,
  seconds: 1,
  samplesPerSec: 10,
});

/** Fake deps that record calls; each piece can be replaced. */
function fakes(over: Partial<RunnerDeps> = {}, testMetrics: MetricValues = { accuracy: 0.93 }) {
  const calls: string[] = [];
  const trainCalls: (TrainOverrides | undefined)[] = [];
  const evaluated: TrainOutcome[] = [];
  const deps: RunnerDeps = {
    async prepareData() {
      calls.push('data');
    },
    async train(overrides) {
      calls.push('train');
      trainCalls.push(overrides);
      return {
        history: [epoch(1, 0.5, 0.6, 0.8), epoch(2, 0.3, 0.4, 0.9)],
        metric: 'accuracy',
        runId: `run-${trainCalls.length}`,
      };
    },
    async evaluate(trained) {
      calls.push('evaluate');
      evaluated.push(trained);
      return testMetrics;
    },
    isCancelled: () => false,
    ...over,
  };
  const updates: StageUpdate[] = [];
  const onStatus = (u: StageUpdate) => updates.push(u);
  const last = (stageId: string) => updates.filter((u) => u.stageId === stageId).at(-1);
  return { deps, calls, trainCalls, evaluated, updates, onStatus, last };
}

function withSearch(values: number[]): Pipeline {
  const r = addStage(defaultPipeline(), 'hpsearch');
  if (!r.ok) throw new Error(r.reason);
  const u = updateStageConfig(r.pipeline, r.id, 'hpsearch', { params: [{ name: 'learningRate', values }] });
  if (!u.ok) throw new Error(u.reason);
  return u.pipeline;
}

describe('runPipeline', () => {
  it('runs data → train → evaluate and marks Deploy ready when the target is met', async () => {
    const f = fakes();
    const result = await runPipeline(defaultPipeline(), f.deps, f.onStatus);
    expect(f.calls).toEqual(['data', 'train', 'evaluate']);
    expect(result.outcome).toBe('met');
    expect(result.check?.text).toBe('accuracy 0.93 ≥ 0.90 ✓');
    expect(f.last('data')?.status).toBe('done');
    expect(f.last('train')).toEqual({ stageId: 'train', status: 'done', message: '2 epochs · loss 0.3' });
    expect(f.last('evaluate')).toEqual({ stageId: 'evaluate', status: 'done', message: 'accuracy 0.93 ≥ 0.90 ✓' });
    expect(f.last('deploy')?.status).toBe('ready');
    expect(f.last('optimize')?.status).toBe('not-started');
    // Stages go running before done.
    const train = f.updates.filter((u) => u.stageId === 'train').map((u) => u.status);
    expect(train).toEqual(['not-started', 'running', 'done']);
  });

  it('highlights Optimize with suggestions when the target is missed', async () => {
    const f = fakes({}, { accuracy: 0.7 });
    const result = await runPipeline(defaultPipeline(), f.deps, f.onStatus);
    expect(result.outcome).toBe('not-met');
    expect(f.last('evaluate')?.status).toBe('attention');
    expect(f.last('optimize')?.status).toBe('attention');
    expect(f.last('deploy')?.status).toBe('not-started');
    expect(result.suggestions.map((s) => s.id)).toContain('more-data');
    expect(f.last('optimize')?.message).toBe(
      `Target missed: ${result.suggestions.length} suggestion${result.suggestions.length === 1 ? '' : 's'}`,
    );
    expect(result.message).toMatch(/missed \(accuracy 0.70 < 0.90 ✗\)/);
  });

  it('marks the failing stage with the message and stops', async () => {
    const f = fakes({
      async train() {
        throw new Error('Loss became NaN at epoch 3, batch 2');
      },
    });
    const result = await runPipeline(defaultPipeline(), f.deps, f.onStatus);
    expect(result).toMatchObject({ outcome: 'failed', failedStageId: 'train' });
    expect(result.message).toBe('Train failed: Loss became NaN at epoch 3, batch 2');
    expect(f.last('train')).toEqual({
      stageId: 'train',
      status: 'failed',
      message: 'Loss became NaN at epoch 3, batch 2',
    });
    expect(f.calls).not.toContain('evaluate');
    expect(f.last('evaluate')?.status).toBe('not-started');
  });

  it('fails the Model stage when the model check reports a problem', async () => {
    const f = fakes({ checkModel: () => 'Dense "d1" has no input' });
    const result = await runPipeline(defaultPipeline(), f.deps, f.onStatus);
    expect(result.failedStageId).toBe('model');
    expect(f.calls).toEqual(['data']);
  });

  it('fails a data error on Data', async () => {
    const f = fakes({
      async prepareData() {
        throw new Error('The CSV has no rows');
      },
    });
    const result = await runPipeline(defaultPipeline(), f.deps, f.onStatus);
    expect(result.failedStageId).toBe('data');
    expect(f.last('data')?.message).toBe('The CSV has no rows');
  });

  it('refuses to start when the run path is broken', async () => {
    const f = fakes();
    const broken = disconnect(defaultPipeline(), 'train->evaluate');
    const result = await runPipeline(broken, f.deps, f.onStatus);
    expect(result).toMatchObject({ outcome: 'failed', failedStageId: 'evaluate' });
    expect(f.calls).toEqual([]);
  });

  it('runs one trial per learning rate, keeps the best and evaluates it without retraining', async () => {
    const scores = new Map([
      [0.1, 0.7],
      [0.01, 0.95],
      [0.001, 0.8],
    ]);
    const f = fakes({
      async train(overrides) {
        f.calls.push('train');
        f.trainCalls.push(overrides);
        const v = scores.get(overrides!.learningRate!)!;
        return { history: [epoch(1, 0.4, 0.5, v)], metric: 'accuracy', runId: `lr-${overrides!.learningRate}` };
      },
    });
    const p = withSearch([0.1, 0.01, 0.001]);
    const result = await runPipeline(p, f.deps, f.onStatus);
    expect(f.trainCalls).toEqual([{ learningRate: 0.1 }, { learningRate: 0.01 }, { learningRate: 0.001 }]);
    expect(f.calls).toEqual(['data', 'train', 'train', 'train', 'evaluate']);
    expect(result.bestTrial).toBe(1);
    expect(f.evaluated[0]?.runId).toBe('lr-0.01');
    expect(result.trials.map((t) => t.scoreText)).toEqual([
      'val accuracy 0.7',
      'val accuracy 0.95',
      'val accuracy 0.8',
    ]);
    expect(f.last('hpsearch-1')?.message).toBe('best of 3: lr 0.01 (val accuracy 0.95)');
    expect(f.updates.filter((u) => u.stageId === 'hpsearch-1').map((u) => u.message)).toContain('trial 2/3 · lr 0.01');
    expect(f.last('train')?.message).toBe('kept trial 2: lr 0.01');
  });

  it('ranks by the lowest error for a regression rule, preferring reported validation metrics', async () => {
    const maes = new Map([
      [0.1, 3],
      [0.01, 1],
      [0.001, 2],
    ]);
    const f = fakes(
      {
        async train(o) {
          f.trainCalls.push(o);
          return {
            history: [epoch(1, 9, 9, null)],
            validation: { mae: maes.get(o!.learningRate!)! },
            runId: String(o!.learningRate),
          };
        },
      },
      { mae: 0.9 },
    );
    const r = setRule(withSearch([0.1, 0.01, 0.001]), { metric: 'mae', op: '<=', threshold: 1 });
    if (!r.ok) throw new Error(r.reason);
    const result = await runPipeline(r.pipeline, f.deps, f.onStatus);
    expect(f.evaluated[0]?.runId).toBe('0.01');
    expect(result.outcome).toBe('met');
  });

  it('keeps searching past a failed trial and fails the search only when all fail', async () => {
    let n = 0;
    const f = fakes({
      async train() {
        n++;
        if (n === 1) throw new Error('diverged');
        return { history: [epoch(1, 0.4, 0.5 - n / 100, null)], runId: `t${n}` };
      },
    });
    const result = await runPipeline(withSearch([0.1, 0.01, 0.001]), f.deps, f.onStatus);
    expect(result.trials.map((t) => t.error)).toEqual(['diverged', null, null]);
    expect(f.evaluated[0]?.runId).toBe('t3'); // lowest validation loss
    expect(f.last('hpsearch-1')?.message).toMatch(/1 failed/);

    const all = fakes({
      async train() {
        throw new Error('out of memory');
      },
    });
    const failed = await runPipeline(withSearch([0.1, 0.01]), all.deps, all.onStatus);
    expect(failed).toMatchObject({ outcome: 'failed', failedStageId: 'hpsearch-1' });
    expect(failed.message).toMatch(/All 2 trials failed; the first said: out of memory/);
  });

  it('stops when cancelled and marks the interrupted stage', async () => {
    let cancelled = false;
    const f = fakes({
      async train() {
        cancelled = true;
        return { history: [] };
      },
      isCancelled: () => cancelled,
    });
    const result = await runPipeline(defaultPipeline(), f.deps, f.onStatus);
    expect(result.outcome).toBe('cancelled');
    expect(f.last('train')).toEqual({ stageId: 'train', status: 'attention', message: 'Cancelled before it finished' });
    expect(f.calls).not.toContain('evaluate');
  });
});
