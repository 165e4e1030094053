import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../model/analyze';
import { makeBlock, reuseBlock } from '../../model/block-ops';
import { buildGraph } from '../../model/build';
import { toFlowNodes } from './flow-elements';

describe('block node faces', () => {
  it('show the definition, how many instances share it, the layer count, shape and parameters', () => {
    const g = buildGraph([
      { type: 'Input', id: 'in', params: { shape: [4] } },
      { type: 'Dense', id: 'a', name: 'a', params: { units: 3 } },
      { type: 'Dense', id: 'b', name: 'b', params: { units: 2 } },
    ]);
    const made = makeBlock(g, ['a', 'b'], 'pair');
    if (!made.ok) throw new Error(made.reason);
    const one = toFlowNodes(made.graph, analyzeGraph(made.graph), new Set(), []).find((n) => n.id === made.ids[0]);
    expect(one?.data.block).toEqual({ title: 'pair', uses: 1, layers: 2 });
    expect(one?.data.shape).toEqual([null, 2]);
    expect(one?.data.params).toBe(4 * 3 + 3 + 3 * 2 + 2);
    const reused = reuseBlock(made.graph, made.ids[0]!, true);
    if (!reused.ok) throw new Error(reused.reason);
    const faces = toFlowNodes(reused.graph, analyzeGraph(reused.graph), new Set(), []).filter((n) => n.data.block);
    expect(faces.map((n) => n.data.block?.uses)).toEqual([2, 2]);
    const copied = reuseBlock(made.graph, made.ids[0]!, false);
    if (!copied.ok) throw new Error(copied.reason);
    const apart = toFlowNodes(copied.graph, analyzeGraph(copied.graph), new Set(), []).filter((n) => n.data.block);
    expect(apart.map((n) => n.data.block?.uses)).toEqual([1, 1]);
  });
});
