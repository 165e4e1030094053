import { describe, expect, it } from 'vitest';
import { formatCount, graphFacts } from './facts';
import { addStage, defaultPipeline, disconnect, setRule } from './model';
import { stageViews, type PipelineSnapshot } from './status';
import { buildGraph } from '../model/build';
import { analyzeGraph } from '../model/analyze';

const empty: PipelineSnapshot = {
  dataset: null,
  dataBusy: false,
  dataError: null,
  graph: { layers: 0, params: 0, errors: 0 },
  training: null,
  test: null,
  runs: {},
  suggestions: 0,
};

const iris: PipelineSnapshot = {
  ...empty,
  dataset: { name: 'iris', rows: 150, classes: 3, task: 'multiclass' },
  graph: { layers: 4, params: 3267, errors: 0 },
};

describe('stageViews', () => {
  it('shows a fresh project as not started, with what to do', () => {
    const v = stageViews(defaultPipeline(), empty);
    expect(v.data).toEqual({ status: 'not-started', summary: 'No dataset yet: pick or upload one' });
    expect(v.model?.status).toBe('not-started');
    expect(v.train).toEqual({ status: 'not-started', summary: 'Needs a dataset and a valid model' });
    expect(v.scenario).toEqual({ status: 'ready', summary: 'test accuracy ≥ 0.90' });
    expect(v.deploy?.status).toBe('not-started');
  });

  it('summarises data, model and a ready Train stage', () => {
    const v = stageViews(defaultPipeline(), iris);
    expect(v.data).toEqual({ status: 'done', summary: 'iris · 150 rows · 3 classes' });
    expect(v.model).toEqual({ status: 'done', summary: '4 layers · 3,267 params' });
    expect(v.train).toEqual({ status: 'ready', summary: 'Ready to train' });
  });

  it('flags model problems and data errors', () => {
    const v = stageViews(defaultPipeline(), {
      ...iris,
      dataError: 'The file is empty',
      graph: { layers: 2, params: 0, errors: 1 },
    });
    expect(v.data).toEqual({ status: 'failed', summary: 'The file is empty' });
    expect(v.model).toEqual({ status: 'attention', summary: '2 layers · 1 problem to fix' });
  });

  it('shows live training and the rule outcome', () => {
    const running = stageViews(defaultPipeline(), {
      ...iris,
      training: { running: true, paused: false, epoch: 12, endEpoch: 50, loss: 0.2134, outcome: null, problem: null },
    });
    expect(running.train).toEqual({ status: 'running', summary: 'epoch 12/50 · loss 0.213' });
    const done = stageViews(defaultPipeline(), {
      ...iris,
      training: {
        running: false,
        paused: false,
        epoch: 50,
        endEpoch: 50,
        loss: 0.1,
        outcome: 'completed',
        problem: null,
      },
      test: { accuracy: 0.93 },
    });
    expect(done.train).toEqual({ status: 'done', summary: '50 epochs · loss 0.1' });
    expect(done.evaluate).toEqual({ status: 'done', summary: 'accuracy 0.93 ≥ 0.90 ✓' });
    expect(done.deploy?.status).toBe('ready');
    expect(done.optimize?.status).toBe('not-started');
    const missed = stageViews(defaultPipeline(), { ...iris, test: { accuracy: 0.8 }, suggestions: 2 });
    expect(missed.evaluate).toEqual({ status: 'attention', summary: 'accuracy 0.80 < 0.90 ✗' });
    expect(missed.optimize).toEqual({ status: 'attention', summary: 'Target missed: 2 suggestions' });
  });

  it('shows a failed training run with its reason', () => {
    const v = stageViews(defaultPipeline(), {
      ...iris,
      training: {
        running: false,
        paused: false,
        epoch: 3,
        endEpoch: 50,
        loss: null,
        outcome: 'failed',
        problem: 'Loss became NaN',
      },
    });
    expect(v.train).toEqual({ status: 'failed', summary: 'Loss became NaN' });
  });

  it('flags a rule that does not fit the task or the data', () => {
    const r = setRule(defaultPipeline(), { metric: 'mae', op: '<=', threshold: 1 });
    if (!r.ok) throw new Error(r.reason);
    expect(stageViews(r.pipeline, iris).scenario?.status).toBe('attention');
    expect(
      stageViews(defaultPipeline(), { ...iris, dataset: { ...iris.dataset!, task: 'regression', classes: null } })
        .scenario?.summary,
    ).toMatch(/data is regression/);
  });

  it('lets runner failures and search progress through, but live training wins', () => {
    const added = addStage(defaultPipeline(), 'hpsearch');
    if (!added.ok) throw new Error(added.reason);
    const v = stageViews(added.pipeline, {
      ...iris,
      runs: {
        data: { status: 'failed', message: 'fetch failed' },
        model: { status: 'done', message: 'stale' },
        'hpsearch-1': { status: 'running', message: 'trial 2/3' },
      },
    });
    expect(v.data).toEqual({ status: 'failed', summary: 'fetch failed' });
    expect(v.model?.summary).toBe('4 layers · 3,267 params');
    expect(v['hpsearch-1']).toEqual({ status: 'running', summary: 'trial 2/3' });
    expect(stageViews(added.pipeline, iris)['hpsearch-1']).toEqual({
      status: 'ready',
      summary: 'grid · 3 trials over learning rate',
    });
  });

  it('points at a broken connection', () => {
    const v = stageViews(disconnect(defaultPipeline(), 'model->train'), iris);
    expect(v.train).toEqual({
      status: 'attention',
      summary: 'Train is not connected to Model: draw an edge from Model to Train.',
    });
  });
});

describe('facts', () => {
  it('formats counts with separators', () => {
    expect(formatCount(3267)).toBe('3,267');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('reads graph facts', () => {
    const g = buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Dense', params: { units: 8, kernel_regularizer: { l1: 0, l2: 0.01 } } },
      { type: 'Dropout', params: { rate: 0.2 } },
      { type: 'Dense', params: { units: 3 } },
    ]);
    const facts = graphFacts(g, analyzeGraph(g));
    expect(facts).toMatchObject({
      layers: 4,
      params: 4 * 8 + 8 + 8 * 3 + 3,
      errors: 0,
      hasDropout: true,
      hasBatchNorm: false,
    });
    expect(facts.hasRegularizer).toBe(true);
  });
});
