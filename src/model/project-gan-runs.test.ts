import { describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { dcganTemplate } from './gan-template';
import { newProject, projectFromText } from './project';
import { ganWeightKey } from './project-schema';

const graph = buildGraph([
  { type: 'Input', params: { shape: [4] } },
  { type: 'Dense', params: { units: 2 } },
]);

function ganProject(gan: Record<string, unknown> = {}) {
  const nets = dcganTemplate([8, 8, 1], { latentDim: 16, width: 8 });
  const base = newProject('Gan', structuredClone(graph), new Date('2026-01-01T00:00:00Z'), 'p-gan');
  return {
    ...base,
    graph: nets.generator,
    gan: { generator: nets.generator, discriminator: nets.discriminator, settings: {}, ...gan },
  };
}

const epoch = (n: number) => ({
  epoch: n,
  dLoss: 1.2,
  gLoss: 0.8,
  realScore: 0.6,
  fakeScore: null,
  seconds: 3,
  diversity: { samples: 0.2, real: 0.3, ratio: 0.66, collapsed: false },
});

const run = {
  id: 'gan-1',
  name: 'GAN run 1',
  createdAt: '2026-01-01T00:00:00.000Z',
  status: 'stopped',
  settings: { epochs: 4 },
  seed: 7,
  dataName: 'Fashion-MNIST',
  epochs: [epoch(1), epoch(2)],
  scores: {
    score: { inception: 3.1, frechet: 40 },
    bounds: { real: { inception: 8, frechet: 2 }, noise: { inception: 1, frechet: 300 } },
    n: 500,
    seed: 1,
  },
};

describe('the GAN runs a project keeps', () => {
  it('opens a GAN project saved before runs were kept, with no runs', () => {
    const read = projectFromText(JSON.stringify(ganProject()));
    expect(read.gan?.runs).toEqual([]);
  });

  it('round-trips a run: settings (defaults filled), seed, epoch logs and scores', () => {
    const read = projectFromText(JSON.stringify(ganProject({ runs: [run] })));
    const back = read.gan!.runs[0]!;
    expect(back.settings).toMatchObject({ epochs: 4, batchSize: 64, discriminatorSteps: 1 });
    expect(back.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(back.epochs[0]!.fakeScore).toBeNull();
    expect(back.scores?.score.frechet).toBe(40);
    expect(back).toMatchObject({ id: 'gan-1', seed: 7, status: 'stopped', dataName: 'Fashion-MNIST' });
  });

  it('fills scores with null in a run saved before it was scored', () => {
    const { scores: _none, ...unscored } = run;
    const read = projectFromText(JSON.stringify(ganProject({ runs: [unscored] })));
    expect(read.gan!.runs[0]!.scores).toBeNull();
  });

  it('refuses a run with an unknown status or a broken epoch, naming the field', () => {
    expect(() => projectFromText(JSON.stringify(ganProject({ runs: [{ ...run, status: 'lost' }] })))).toThrow(
      /gan\.runs\[0\]\.status/,
    );
    const broken = { ...run, epochs: [{ ...epoch(1), diversity: {} }] };
    expect(() => projectFromText(JSON.stringify(ganProject({ runs: [broken] })))).toThrow(
      /gan\.runs\[0\]\.epochs\[0\]\.diversity/,
    );
  });

  it('names each network’s stored weights apart from the run’s id', () => {
    expect(ganWeightKey('gan-1', 'generator')).not.toBe(ganWeightKey('gan-1', 'discriminator'));
    expect(ganWeightKey('gan-1', 'generator')).toContain('gan-1');
  });
});
