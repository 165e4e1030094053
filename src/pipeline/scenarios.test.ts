import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyWeights } from '../compiler/weights';
import {
  builtinCsvText,
  corpusRatios,
  listBuiltins,
  loadTextBuiltin,
  loadImageBuiltin,
  type BuiltinInfo,
  type ReadBuiltinFile,
} from '../data/builtins';
import { resizeImageDataset } from '../data/image-resize';
import { parseCsv, prepareTabular } from '../data/tabular';
import type { PreparedDataset } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import { setParams } from '../model/graph-ops';
import { loadPretrainedTemplate, type ReadModelFile } from '../model/pretrained';
import { newProject, readProject } from '../model/project';
import { bindDataset, proposeOutput } from '../store/bind-dataset';
import { createAppStore } from '../store/index';
import { startProjects } from '../store/persistence/boot';
import { createMemoryProjectDb } from '../store/persistence/memory-db';
import { registerProjectTemplates } from '../store/persistence/templates';
import { setupWasm } from '../training/backend-wasm';
import { evaluate } from '../training/evaluate';
import { compileSeeded, train } from '../training/train';
import { evaluateRule, metricsForTask } from './rule';
import {
  SCENARIO_TEMPLATES,
  scenarioPipeline,
  scenarioSeed,
  scenarioTemplate,
  type ScenarioTemplate,
} from './scenarios';
import { readPipeline } from './schema';
import { stageOfKind } from './stages';
import { prepareTextSource, type TextSource } from '../worker/data-text';
import { TEXT_SCENARIO_FACTS } from './scenarios-text';

const PUBLIC = join(__dirname, '..', '..', 'public');
const readModel: ReadModelFile = async (path) => new Uint8Array(await readFile(join(PUBLIC, path)));
const readDataset: ReadBuiltinFile = (name) => readModel(`datasets/${name}`);

let builtins: readonly BuiltinInfo[] = [];
beforeAll(async () => {
  builtins = await listBuiltins(readDataset);
  await setupWasm();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** The dataset as the Data page's worker prepares it from the template's saved data settings. */
async function prepared(t: ScenarioTemplate): Promise<PreparedDataset> {
  const info = builtins.find((b) => b.id === t.dataset.id)!;
  if (info.kind === 'image') {
    const images = await loadImageBuiltin(info.id, readDataset);
    return t.data.images ? resizeImageDataset(images, t.data.images) : images;
  }
  if (info.kind === 'text') {
    // As the data worker prepares a text built-in with the saved text settings.
    const { text } = await loadTextBuiltin(info.id, readDataset);
    const id = `builtin:${info.id}`;
    const source: TextSource = info.corpus
      ? { kind: 'corpus', text, name: info.title, id, split: corpusRatios(info.corpus.splits) }
      : {
          kind: 'table',
          csv: t.data.csv,
          parsed: await parseCsv(text),
          name: info.title,
          id,
          splitColumn: info.splitColumn,
        };
    return prepareTextSource(source, t.data.text ?? {}).dataset;
  }
  const { text } = await builtinCsvText(info.id, readDataset);
  const { label, task, columns } = t.data.csv;
  const { dataset } = prepareTabular(await parseCsv(text), {
    columns,
    ...(label != null ? { label } : {}),
    ...(task ? { task } : {}),
    name: info.title,
  });
  return dataset;
}

const inputShape = (t: ScenarioTemplate) => t.graph().nodes.find((n) => n.type === 'Input')!.params.shape;

describe('scenario templates', () => {
  it('offers the eleven scenarios, one of them titled "Handwritten digits"', () => {
    expect(SCENARIO_TEMPLATES).toHaveLength(11);
    expect(new Set(SCENARIO_TEMPLATES.map((t) => t.id)).size).toBe(11);
    expect(
      SCENARIO_TEMPLATES.filter((t) => /handwritten digits/i.test(`${t.title} ${t.summary} ${t.task}`)).map(
        (t) => t.id,
      ),
    ).toEqual(['scenario:digits']);
    expect(SCENARIO_TEMPLATES.map((t) => t.dataset.id).sort()).toEqual(
      [
        'austen-novels',
        'austen-text',
        'breast-cancer',
        'digits',
        'digits',
        'fashion-mnist',
        'fashion-mnist',
        'iris',
        'penguins',
        'seattle-weather-windows',
        'word-language',
      ].sort(),
    );
    expect(scenarioTemplate('scenario:digits')?.title).toContain('Handwritten digits');
    expect(scenarioTemplate('nope')).toBeUndefined();
  });

  it.each(SCENARIO_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s: pipeline, project file and rule fit its task',
    (_id, t) => {
      const pipeline = readPipeline(JSON.parse(JSON.stringify(scenarioPipeline(t))));
      const scenario = stageOfKind(pipeline, 'scenario')!.config;
      expect(scenario).toEqual(t.scenario);
      expect(scenario.description.length).toBeGreaterThan(200);
      expect(scenario.requirement.length).toBeGreaterThan(20);
      expect(metricsForTask(scenario.taskType)).toContain(scenario.rule.metric);
      // The metrics the evaluation actually reports: accuracy (bits per character for a language model,
      // the Fréchet distance for a GAN), or mae/mse/rmse/r2.
      expect(
        scenario.taskType === 'classification' ? ['accuracy', 'bitsPerChar', 'frechet'] : ['mae', 'rmse', 'mse', 'r2'],
      ).toContain(scenario.rule.metric);
      const seed = scenarioSeed(t);
      const project = readProject(
        JSON.parse(
          JSON.stringify({
            ...newProject(t.title, seed.graph),
            ...seed,
            train: { ...newProject('x', seed.graph).train, ...seed.train },
          }),
        ),
      );
      expect(project.dataset).toEqual(t.dataset);
      expect(project.data).toEqual(t.data);
      expect(project.train).toMatchObject(t.train);
    },
  );

  // A GAN's generator draws images rather than classifying them (scenarios-gan.test.ts checks it).
  it.each(SCENARIO_TEMPLATES.filter((t) => !t.gan).map((t) => [t.id, t] as const))(
    '%s: the graph fits its dataset (input shape, output layer) with no errors',
    async (_id, t) => {
      const data = await prepared(t);
      const info = builtins.find((b) => b.id === t.dataset.id)!;
      expect(data.task === 'regression' ? 'regression' : 'classification').toBe(t.scenario.taskType);
      if (info.kind === 'image' && !t.data.images) expect(data.inputShape).toEqual(info.inputShape);
      // Binding is a no-op: the graph already expects the data's shape and task.
      expect(inputShape(t)).toEqual(data.inputShape);
      const store = createAppStore();
      store.getState().resetGraph(t.graph());
      const before = store.getState().graph;
      store.getState().setDataset(data);
      bindDataset(store, data);
      expect(store.getState().graph).toBe(before);
      expect(store.getState().dataPage.bindingNotice).toBeNull();
      expect(store.getState().bindingProblems).toEqual([]);
      const graph = t.graph();
      const input = graph.nodes.find((n) => n.type === 'Input')!;
      const analysis = analyzeGraph(setParams(graph, input.id, { shape: [...data.inputShape] }));
      expect(analysis.errors).toEqual([]);
      const fed = new Set(graph.edges.map((e) => e.source));
      const [output] = graph.nodes.filter((n) => !fed.has(n.id));
      const want = proposeOutput(data);
      expect(output?.type).toBe('Dense');
      expect([output?.params.units, output?.params.activation]).toEqual([want.units, want.activation]);
      if (data.classNames) expect(want.units).toBe(data.classNames.length === 2 ? 1 : data.classNames.length);
      if (data.kind === 'text') {
        // The sizes the template was fitted to are the ones the saved text settings give.
        const facts = TEXT_SCENARIO_FACTS[t.dataset.id]!;
        const vocab = data.transform?.kind === 'text' ? data.transform.tokenizer.vocab.length : 0;
        expect(facts.inputShape).toEqual(data.inputShape);
        expect(facts.vocabSize).toBeGreaterThanOrEqual(vocab);
        if (data.task === 'next-token') expect(facts.vocabSize).toBe(vocab);
        expect(bitsRuleFitsTask(t, data.task)).toBe(true);
      }
    },
    60_000,
  );
});

/** A bits-per-character rule belongs to a language model, and only to one. */
const bitsRuleFitsTask = (t: ScenarioTemplate, task: PreparedDataset['task']) =>
  (t.scenario.rule.metric === 'bitsPerChar') === (task === 'next-token');

describe('a new project from a scenario template', () => {
  afterEach(() => registerProjectTemplates([], { keepModelTemplates: true }));

  it('opens with its scenario, pipeline, dataset, data settings and train settings', async () => {
    const store = createAppStore();
    const runtime = startProjects(store, {
      db: createMemoryProjectDb(),
      channel: null,
      storage: null,
      initialHash: '',
      autosaveDelayMs: 60_000,
    });
    await runtime.ready;
    registerProjectTemplates(
      SCENARIO_TEMPLATES.map((t) => ({
        id: t.id,
        title: t.title,
        description: t.summary,
        task: t.task,
        build: () => scenarioSeed(t),
      })),
    );
    for (const t of SCENARIO_TEMPLATES) {
      expect(await runtime.create(t.id), t.id).toBe(true);
      const s = store.getState();
      expect([s.projectName, s.projectScenario]).toEqual([t.title, t.id]);
      expect(s.projectNotice).toBeNull();
      expect(stageOfKind(s.pipeline, 'scenario')!.config).toEqual(t.scenario);
      expect(s.datasetRef).toEqual(t.dataset);
      expect(s.imageSettings).toEqual(t.data.images);
      expect(s.dataPage.settings).toEqual(t.data.csv);
      expect(s.trainSettings).toMatchObject(t.train);
      expect(s.graph.nodes.map((n) => n.type)).toEqual(t.graph().nodes.map((n) => n.type));
    }
  });
});

/** Trains the template as the app would (its settings, seed 42, the wasm backend) and scores the test split. */
async function trainTemplate(t: ScenarioTemplate) {
  const data = await prepared(t);
  const model = compileSeeded(t.graph(), 42);
  if (t.pretrained) applyWeights(model, (await loadPretrainedTemplate(t.pretrained, readModel)).weights);
  const started = performance.now();
  const result = await train(model, data, {
    optimizer: { name: t.train.optimizer ?? 'adam', learningRate: t.train.learningRate ?? 0.001 },
    batchSize: t.train.batchSize ?? 32,
    epochs: t.train.epochs ?? 5,
    seed: 42,
  });
  const seconds = (performance.now() - started) / 1000;
  const test = await evaluate(model, data.test, data.task);
  model.dispose();
  expect(result.status).toBe('completed');
  const m = test.metrics;
  const values =
    m.kind === 'classification'
      ? { accuracy: m.accuracy }
      : { mae: m.mae, mse: m.mse, rmse: Math.sqrt(m.mse), r2: m.r2 };
  const check = evaluateRule(t.scenario.rule, values);
  const r2 = m.kind === 'regression' ? `, r2 ${m.r2.toFixed(3)}` : '';
  console.info(`${t.id}: ${check.text}${r2} in ${seconds.toFixed(1)} s, ${test.n} test rows`);
  return check;
}

describe('the quick templates reach their target with their own settings', () => {
  it.each([
    'scenario:digits',
    'scenario:iris',
    'scenario:penguin-mass',
    'scenario:risk-screening',
    'scenario:transfer-digits',
  ])(
    '%s',
    async (id) => {
      const check = await trainTemplate(scenarioTemplate(id)!);
      expect(check.met, check.text).toBe(true);
    },
    20_000,
  );
});

// The two slower templates (a CNN on 8,500 photos, a GRU over 30 epochs) take 30 s to a minute on
// 2 cores: run them by hand with SCENARIOS_TRAIN_ALL=1 to re-measure their targets.
describe.skipIf(!process.env.SCENARIOS_TRAIN_ALL)('the other templates reach their target', () => {
  it.each(['scenario:fashion-photos', 'scenario:weather-forecast'])(
    '%s',
    async (id) => {
      const check = await trainTemplate(scenarioTemplate(id)!);
      expect(check.met, check.text).toBe(true);
    },
    300_000,
  );
});
