import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../model/analyze';
import { dcganTemplate } from '../../model/gan-template';
import type { GanState } from '../../store/gan-slice';
import { withGanErrors } from './gan-analysis';

const settings = {
  discriminatorSteps: 1,
  generatorLearningRate: 2e-4,
  discriminatorLearningRate: 2e-4,
  realLabel: 0.9,
  batchSize: 64,
  epochs: 1,
};
const small = dcganTemplate([8, 8, 1], { latentDim: 8, width: 8 });
const big = dcganTemplate([12, 12, 1], { latentDim: 8, width: 8 });
const parked = (graph: GanState['parked']['graph']) => ({ graph, past: [], future: [] });

describe('the canvas analysis of a GAN', () => {
  it('adds the size mismatch to the generator output when the generator tab is open', () => {
    const gan: GanState = { active: 'generator', parked: parked(big.discriminator), settings, runs: [] };
    const own = analyzeGraph(small.generator);
    const shown = withGanErrors(small.generator, own, gan);
    const last = small.generator.nodes.at(-1)!;
    expect(own.errors).toHaveLength(0);
    expect(shown.errors).toHaveLength(1);
    expect(shown.errors[0]?.nodeId).toBe(last.id);
    expect(shown.errors[0]?.message).toMatch(/\[8, 8, 1\].*\[12, 12, 1\]|\[12, 12, 1\].*\[8, 8, 1\]/);
  });

  it('pins the same mismatch to the discriminator Input on the other tab', () => {
    const gan: GanState = { active: 'discriminator', parked: parked(small.generator), settings, runs: [] };
    const shown = withGanErrors(big.discriminator, analyzeGraph(big.discriminator), gan);
    expect(shown.errors.map((e) => e.nodeId)).toEqual([big.discriminator.nodes[0]!.id]);
  });

  it('leaves a matching pair and a plain project as they are', () => {
    const own = analyzeGraph(small.generator);
    expect(
      withGanErrors(small.generator, own, {
        active: 'generator',
        parked: parked(small.discriminator),
        settings,
        runs: [],
      }),
    ).toBe(own);
    expect(withGanErrors(small.generator, own, null)).toBe(own);
  });
});
