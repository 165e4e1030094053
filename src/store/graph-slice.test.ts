import { describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { moveNodes, setParams } from '../model/graph-ops';
import { createAppStore } from './index';

const start = () => {
  const store = createAppStore();
  store.getState().resetGraph(buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', params: { units: 8 } }]));
  return store;
};

describe('graph history', () => {
  it('undoes and redoes a recorded edit, with analysis kept in step', () => {
    const store = start();
    const s = store.getState();
    s.setGraph(setParams(s.graph, 'n2', { units: 16 }));
    expect(store.getState().analysis.totals.total).toBe(4 * 16 + 16);
    store.getState().undo();
    expect(store.getState().analysis.totals.total).toBe(4 * 8 + 8);
    store.getState().redo();
    expect(store.getState().analysis.totals.total).toBe(80);
  });

  it('records a whole gesture as one undo step', () => {
    const store = start();
    const before = store.getState().graph;
    store.getState().beginGesture();
    for (let x = 1; x <= 50; x++) {
      store.getState().setGraph(moveNodes(store.getState().graph, new Map([['n2', { x, y: 0 }]])), 'transient');
    }
    store.getState().endGesture();
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph).toBe(before);
  });

  it('a new edit clears redo', () => {
    const store = start();
    store.getState().setGraph(setParams(store.getState().graph, 'n2', { units: 2 }));
    store.getState().undo();
    store.getState().setGraph(setParams(store.getState().graph, 'n2', { units: 3 }));
    expect(store.getState().future).toHaveLength(0);
  });
});
