import { describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { dcganTemplate } from './gan-template';
import { newProject, projectFromText, ProjectError } from './project';

const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', params: { units: 2 } },
]);
const plain = () => newProject('Plain', structuredClone(graph), new Date('2026-01-01T00:00:00Z'), 'p-plain');

function ganProject(settings: Record<string, unknown> = {}) {
  const gan = dcganTemplate([8, 8, 1], { latentDim: 16, width: 8 });
  return {
    ...plain(),
    graph: gan.generator,
    gan: { generator: gan.generator, discriminator: gan.discriminator, settings },
  };
}

describe('a project that holds a GAN', () => {
  it('loads a project saved without a GAN unchanged (no gan field appears)', () => {
    const read = projectFromText(JSON.stringify(plain()));
    expect('gan' in read).toBe(false);
    expect(read.graph.nodes).toHaveLength(2);
  });

  it('round-trips both graphs and fills the settings a file left out with the defaults', () => {
    const saved = ganProject({ discriminatorSteps: 2 });
    const read = projectFromText(JSON.stringify(saved));
    expect(read.gan?.generator.nodes.map((n) => n.type)).toEqual(saved.gan.generator.nodes.map((n) => n.type));
    expect(read.gan?.discriminator.nodes.map((n) => n.type)).toEqual(saved.gan.discriminator.nodes.map((n) => n.type));
    expect(read.gan?.settings).toEqual({
      discriminatorSteps: 2,
      generatorLearningRate: 5e-4,
      discriminatorLearningRate: 5e-4,
      realLabel: 0.9,
      batchSize: 64,
      epochs: 5,
    });
  });

  it('refuses a label smoothing that would flip the real label, naming the field', () => {
    expect(() => projectFromText(JSON.stringify(ganProject({ realLabel: 0.4 })))).toThrow(ProjectError);
    expect(() => projectFromText(JSON.stringify(ganProject({ realLabel: 0.4 })))).toThrow(/gan\.settings\.realLabel/);
  });

  it('refuses a GAN without its discriminator', () => {
    const p = ganProject() as unknown as { gan: Record<string, unknown> };
    delete p.gan.discriminator;
    expect(() => projectFromText(JSON.stringify(p))).toThrow(/gan\.discriminator/);
  });
});
