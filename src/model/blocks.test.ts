import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { addBlock, expandBlock, makeBlock, reuseBlock, setBlockLayerParams, unlinkBlock } from './block-ops';
import { blockKey, flattenGraph } from './blocks';
import { buildGraph } from './build';
import type { Graph } from './graph';
import { connect, pasteNodes, removeElements, setTrainable } from './graph-ops';
import { LAYER_NAME } from './param-check';
import { DEFAULT_TRANSFORMER_SIZES, READY_BLOCKS } from './ready-blocks';

/** input → d1 → d2 → (residual) add(d1, d2) → out */
const residualGraph = (): Graph =>
  buildGraph([
    { type: 'Input', id: 'in', params: { shape: [8] } },
    { type: 'Dense', id: 'd1', name: 'd1', params: { units: 8 } },
    { type: 'Dense', id: 'd2', name: 'd2', params: { units: 8, activation: 'relu' } },
    { type: 'Add', id: 'add', name: 'add', from: ['d1', 'd2'] },
    { type: 'Dense', id: 'out', name: 'out', params: { units: 3 } },
  ]);

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`refused: ${(r as unknown as { reason: string }).reason}`);
  return r as Extract<T, { ok: true }>;
};

/** A graph as a comparable value: nodes without positions, edges per target in input order. */
function shape(g: Graph) {
  const nodes = [...g.nodes].map(({ position: _p, ...n }) => n).sort((a, b) => a.id.localeCompare(b.id));
  const inputs = Object.fromEntries(
    g.nodes.map((n) => [n.id, g.edges.filter((e) => e.target === n.id).map((e) => `${e.id}:${e.source}`)]),
  );
  return { nodes, inputs, blocks: g.blocks };
}

describe('make block and expand', () => {
  it('collapses a selection into one block node and expands back to the same graph', () => {
    const g = residualGraph();
    const made = ok(makeBlock(g, ['d2', 'add'], 'Residual'));
    const block = made.graph.nodes.find((n) => n.type === 'Block')!;
    expect(made.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Dense', 'Dense', 'Block']);
    expect(made.graph.edges.filter((e) => e.target === block.id).map((e) => e.source)).toEqual(['d1']);
    expect(made.graph.edges.find((e) => e.target === 'out')!.source).toBe(block.id);
    expect(block.name).toBe('residual');
    // Analysis reads the block as its layers: same totals, the block's shape is its output's.
    const before = analyzeGraph(g);
    const after = analyzeGraph(made.graph);
    expect(after.errors).toEqual([]);
    expect(after.totals).toEqual(before.totals);
    expect(after.shapes.get(block.id)).toEqual(before.shapes.get('add'));
    expect(after.counts.get(block.id)!.total).toBe(before.counts.get('d2')!.total);

    const back = ok(expandBlock(made.graph, block.id));
    expect(shape(back.graph)).toEqual(shape(g));
    expect(back.ids.sort()).toEqual(['add', 'd2']);
  });

  it('flattens to the original layer names, so a collapsed model keeps its weights', () => {
    const g = residualGraph();
    const made = ok(makeBlock(g, ['d1', 'd2', 'add']));
    const flat = flattenGraph(made.graph).graph;
    expect(flat.nodes.map((n) => n.name).sort()).toEqual(g.nodes.map((n) => n.name).sort());
    // The Add's inputs stay in order: d1 first, then d2.
    const add = flat.nodes.find((n) => n.name === 'add')!;
    const sources = flat.edges
      .filter((e) => e.target === add.id)
      .map((e) => flat.nodes.find((n) => n.id === e.source)!.name);
    expect(sources).toEqual(['d1', 'd2']);
  });

  it('refuses selections that cannot be one block, saying why', () => {
    const g = residualGraph();
    expect(makeBlock(g, [])).toEqual({ ok: false, reason: expect.stringMatching(/^Nothing is selected/) });
    expect(makeBlock(g, ['in', 'd1'])).toEqual({
      ok: false,
      reason: expect.stringMatching(/Input layers stay outside blocks.*'input'/),
    });
    // d1 feeds both d2 and add: with only d1 and d2 selected, two layers send output out.
    expect(makeBlock(g, ['d1', 'd2'])).toEqual({
      ok: false,
      reason: expect.stringMatching(/A block has one output, but 2 selected layers \('d1', 'd2'\)/),
    });
    // d2 sits between d1 and add.
    expect(makeBlock(g, ['d1', 'add'])).toEqual({
      ok: false,
      reason: expect.stringMatching(/'d2' is not selected but sits between/),
    });
    const made = ok(makeBlock(g, ['d2', 'add']));
    expect(makeBlock(made.graph, [made.ids[0]!, 'out'])).toEqual({
      ok: false,
      reason: expect.stringMatching(/cannot be nested/),
    });
  });
});

describe('linked and copied instances', () => {
  const twoBlocks = (linked: boolean) => {
    const made = ok(makeBlock(residualGraph(), ['d2', 'add']));
    const first = made.ids[0]!;
    const second = ok(reuseBlock(made.graph, first, linked));
    const wired = ok(connect(second.graph, 'd1', second.ids[0]!));
    return { graph: wired.graph, first, second: second.ids[0]! };
  };
  const unitsOf = (g: Graph, blockId: string) =>
    flattenGraph(g)
      .graph.nodes.filter((n) => n.id.startsWith(`${blockId}/`) && n.type === 'Dense')
      .map((n) => n.params.units);

  it('an edit of a linked definition changes every instance; a copy stays as it was', () => {
    for (const linked of [true, false]) {
      const { graph, first, second } = twoBlocks(linked);
      const key = blockKey(graph.nodes.find((n) => n.id === first)!)!;
      const edited = setBlockLayerParams(graph, key, 'd2', { units: 5 });
      expect(unitsOf(edited, first)).toEqual([5]);
      expect(unitsOf(edited, second)).toEqual(linked ? [5] : [8]);
    }
  });

  it('gives each instance its own unique, Keras-valid layer names', () => {
    const { graph, first, second } = twoBlocks(true);
    const wired = { graph };
    const flat = flattenGraph(wired.graph).graph;
    const names = flat.nodes.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(LAYER_NAME);
    expect(names).toContain('d2'); // the first instance keeps the names it was made from
    const secondName = wired.graph.nodes.find((n) => n.id === second)!.name;
    expect(names).toContain(`${secondName}_d2`);
    expect(analyzeGraph(wired.graph).errors).toEqual([]);
    expect(first).not.toBe(second);
  });

  it('expanding an instance names its layers as flattening did, so its weights still match', () => {
    const { graph, second } = twoBlocks(true);
    const flatNames = flattenGraph(graph)
      .graph.nodes.filter((n) => n.id.startsWith(`${second}/`))
      .map((n) => n.name)
      .sort();
    const expanded = ok(expandBlock(graph, second));
    const names = expanded.graph.nodes.filter((n) => expanded.ids.includes(n.id)).map((n) => n.name);
    expect(names.sort()).toEqual(flatNames);
    expect(
      flattenGraph(expanded.graph)
        .graph.nodes.map((n) => n.name)
        .sort(),
    ).toEqual(
      flattenGraph(graph)
        .graph.nodes.map((n) => n.name)
        .sort(),
    );
    // The first instance still uses the definition, so it stays.
    expect(Object.keys(expanded.graph.blocks!)).toHaveLength(1);
  });

  it('unlinking gives an instance its own definition; pasting a block makes a linked one', () => {
    const { graph, first, second } = twoBlocks(true);
    const unlinked = ok(unlinkBlock(graph, second));
    const key = (g: Graph, id: string) => blockKey(g.nodes.find((n) => n.id === id)!);
    expect(key(unlinked.graph, second)).not.toBe(key(unlinked.graph, first));
    const node = graph.nodes.find((n) => n.id === first)!;
    const pasted = pasteNodes(graph, [node], [], { x: 40, y: 40 });
    const copy = pasted.graph.nodes.find((n) => n.id === pasted.ids[0])!;
    expect(blockKey(copy)).toBe(key(graph, first));
    expect(copy.blockNames).toBeUndefined();
    expect(pasted.graph.blocks).toBe(graph.blocks);
  });

  it('deleting the last instance drops its definition; another instance keeps it', () => {
    const { graph, first, second } = twoBlocks(false);
    expect(Object.keys(removeElements(graph, [first]).blocks!)).toHaveLength(1);
    expect(removeElements(graph, [first, second]).blocks).toBeUndefined();
  });
});

describe('ready blocks and broken blocks', () => {
  it('builds the Transformer blocks with the requested sizes, the decoder causal', () => {
    for (const ready of READY_BLOCKS) {
      const def = ready.build({ ...DEFAULT_TRANSFORMER_SIZES, heads: 4, ff: 128, dim: 24 });
      const mha = def.graph.nodes.find((n) => n.type === 'MultiHeadAttention')!;
      expect(mha.params).toMatchObject({
        num_heads: 4,
        key_dim: 16,
        use_causal_mask: ready.id === 'transformer-decoder',
      });
      expect(def.graph.nodes.filter((n) => n.type === 'Dense').map((n) => n.params.units)).toEqual([128, 24]);
      const g = ok(
        addBlock(buildGraph([{ type: 'Input', id: 'in', params: { shape: [10, 24] } }]), def, { x: 0, y: 140 }),
      );
      const wired = ok(connect(g.graph, 'in', g.ids[0]!));
      const analysis = analyzeGraph(wired.graph);
      expect(analysis.errors).toEqual([]);
      expect(analysis.shapes.get(g.ids[0]!)).toEqual([null, 10, 24]);
    }
  });

  it('pins a missing definition or a wrong number of inputs to the block node', () => {
    const made = ok(makeBlock(residualGraph(), ['d2', 'add']));
    const block = made.ids[0]!;
    const unfed = removeElements(
      made.graph,
      [],
      made.graph.edges.filter((e) => e.target === block).map((e) => e.id),
    );
    expect(analyzeGraph(unfed).errors).toContainEqual({
      nodeId: block,
      message: expect.stringMatching(/takes one input but 0 are connected/),
    });
    const { blocks: _gone, ...orphan } = made.graph;
    expect(analyzeGraph(orphan).errors).toContainEqual({
      nodeId: block,
      message: expect.stringMatching(/block definition .* the project does not have/),
    });
  });
});

describe('frozen blocks', () => {
  it('freezing a block node freezes its layers in the flattened graph and on expand', () => {
    const made = ok(makeBlock(residualGraph(), ['d2', 'add']));
    const id = made.ids[0]!;
    const frozen = setTrainable(made.graph, [id], false);
    const flat = flattenGraph(frozen).graph.nodes.filter((n) => n.id.startsWith(`${id}/`));
    expect(flat.map((n) => n.params.trainable)).toEqual([false, false]);
    expect(analyzeGraph(frozen).totals.nonTrainable).toBe(8 * 8 + 8);
    const expanded = ok(expandBlock(frozen, id));
    expect(expanded.graph.nodes.filter((n) => expanded.ids.includes(n.id)).map((n) => n.params.trainable)).toEqual([
      false,
      false,
    ]);
  });
});
