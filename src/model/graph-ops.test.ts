import { describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { addNode, appendAfter, connect, connectionProblem, pasteNodes, removeElements, renameNode, setTrainable, upstreamOf } from './graph-ops';

const chain = () =>
  buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', name: 'a' }, { type: 'Dense', name: 'b' }]);

describe('graph edits', () => {
  it('freezes and unfreezes layers, leaving Inputs alone and the graph untouched when nothing changes', () => {
    const g = chain();
    const frozen = setTrainable(g, ['n1', 'n2'], false);
    expect(frozen.nodes.map((n) => n.params.trainable)).toEqual([true, false, true]);
    expect(frozen.nodes[2]).toBe(g.nodes[2]);
    expect(setTrainable(frozen, ['n2'], false)).toBe(frozen);
    expect(setTrainable(frozen, ['n2'], true).nodes.map((n) => n.params.trainable)).toEqual([true, true, true]);
  });

  it('finds every layer upstream of one, through merges', () => {
    const g = buildGraph([
      { type: 'Input', id: 'a', params: { shape: [4] } },
      { type: 'Input', id: 'b', params: { shape: [4] } },
      { type: 'Dense', id: 'da', from: ['a'] },
      { type: 'Concatenate', id: 'cat', from: ['da', 'b'] },
      { type: 'Dense', id: 'out' },
    ]);
    expect([...upstreamOf(g, 'out')].sort()).toEqual(['a', 'b', 'cat', 'da']);
    expect([...upstreamOf(g, 'da')]).toEqual(['a']);
    expect(upstreamOf(g, 'a').size).toBe(0);
  });

  it('refuses a connection that closes a cycle, with a reason', () => {
    const r = connect(chain(), 'n3', 'n2');
    expect(r.ok).toBe(false);
    expect(r.ok || r.reason).toMatch(/would create a cycle/);
    const g = removeElements(chain(), [], ['e1']);
    expect(connectionProblem(g, 'n3', 'n2')).toMatch(/would create a cycle/);
  });

  it('refuses a second input into a single-input layer and any input into an Input', () => {
    const { graph, id } = addNode(chain(), 'Input', { x: 0, y: 200 }, { shape: [4] });
    expect(connectionProblem(graph, id, 'n2')).toMatch(/takes one input and already has one/);
    expect(connectionProblem(graph, 'n2', id)).toMatch(/is an Input/);
  });

  it('gives new layers unique Keras-style names', () => {
    const { graph, id } = addNode(chain(), 'Dense', { x: 0, y: 0 });
    expect(graph.nodes.find((n) => n.id === id)?.name).toBe('dense');
    const again = addNode(graph, 'Dense', { x: 0, y: 0 });
    expect(again.graph.nodes.find((n) => n.id === again.id)?.name).toBe('dense_1');
  });

  it('renames only to a valid, free name', () => {
    expect(renameNode(chain(), 'n2', 'b').ok).toBe(false);
    expect(renameNode(chain(), 'n2', 'has space').ok).toBe(false);
    const r = renameNode(chain(), 'n2', 'hidden');
    expect(r.ok && r.graph.nodes[1]!.name).toBe('hidden');
  });

  it('pastes copies with fresh ids, names and the edges among them', () => {
    const g = chain();
    const { graph, ids } = pasteNodes(g, g.nodes.slice(1), g.edges, { x: 40, y: 40 });
    expect(ids).toHaveLength(2);
    expect(graph.nodes.map((n) => n.name)).toEqual(['input', 'a', 'b', 'a_1', 'b_1']);
    expect(graph.edges).toHaveLength(3);
    expect(graph.edges[2]).toMatchObject({ source: ids[0], target: ids[1] });
  });

  it('appends after the selected node and connects it', () => {
    const { graph, id } = appendAfter(chain(), 'Dense', 'n3');
    expect(graph.edges.at(-1)).toMatchObject({ source: 'n3', target: id });
    expect(graph.nodes.at(-1)!.position).toEqual({ x: graph.nodes[2]!.position.x, y: graph.nodes[2]!.position.y + 140 });
  });

  it('removing a node removes its edges', () => {
    const g = removeElements(chain(), ['n2']);
    expect(g.nodes).toHaveLength(2);
    expect(g.edges).toHaveLength(0);
  });
});
