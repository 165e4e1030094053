/**
 * A graph with blocks compiles to the same model as the same layers built by hand: the same layer
 * names, and the same output for the same weights. So every export, which starts from the
 * compiled model or the flattened graph, sees ordinary layers only.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeBlock, reuseBlock } from '../model/block-ops';
import { flattenGraph } from '../model/blocks';
import { buildGraph } from '../model/build';
import type { Graph } from '../model/graph';
import { connect, removeElements } from '../model/graph-ops';
import { compile, CompileError } from './compile';

/** input → d1 → d2 → add(d1, d2) → out, as in src/model/blocks.test.ts. */
const residualGraph = (): Graph =>
  buildGraph([
    { type: 'Input', id: 'in', params: { shape: [8] } },
    { type: 'Dense', id: 'd1', name: 'd1', params: { units: 8 } },
    { type: 'Dense', id: 'd2', name: 'd2', params: { units: 8, activation: 'relu' } },
    { type: 'Add', id: 'add', name: 'add', from: ['d1', 'd2'] },
    { type: 'Dense', id: 'out', name: 'out', params: { units: 3 } },
  ]);

function must<T>(
  r: { ok: true; graph: Graph } | { ok: false; reason: string },
  pick: (g: Graph) => T = (g) => g as T,
): T {
  if (!r.ok) throw new Error(r.reason);
  return pick(r.graph);
}

/** residualGraph with its d2 → add part made a block, used twice (linked): in → d1 → [block] → [block] → out. */
function twoLinkedBlocks(): { graph: Graph; second: string } {
  const made = makeBlock(residualGraph(), ['d2', 'add'], 'residual');
  if (!made.ok) throw new Error(made.reason);
  const first = made.ids[0]!;
  const reused = reuseBlock(made.graph, first, true);
  if (!reused.ok) throw new Error(reused.reason);
  const second = reused.ids[0]!;
  const out = reused.graph.edges.find((e) => e.source === first && e.target === 'out')!;
  let g = removeElements(reused.graph, [], [out.id]);
  g = must(connect(g, first, second));
  g = must(connect(g, second, 'out'));
  return { graph: g, second };
}

describe('compiling blocks', () => {
  it('gives the same layers and the same predictions as the hand-built graph', () => {
    const { graph, second } = twoLinkedBlocks();
    const name = graph.nodes.find((n) => n.id === second)!.name;
    const byHand = buildGraph([
      { type: 'Input', params: { shape: [8] } },
      { type: 'Dense', name: 'd1', params: { units: 8 } },
      { type: 'Dense', name: 'd2', params: { units: 8, activation: 'relu' } },
      { type: 'Add', name: 'add', from: ['d1', 'd2'] },
      { type: 'Dense', name: `${name}_d2`, params: { units: 8, activation: 'relu' } },
      { type: 'Add', name: `${name}_add`, from: ['add', `${name}_d2`] },
      { type: 'Dense', name: 'out', params: { units: 3 } },
    ]);
    const withBlocks = compile(graph);
    const handModel = compile(byHand);
    const names = (m: tf.LayersModel) => m.layers.map((l) => l.name).sort();
    expect(names(withBlocks)).toEqual(names(handModel));
    for (const layer of handModel.layers) {
      const values = layer.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.5, 'float32', 7 + i));
      layer.setWeights(values);
      withBlocks.getLayer(layer.name).setWeights(values);
    }
    const x = tf.randomNormal([5, 8], 0, 1, 'float32', 3);
    const a = (withBlocks.predict(x) as tf.Tensor).arraySync() as number[][];
    const b = (handModel.predict(x) as tf.Tensor).arraySync() as number[][];
    expect(a).toEqual(b);
    // The two instances have their own weights: the second's Dense is not the first's.
    expect(withBlocks.getLayer(`${name}_d2`)).not.toBe(withBlocks.getLayer('d2'));
    expect(flattenGraph(graph).graph.nodes.some((n) => n.type === 'Block')).toBe(false);
  });

  it('refuses a block without its definition, naming the block', () => {
    const { graph } = twoLinkedBlocks();
    const { blocks: _gone, ...orphan } = graph;
    expect(() => compile(orphan)).toThrow(CompileError);
    expect(() => compile(orphan)).toThrow(/Block 'residual' names a block definition/);
  });
});
