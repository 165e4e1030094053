import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { readProject } from '../model/project';
import { readPipeline } from '../pipeline/schema';
import { applyProject, snapshotProject } from '../store/persistence/snapshot';
import { createAppStore } from '../store/index';
import type { LanguageModelMetrics } from '../training/text/lm-metrics';
import type { PreparedDataset } from '../data/types';
import type { EvalWorker } from './clients';
import { fakeClients, type FakeClients } from './fake-clients';
import { createSession, type Session } from './index';
import { bestRun } from './runs';

const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
]);
const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

/** Bits per character fall as the learning rate rises, so runs differ. */
const scores = (lr: number): LanguageModelMetrics => ({
  kind: 'language-model',
  tokens: 80,
  accuracy: 0.5,
  natsPerToken: 2 - lr * 10,
  perplexity: Math.exp(2 - lr * 10),
  bitsPerChar: (2 - lr * 10) / Math.LN2,
});
const lrOf = (c: { optimizer?: { learningRate?: number } }) => c.optimizer?.learningRate ?? 0.001;

function lmDataset(): PreparedDataset {
  const split = (n: number) => ({ n, x: new Float32Array(n * 4).fill(2), y: new Float32Array(n * 4).fill(3) });
  return {
    id: 'lm',
    name: 'tiny text',
    kind: 'text',
    task: 'next-token',
    inputShape: [4],
    classNames: ['[PAD]', '[UNK]', 'a', 'b'],
    train: split(6),
    validation: split(2),
    test: split(2),
    transform: null,
  };
}

function setup(clients: FakeClients) {
  const store = createAppStore();
  store.getState().resetGraph(graph);
  store.getState().setDataset(lmDataset());
  store.getState().patchProjects({ currentProjectId: 'p-lm' });
  const session = createSession(store, clients);
  sessions.push(session);
  return { store, session };
}

describe('language-model scores through the session and store', () => {
  it('keep the test run’s LM scores on the run, in the log, in the saved project, and pick the best by bits per character', async () => {
    // Higher per-token accuracy for the worse run: the choice must follow bits per character.
    const clients = fakeClients((c) => (lrOf(c) === 0.01 ? 0.9 : 0.5));
    clients.languageModel = (c) => scores(lrOf(c));
    const { store, session } = setup(clients);
    const worse = await session.training.start({
      config: { optimizer: { name: 'adam', learningRate: 0.01 }, epochs: 1 },
      backend: null,
      epochs: 1,
    });
    const better = await session.training.start({
      config: { optimizer: { name: 'adam', learningRate: 0.1 }, epochs: 1 },
      backend: null,
      epochs: 1,
    });
    expect(worse.test?.languageModel).toEqual(scores(0.01));
    expect(better.test?.languageModel?.bitsPerChar).toBeCloseTo(1 / Math.LN2);
    const s = store.getState();
    expect(s.trainingLog.map((l) => l.text).join('\n')).toMatch(/Test bits\/char 1\.443 · perplexity 2\.72/);
    const best = bestRun(s.runs, s.runWeights);
    expect(best?.id).toBe(better.id);
    expect(best?.reason).toMatch(/test bits per character 1\.4427/);

    const saved = readProject(JSON.parse(JSON.stringify(snapshotProject(s, new Date('2026-03-01T00:00:00Z')))));
    expect(saved.runs[0]!.test?.languageModel).toMatchObject({
      kind: 'language-model',
      tokens: 80,
      perplexity: Math.exp(1.9),
    });
    const other = createAppStore();
    applyProject(other, { project: saved, pipeline: readPipeline(saved.pipeline), weights: s.runWeights, file: null });
    expect(other.getState().runs.map((r) => r.test?.languageModel)).toEqual([scores(0.01), scores(0.1)]);
  });

  it('loads a project saved before language models (no languageModel on the test score)', () => {
    const clients = fakeClients();
    const { store } = setup(clients);
    store.getState().addRun({
      id: 'old',
      name: 'Run 1',
      config: {},
      backendLabel: 'CPU',
      status: 'completed',
      epochs: [],
      test: { loss: 0.4, n: 3, metrics: { kind: 'classification', accuracy: 0.7 } },
      seconds: 1,
      metric: 'accuracy',
    });
    const saved = readProject(JSON.parse(JSON.stringify(snapshotProject(store.getState(), new Date()))));
    expect(saved.runs[0]!.test).not.toHaveProperty('languageModel');
    const other = createAppStore();
    applyProject(other, { project: saved, pipeline: readPipeline(saved.pipeline), weights: {}, file: null });
    expect(other.getState().runs[0]!.test).toEqual({
      loss: 0.4,
      n: 3,
      metrics: { kind: 'classification', accuracy: 0.7 },
    });
  });
});

describe('evaluation session for a language model', () => {
  it('sends the training windows for the baselines, keeps the LM scores, and streams generation', async () => {
    const clients = fakeClients();
    const loads: Parameters<EvalWorker['load']>[0][] = [];
    const lmScores = { model: scores(0.1), baselines: { unigram: scores(0), bigram: scores(0.05) } };
    const worker: EvalWorker = {
      ...(await clients.evalWorker()),
      load: async (req) => {
        loads.push(req);
        return {
          type: 'scored',
          id: 1,
          backend: 'cpu',
          n: 2,
          loss: 1,
          metrics: { kind: 'classification', accuracy: 0.5 },
          predictions: new Float32Array(0),
          units: 4,
          seconds: 0,
          records: null,
          languageModel: lmScores,
        };
      },
      generate: async (req, onPiece, signal) => {
        const text = 'abab'.slice(0, req.maxChars);
        for (const ch of text) {
          if (signal?.aborted) throw new DOMException('stopped', 'AbortError');
          onPiece(ch);
        }
        return { type: 'generated', id: 2, prompt: req.prompt, text, tokens: text.length, stopped: false, notes: [] };
      },
    };
    clients.evalWorker = async () => worker;
    const { store, session } = setup(clients);
    store.getState().setRunWeights('r', { out: [] });
    store
      .getState()
      .addRun({
        id: 'r',
        name: 'Run 1',
        config: {},
        backendLabel: 'CPU',
        status: 'completed',
        epochs: [],
        test: null,
        seconds: 1,
        metric: 'accuracy',
      });

    const pieces: string[] = [];
    const out = await session.evaluation.generate(
      { prompt: 'ba', maxChars: 3, temperature: 1, topK: 0, seed: 1 },
      (p) => pieces.push(p),
    );
    // Generation loaded the chosen run first, with the training windows for the baselines.
    expect(loads).toHaveLength(1);
    expect(loads[0]!.baselineTrain?.n).toBe(6);
    expect(store.getState().evaluation?.languageModel).toEqual(lmScores);
    expect(pieces).toEqual(['a', 'b', 'a']);
    expect(out.text).toBe('aba');
    // A second request reuses the loaded weights.
    await session.evaluation.generate({ prompt: '', maxChars: 1, temperature: 0, topK: 0, seed: 1 }, () => undefined);
    expect(loads).toHaveLength(1);
  });
});
