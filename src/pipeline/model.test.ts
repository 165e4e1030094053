import { describe, expect, it } from 'vitest';
import {
  addStage,
  connect,
  connectionProblem,
  defaultPipeline,
  flowProblems,
  moveStage,
  pipelineRule,
  removeStage,
  renameStage,
  setRule,
  stageOfKind,
  updateStageConfig,
} from './model';
import type { Pipeline, PipelineEdit } from './types';

const ok = (
  r: PipelineEdit | { ok: true; pipeline: Pipeline; id: string } | { ok: false; reason: string },
): Pipeline => {
  if (!r.ok) throw new Error(`expected success, got: ${r.reason}`);
  return r.pipeline;
};
const edgesOf = (p: Pipeline) => p.edges.map((e) => `${e.source}->${e.target}`).sort();

describe('defaultPipeline', () => {
  it('has the six default stages plus Optimize, wired Scenario → … → Evaluate → Deploy / Optimize', () => {
    const p = defaultPipeline();
    expect(p.stages.map((s) => s.kind)).toEqual([
      'scenario',
      'data',
      'model',
      'train',
      'evaluate',
      'deploy',
      'optimize',
    ]);
    expect(edgesOf(p)).toEqual(
      [
        'data->model',
        'evaluate->deploy',
        'evaluate->optimize',
        'model->train',
        'optimize->model',
        'optimize->train',
        'scenario->data',
        'train->evaluate',
      ].sort(),
    );
    expect(pipelineRule(p)).toEqual({ metric: 'accuracy', op: '>=', threshold: 0.9 });
    expect(flowProblems(p)).toEqual([]);
  });
});

describe('removeStage', () => {
  it.each(['data', 'model', 'train', 'evaluate'])('refuses to remove the required %s stage and says why', (id) => {
    const p = defaultPipeline();
    const r = removeStage(p, id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/required stage/);
  });

  it('names the stage by its current name in the refusal', () => {
    const p = ok(renameStage(defaultPipeline(), 'data', 'Load iris'));
    const r = removeStage(p, 'data');
    expect(!r.ok && r.reason).toMatch(/^Load iris is a required stage/);
  });

  it('keeps Scenario (it holds the rule) and Deploy', () => {
    const p = defaultPipeline();
    expect(removeStage(p, 'scenario')).toMatchObject({ ok: false, reason: expect.stringMatching(/success rule/) });
    expect(removeStage(p, 'deploy')).toMatchObject({ ok: false, reason: expect.stringMatching(/yes/) });
  });

  it('removes an optional stage with its edges and bridges the gap', () => {
    const added = addStage(defaultPipeline(), 'preprocess');
    const p = ok(added);
    const id = added.ok ? added.id : '';
    expect(edgesOf(p)).toContain(`data->${id}`);
    expect(edgesOf(p)).not.toContain('data->model');
    const back = ok(removeStage(p, id));
    expect(back.stages.some((s) => s.id === id)).toBe(false);
    expect(edgesOf(back)).toContain('data->model');
    expect(back.edges.some((e) => e.source === id || e.target === id)).toBe(false);
  });

  it('removes Optimize without inventing an Evaluate → Model edge', () => {
    const p = ok(removeStage(defaultPipeline(), 'optimize'));
    expect(edgesOf(p)).toEqual([
      'data->model',
      'evaluate->deploy',
      'model->train',
      'scenario->data',
      'train->evaluate',
    ]);
  });
});

describe('addStage', () => {
  it('splices a search between Model and Train', () => {
    const r = addStage(defaultPipeline(), 'hpsearch');
    const p = ok(r);
    const id = r.ok ? r.id : '';
    expect(id).toBe('hpsearch-1');
    expect(edgesOf(p)).toEqual(expect.arrayContaining([`model->${id}`, `${id}->train`]));
    expect(edgesOf(p)).not.toContain('model->train');
    expect(flowProblems(p)).toEqual([]);
  });

  it('chains Preprocess and Augment before Model', () => {
    const a = ok(addStage(defaultPipeline(), 'preprocess'));
    const b = ok(addStage(a, 'augment'));
    expect(edgesOf(b)).toEqual(
      expect.arrayContaining(['data->preprocess-1', 'preprocess-1->augment-1', 'augment-1->model']),
    );
  });

  it('places a stage where it was dropped', () => {
    const r = addStage(defaultPipeline(), 'notes', { x: 12, y: 34 });
    expect(ok(r).stages.at(-1)).toMatchObject({ kind: 'notes', position: { x: 12, y: 34 }, config: { text: '' } });
  });

  it('refuses a second search and fixed kinds', () => {
    const p = ok(addStage(defaultPipeline(), 'hpsearch'));
    expect(addStage(p, 'hpsearch')).toMatchObject({ ok: false, reason: expect.stringMatching(/already has/) });
    expect(addStage(p, 'optimize').ok).toBe(false); // the default pipeline has one
    expect(addStage(p, 'train')).toMatchObject({ ok: false, reason: expect.stringMatching(/every pipeline/) });
  });

  it('gives several notes distinct ids and names', () => {
    const a = addStage(defaultPipeline(), 'notes');
    const b = addStage(ok(a), 'notes');
    const p = ok(b);
    const notes = p.stages.filter((s) => s.kind === 'notes');
    expect(notes.map((n) => n.id)).toEqual(['notes-1', 'notes-2']);
    expect(notes.map((n) => n.name)).toEqual(['Notes', 'Notes 2']);
  });
});

describe('connect', () => {
  const p = ok(addStage(ok(addStage(ok(addStage(defaultPipeline(), 'notes')), 'preprocess')), 'augment'));

  it('refuses edges that make no sense, with a reason', () => {
    expect(connectionProblem(p, 'train', 'data')).toMatch(/Train stage can lead only to Evaluate/);
    expect(connectionProblem(p, 'notes-1', 'data')).toMatch(/Notes are not part of the run/);
    expect(connectionProblem(p, 'deploy', 'optimize')).toMatch(/end of the pipeline/);
    expect(connectionProblem(p, 'data', 'data')).toMatch(/itself/);
    expect(connectionProblem(p, 'train', 'evaluate')).toMatch(/already leads/);
    expect(connectionProblem(p, 'evaluate', 'model')).toMatch(/Deploy or Optimize/);
    expect(connectionProblem(p, 'nope', 'model')).toMatch(/no longer exists/);
  });

  it('refuses a loop except through Optimize', () => {
    // preprocess-1 → augment-1 exists, so augment-1 → preprocess-1 would close a loop.
    expect(connectionProblem(p, 'augment-1', 'preprocess-1')).toMatch(/loop/);
    const q = ok(removeStage(defaultPipeline(), 'optimize'));
    const withOpt = ok(addStage(q, 'optimize'));
    expect(connectionProblem(withOpt, 'optimize-1', 'model')).toBeNull();
  });

  it('adds a legal edge once', () => {
    const q = ok(removeStage(defaultPipeline(), 'optimize'));
    const cut = { ...q, edges: q.edges.filter((e) => e.id !== 'model->train') };
    expect(flowProblems(cut)).toEqual([expect.objectContaining({ stageId: 'train', blocking: true })]);
    const joined = ok(connect(cut, 'model', 'train'));
    expect(flowProblems(joined)).toEqual([]);
  });
});

describe('rename, move and config', () => {
  it('renames with trimming and refuses empty, long and duplicate names', () => {
    const p = ok(renameStage(defaultPipeline(), 'train', '  Fit  '));
    expect(stageOfKind(p, 'train')?.name).toBe('Fit');
    expect(renameStage(p, 'train', '   ')).toMatchObject({ ok: false, reason: expect.stringMatching(/needs a name/) });
    expect(renameStage(p, 'train', 'x'.repeat(81))).toMatchObject({ ok: false, reason: expect.stringMatching(/81/) });
    expect(renameStage(p, 'train', 'Model')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already called "Model"/),
    });
  });

  it('moves a stage and leaves the others alone', () => {
    const before = defaultPipeline();
    const p = moveStage(before, 'model', { x: 1, y: 2 });
    expect(stageOfKind(p, 'model')?.position).toEqual({ x: 1, y: 2 });
    expect(p.stages.filter((s) => s.id !== 'model')).toEqual(before.stages.filter((s) => s.id !== 'model'));
    expect(moveStage(before, 'missing', { x: 0, y: 0 })).toBe(before);
  });

  it('checks config edits and names the field', () => {
    const r = addStage(defaultPipeline(), 'hpsearch');
    const p = ok(r);
    const bad = updateStageConfig(p, 'hpsearch-1', 'hpsearch', { maxTrials: 0 });
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/maxTrials.*at least 1/) });
    const wrongKind = updateStageConfig(p, 'hpsearch-1', 'notes', { text: 'x' });
    expect(wrongKind.ok).toBe(false);
    const good = ok(updateStageConfig(p, 'hpsearch-1', 'hpsearch', { mode: 'random', maxTrials: 4 }));
    expect(stageOfKind(good, 'hpsearch')?.config).toMatchObject({ mode: 'random', maxTrials: 4 });
  });

  it('sets the rule, refusing thresholds outside the metric range', () => {
    const p = ok(setRule(defaultPipeline(), { metric: 'mae', op: '<=', threshold: 0.5 }));
    expect(pipelineRule(p)).toEqual({ metric: 'mae', op: '<=', threshold: 0.5 });
    const pct = setRule(p, { metric: 'accuracy', op: '>=', threshold: 90 });
    expect(pct).toMatchObject({ ok: false, reason: expect.stringMatching(/rule\.threshold.*0\.90/) });
    expect(setRule(p, { metric: 'rmse', op: '<=', threshold: -1 }).ok).toBe(false);
  });
});
