import { afterEach, describe, expect, it } from 'vitest';
import { analyzeGan } from '../model/gan';
import { ganGraphs } from '../store/gan-slice';
import { createAppStore } from '../store/index';
import { createMemoryProjectDb } from '../store/persistence/memory-db';
import { startProjects } from '../store/persistence/boot';
import { registerProjectTemplates } from '../store/persistence/templates';
import { pipelineRule, stageOfKind } from './model';
import { FRECHET_TARGET } from './rule-gan';
import { scenarioSeed, scenarioTemplate } from './scenarios';
import { FASHION_SHAPE } from './scenarios-gan';

const template = scenarioTemplate('scenario:fashion-gan')!;

describe('the "Generate fashion images" scenario', () => {
  afterEach(() => registerProjectTemplates([], { keepModelTemplates: true }));

  it('pairs the Fashion-MNIST built-in with a DCGAN that draws its 28×28×1 images', () => {
    expect(template.title).toBe('Generate fashion images');
    expect(template.dataset).toEqual({ kind: 'builtin', id: 'fashion-mnist' });
    const gan = template.gan!();
    const analysis = analyzeGan(gan);
    expect(analysis.issues).toEqual([]);
    expect(analysis.imageShape).toEqual([...FASHION_SHAPE]);
    expect(template.scenario.rule).toEqual({ metric: 'frechet', op: '<=', threshold: FRECHET_TARGET });
    expect(template.scenario.requirement).toContain(String(FRECHET_TARGET));
  });

  it('creates a GAN project: both networks, the GAN settings, the built-in and the Fréchet rule', async () => {
    const store = createAppStore();
    const runtime = startProjects(store, {
      db: createMemoryProjectDb(),
      channel: null,
      storage: null,
      initialHash: '',
      autosaveDelayMs: 60_000,
    });
    await runtime.ready;
    registerProjectTemplates([
      { id: template.id, title: template.title, description: '', task: '', build: () => scenarioSeed(template) },
    ]);
    expect(await runtime.create(template.id)).toBe(true);
    const s = store.getState();
    expect(s.projectNotice).toBeNull();
    expect(s.datasetRef).toEqual({ kind: 'builtin', id: 'fashion-mnist' });
    const graphs = ganGraphs(s)!;
    expect(graphs).not.toBeNull();
    expect(analyzeGan(graphs).imageShape).toEqual([...FASHION_SHAPE]);
    expect(graphs.discriminator.nodes.map((n) => n.type)).toEqual(
      template.gan!().discriminator.nodes.map((n) => n.type),
    );
    expect(s.gan!.settings).toMatchObject({ epochs: 3, batchSize: 64, discriminatorSteps: 1 });
    expect(s.gan!.runs).toEqual([]);
    expect(pipelineRule(s.pipeline)).toEqual(template.scenario.rule);
    expect(stageOfKind(s.pipeline, 'train')).toBeDefined();
  });
});
