import { describe, expect, it } from 'vitest';
import { blockKey } from '../model/blocks';
import { buildGraph } from '../model/build';
import { editorActions } from './editor-actions';
import { createAppStore } from './index';

function setup() {
  const store = createAppStore();
  store.getState().resetGraph(
    buildGraph([
      { type: 'Input', id: 'in', params: { shape: [6, 8] } },
      { type: 'Dense', id: 'a', name: 'a', params: { units: 8 } },
      { type: 'Dense', id: 'b', name: 'b', params: { units: 8 } },
      { type: 'Dense', id: 'out', name: 'out', params: { units: 2 } },
    ]),
  );
  return { store, actions: editorActions(store), st: () => store.getState() };
}

const types = (g: { nodes: readonly { type: string }[] }) => g.nodes.map((n) => n.type);

describe('block actions', () => {
  it('make block, expand, reuse and unlink are one undo step each, and redo brings each back', () => {
    const { actions, st } = setup();
    const original = st().graph;
    st().select(['a', 'b']);
    expect(actions.makeBlock('pair')).toBe(true);
    const made = st().graph;
    expect(types(made)).toEqual(['Input', 'Dense', 'Block']);
    const block = st().selection[0]!;
    expect(actions.reuseBlock(block, true)).toBe(true);
    const reused = st().graph;
    expect(types(reused)).toEqual(['Input', 'Dense', 'Block', 'Block']);
    expect(actions.unlinkBlock(st().selection[0]!)).toBe(true);
    const unlinked = st().graph;
    expect(Object.keys(unlinked.blocks!)).toHaveLength(2);
    expect(actions.expandBlock(block)).toBe(true);
    const expanded = st().graph;
    expect(types(expanded)).toEqual(['Input', 'Dense', 'Block', 'Dense', 'Dense']);

    for (const before of [unlinked, reused, made, original]) {
      st().undo();
      expect(st().graph).toBe(before);
    }
    for (const after of [made, reused, unlinked, expanded]) {
      st().redo();
      expect(st().graph).toBe(after);
    }
  });

  it('an edit of a linked definition is one step, and the analysis follows it', () => {
    const { actions, st } = setup();
    st().select(['a']);
    actions.makeBlock();
    const first = st().selection[0]!;
    const key = blockKey(st().graph.nodes.find((n) => n.id === first)!)!;
    const before = st().analysis.totals.total;
    actions.setBlockLayerParam(key, 'a', 'units', 4);
    expect(st().analysis.counts.get(first)!.total).toBe(8 * 4 + 4);
    expect(st().analysis.totals.total).not.toBe(before);
    st().undo();
    expect(st().analysis.totals.total).toBe(before);
  });

  it('refuses with a notice and no history step when nothing is selected', () => {
    const { actions, st } = setup();
    st().select([]);
    expect(actions.makeBlock()).toBe(false);
    expect(st().notice).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/^Cannot make a block: Nothing is selected/),
    });
    expect(actions.expandBlock()).toBe(false);
    expect(st().notice?.text).toMatch(/select one block node first/);
    expect(st().past).toHaveLength(0);
  });

  it('inserts a ready block after the selected layer, as wide as its output', () => {
    const { actions, st } = setup();
    st().select(['a']);
    expect(actions.insertReadyBlock('transformer-encoder', { ff: 32 })).toBe(true);
    const id = st().selection[0]!;
    const node = st().graph.nodes.find((n) => n.id === id)!;
    const def = st().graph.blocks![blockKey(node)!]!;
    expect(def.graph.nodes.filter((n) => n.type === 'Dense').map((n) => n.params.units)).toEqual([32, 8]);
    expect(st().graph.edges.some((e) => e.source === 'a' && e.target === id)).toBe(true);
    expect(st().past).toHaveLength(1);
  });
});
