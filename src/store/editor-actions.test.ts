import { describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { editorActions } from './editor-actions';
import { createAppStore } from './index';

function setup() {
  const store = createAppStore();
  store.getState().resetGraph(
    buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', name: 'hidden' }, { type: 'Dense', name: 'out' }]),
  );
  return { store, actions: editorActions(store) };
}

describe('editor actions', () => {
  it('refuses a bad connection with a visible notice and no history step', () => {
    const { store, actions } = setup();
    expect(actions.connectNodes('n3', 'n2')).toBe(false);
    expect(store.getState().notice?.kind).toBe('error');
    expect(store.getState().notice?.text).toMatch(/would create a cycle/);
    expect(store.getState().past).toHaveLength(0);
  });

  it('deletes selected nodes with their edges, and selected edges, in one undo step', () => {
    const { store, actions } = setup();
    store.getState().select(['n3']);
    store.getState().selectEdges(['e1']);
    actions.deleteSelection();
    expect(store.getState().graph.nodes.map((n) => n.name)).toEqual(['input', 'hidden']);
    expect(store.getState().graph.edges).toEqual([]);
    store.getState().undo();
    expect(store.getState().graph.edges).toHaveLength(2);
  });

  it('copy + paste twice lands each copy further along, selected', () => {
    const { store, actions } = setup();
    store.getState().select(['n2', 'n3']);
    actions.copySelection();
    actions.paste();
    actions.paste();
    const g = store.getState().graph;
    expect(g.nodes.map((n) => n.name)).toEqual(['input', 'hidden', 'out', 'hidden_1', 'out_1', 'hidden_2', 'out_2']);
    const x = (name: string) => g.nodes.find((n) => n.name === name)!.position.x;
    expect(x('hidden_2') - x('hidden_1')).toBe(40);
    expect(store.getState().selection).toHaveLength(2);
    expect(g.edges).toHaveLength(4);
  });

  it('a typed param is one undo step once the field is left', () => {
    const { store, actions } = setup();
    for (const v of [1, 12, 128]) actions.setParam('n2', 'units', v, 'transient');
    store.getState().endGesture();
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph.nodes[1]!.params.units).toBe(64);
  });

  it('renaming to a taken name is refused with the reason', () => {
    const { actions } = setup();
    expect(actions.rename('n2', 'out')).toMatch(/already named out/);
    expect(actions.rename('n2', 'features')).toBeNull();
  });

  it('freezing is one undo step, and a click that changes nothing records none', () => {
    const { store, actions } = setup();
    actions.setTrainable(['n2', 'n3'], false);
    expect(store.getState().analysis.frozen).toEqual(['n2', 'n3']);
    expect(store.getState().analysis.totals.trainable).toBe(0);
    expect(store.getState().past).toHaveLength(1);
    actions.setTrainable(['n2'], false);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().analysis.frozen).toEqual([]);
  });

  it('"freeze all before" freezes every upstream layer in one step and says how many', () => {
    const { store, actions } = setup();
    expect(actions.freezeBefore('n3')).toBe(1);
    expect(store.getState().graph.nodes.map((n) => n.params.trainable)).toEqual([true, false, true]);
    expect(store.getState().notice?.text).toMatch(/Froze 1 layer before this one/);
    expect(store.getState().past).toHaveLength(1);
    expect(actions.freezeBefore('n3')).toBe(0);
    expect(store.getState().past).toHaveLength(1);
  });

  it('a template with weights makes them the starting weights; one without clears them', () => {
    const { store, actions } = setup();
    const weights = { hidden: [{ name: 'kernel', shape: [4, 64], values: new Float32Array(256) }] };
    actions.loadTemplate(store.getState().graph, 'Transfer learning', weights, 'Fashion-MNIST backbone');
    expect(store.getState().initialWeights).toBe(weights);
    expect(store.getState().initialWeightsLabel).toBe('Fashion-MNIST backbone');
    expect(store.getState().notice?.text).toMatch(/with pretrained weights/);
    expect(store.getState().past).toHaveLength(0);
    actions.loadTemplate(store.getState().graph, 'MLP', null);
    expect(store.getState().initialWeights).toBeNull();
  });
});
