import { describe, expect, it, vi } from 'vitest';
import { stageOfKind } from '../pipeline/model';
import { runPipelineInStore } from '../pipeline/run-in-store';
import type { RunnerDeps } from '../pipeline/runner';
import { createAppStore } from './index';

const kinds = (store: ReturnType<typeof createAppStore>) => store.getState().pipeline.stages.map((s) => s.kind);

describe('pipeline slice', () => {
  it('starts from the default pipeline', () => {
    const store = createAppStore();
    expect(kinds(store)).toEqual(['scenario', 'data', 'model', 'train', 'evaluate', 'deploy', 'optimize']);
  });

  it('refuses to remove a required stage, keeping history clean and saying why', () => {
    const store = createAppStore();
    const before = store.getState().pipeline;
    expect(store.getState().removePipelineStage('train')).toBe(false);
    expect(store.getState().pipeline).toBe(before);
    expect(store.getState().pipelinePast).toHaveLength(0);
    expect(store.getState().pipelineMessage).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/Train is a required stage/),
    });
  });

  it("opening another project's pipeline closes the message about the last one", () => {
    const store = createAppStore();
    store.getState().removePipelineStage('scenario');
    expect(store.getState().pipelineMessage?.kind).toBe('error');
    store.getState().resetPipeline(store.getState().pipeline);
    expect(store.getState().pipelineMessage).toBeNull();
  });

  it('undoes and redoes edits, one step each, apart from the graph history', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const id = s().addPipelineStage('notes');
    expect(id).toBe('notes-1');
    expect(s().selectedStageId).toBe('notes-1');
    s().renamePipelineStage('notes-1', 'Ideas');
    expect(s().pipelinePast).toHaveLength(2);
    expect(s().past).toHaveLength(0); // the layer graph's own history is untouched
    s().undoPipeline();
    expect(stageOfKind(s().pipeline, 'notes')?.name).toBe('Notes');
    s().undoPipeline();
    expect(kinds(store)).not.toContain('notes');
    expect(s().selectedStageId).toBeNull(); // the selected stage went away
    s().redoPipeline();
    s().redoPipeline();
    expect(stageOfKind(s().pipeline, 'notes')?.name).toBe('Ideas');
  });

  it('records a drag or a typing burst as one undo step', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const start = s().pipeline;
    for (let x = 0; x < 30; x++) s().movePipelineStages(new Map([['model', { x, y: 0 }]]), 'transient');
    const scenario = stageOfKind(start, 'scenario')!;
    for (const text of ['I', 'Ir', 'Iri', 'Iris'])
      s().updatePipelineStageConfig(scenario.id, 'scenario', { description: text }, 'transient');
    s().endPipelineGesture();
    expect(s().pipelinePast).toHaveLength(1);
    s().undoPipeline();
    expect(s().pipeline).toBe(start);
  });

  it('deletes the selected edge before the selected stage', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().selectStage('optimize');
    s().selectPipelineEdge('optimize->model');
    expect(s().selectedStageId).toBeNull();
    s().removePipelineSelection();
    expect(s().pipeline.edges.some((e) => e.id === 'optimize->model')).toBe(false);
    expect(kinds(store)).toContain('optimize');
    s().selectStage('optimize');
    s().removePipelineSelection();
    expect(kinds(store)).not.toContain('optimize');
  });

  it('keeps a bad rule out and reports the field', () => {
    const store = createAppStore();
    expect(store.getState().setPipelineRule({ metric: 'accuracy', op: '>=', threshold: 95 })).toBe(false);
    expect(store.getState().pipelineMessage?.text).toMatch(/rule\.threshold/);
  });

  it('records run states for the lead glue', () => {
    const store = createAppStore();
    store.getState().setStageRun('train', 'running', 'epoch 1/5');
    expect(store.getState().stageRuns.train).toEqual({ status: 'running', message: 'epoch 1/5' });
    store.getState().applyStageUpdate({ stageId: 'train', status: 'failed', message: 'NaN' });
    expect(store.getState().stageRuns.train).toEqual({ status: 'failed', message: 'NaN' });
    store.getState().clearStageRuns();
    expect(store.getState().stageRuns).toEqual({});
  });

  it('sends Run pipeline to the installed handler, or says the runner is not ready yet', async () => {
    const store = createAppStore();
    store.getState().requestPipelineRun();
    expect(store.getState().pipelineMessage).toMatchObject({
      kind: 'error',
      text: 'The pipeline cannot run yet: the app is still starting.',
    });
    expect(store.getState().pipelineRunning).toBe(false);
    const handler = vi.fn(async () => {});
    store.getState().setPipelineRunHandler(handler);
    store.getState().requestPipelineRun();
    await Promise.resolve();
    await Promise.resolve();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('runs the pipeline through the store with injected deps', async () => {
    const store = createAppStore();
    const deps: RunnerDeps = {
      prepareData: async () => {},
      train: async () => ({
        history: [
          { epoch: 1, loss: 0.6, valLoss: 0.7, metric: 0.7, valMetric: 0.7, lr: 0.001, seconds: 1, samplesPerSec: 1 },
        ],
        metric: 'accuracy',
      }),
      evaluate: async () => ({ accuracy: 0.72 }),
      isCancelled: () => false,
    };
    const result = await runPipelineInStore(store, deps);
    const s = store.getState();
    expect(result?.outcome).toBe('not-met');
    expect(s.pipelineRunning).toBe(false);
    expect(s.stageRuns.optimize?.status).toBe('attention');
    expect(s.optimizeSuggestions.length).toBeGreaterThan(0);
    expect(s.lastRuleCheck?.text).toBe('accuracy 0.72 < 0.90 ✗');
  });
});
