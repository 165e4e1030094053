import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { buildGraph } from './build';
import type { Graph } from './graph';

const messages = (g: Graph) => analyzeGraph(g).errors.map((e) => e.message);

const mlp = () =>
  buildGraph([
    { type: 'Input', params: { shape: [4] } },
    { type: 'Dense', params: { units: 8 } },
    { type: 'Dense', params: { units: 3, activation: 'softmax' } },
  ]);

describe('analyzeGraph', () => {
  it('infers shapes and counts for a valid chain', () => {
    const a = analyzeGraph(mlp());
    expect(a.errors).toEqual([]);
    expect(a.shapes.get('n3')).toEqual([null, 3]);
    expect(a.totals).toEqual({ total: 4 * 8 + 8 + 8 * 3 + 3, trainable: 67, nonTrainable: 0 });
    expect(a.inputs).toEqual(['n1']);
    expect(a.outputs).toEqual(['n3']);
  });

  it('reports the seed CNN as 693,962 params', () => {
    const g = buildGraph([
      { type: 'Input', params: { shape: [28, 28, 1] } },
      { type: 'Conv2D', params: { filters: 32, kernel_size: [3, 3], activation: 'relu' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      { type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ]);
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([]);
    expect(a.shapes.get('n2')).toEqual([null, 26, 26, 32]);
    expect(a.totals.total).toBe(693962);
  });

  it('splits frozen layers from running statistics in the non-trainable total', () => {
    const g = buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Dense', params: { units: 8, trainable: false } },
      { type: 'BatchNormalization' },
      { type: 'BatchNormalization', params: { trainable: false } },
      { type: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([]);
    const frozenDense = 4 * 8 + 8;
    const norm = { trainable: 2 * 8, statistics: 2 * 8 }; // gamma + beta; moving mean + variance
    const head = 8 * 3 + 3;
    expect(a.frozen).toEqual(['n2', 'n4']);
    expect(a.frozenParams).toBe(frozenDense + norm.trainable + norm.statistics);
    expect(a.totals).toEqual({
      total: frozenDense + 2 * (norm.trainable + norm.statistics) + head,
      trainable: norm.trainable + head,
      nonTrainable: frozenDense + norm.statistics + norm.trainable + norm.statistics,
    });
    // What is neither trainable nor frozen is the unfrozen BatchNormalization's statistics.
    expect(a.totals.nonTrainable - a.frozenParams).toBe(norm.statistics);
  });

  it('finds cycles and names the layers on them', () => {
    const g = mlp();
    const cyclic = { ...g, edges: [...g.edges, { id: 'back', source: 'n3', target: 'n2' }] };
    const errs = analyzeGraph(cyclic).errors;
    expect(errs.some((e) => e.nodeId === 'n2' && /form a cycle/.test(e.message) && e.message.includes("'dense_1'"))).toBe(true);
  });

  it('needs an Input and an output', () => {
    const onlyDense = buildGraph([{ type: 'Dense' }]);
    expect(messages(onlyDense).join('\n')).toMatch(/no Input layer/);
    const lonelyInput = buildGraph([{ type: 'Input', params: { shape: [3] } }]);
    expect(messages(lonelyInput).join('\n')).toMatch(/no output layer/);
    expect(messages(lonelyInput).join('\n')).toMatch(/Input 'input' is not connected/);
  });

  it('reports a dangling layer', () => {
    const g = mlp();
    const extra = buildGraph([{ type: 'Dense', name: 'orphan', id: 'x1' }]).nodes[0]!;
    expect(messages({ ...g, nodes: [...g.nodes, extra] })).toContain("Dense 'orphan' has no input; connect a layer to it or delete it");
  });

  it('refuses two edges into a single-input layer', () => {
    const g = buildGraph([
      { type: 'Input', params: { shape: [4] }, id: 'a' },
      { type: 'Input', params: { shape: [4] }, id: 'b' },
      { type: 'Dense', id: 'd', from: ['a', 'b'] },
    ]);
    const errs = analyzeGraph(g).errors;
    expect(errs.find((e) => e.nodeId === 'd')?.message).toMatch(/takes one input but 2 are connected; .*Concatenate or Add/);
  });

  it('flags params out of range without crashing shape inference', () => {
    const g = mlp();
    const bad = { ...g, nodes: g.nodes.map((n) => (n.id === 'n2' ? { ...n, params: { ...n.params, units: -5 } } : n)) };
    const errs = analyzeGraph(bad).errors;
    expect(errs).toEqual([{ nodeId: 'n2', param: 'units', message: "Dense 'dense': Units must be at least 1" }]);
    const frac = { ...g, nodes: g.nodes.map((n) => (n.id === 'n2' ? { ...n, params: { ...n.params, units: 2.5 } } : n)) };
    expect(messages(frac)).toContain("Dense 'dense': Units must be a whole number, not 2.5");
  });

  it('requires unique, valid names', () => {
    const g = mlp();
    const dup = { ...g, nodes: g.nodes.map((n) => (n.id === 'n3' ? { ...n, name: 'dense' } : n)) };
    expect(messages(dup).join('\n')).toMatch(/same name as another layer/);
    const bad = { ...g, nodes: g.nodes.map((n) => (n.id === 'n3' ? { ...n, name: '9 lives' } : n)) };
    expect(messages(bad).join('\n')).toMatch(/invalid name/);
  });

  it('explains a Conv2D fed a flat tensor', () => {
    const g = buildGraph([{ type: 'Input', params: { shape: [64] } }, { type: 'Conv2D', name: 'conv1' }]);
    expect(messages(g)).toContain(
      "Conv2D 'conv1' needs a 4-D input [batch, height, width, channels] but receives [batch, 64]; add a Reshape before it or use Conv1D",
    );
  });

  it('explains a kernel larger than its input', () => {
    const g = buildGraph([{ type: 'Input', params: { shape: [3, 3, 1] } }, { type: 'Conv2D', params: { kernel_size: [5, 5] } }]);
    expect(messages(g).join('\n')).toMatch(/kernel 5×5 is larger than/);
  });

  it('explains RNN input of the wrong rank', () => {
    const g = buildGraph([{ type: 'Input', params: { shape: [10] } }, { type: 'LSTM', name: 'rnn' }]);
    expect(messages(g).join('\n')).toMatch(/LSTM 'rnn' needs a 3-D input \[batch, timesteps, features\]/);
  });

  it('explains merge shape mismatches', () => {
    const g = buildGraph([
      { type: 'Input', params: { shape: [4] }, id: 'a' },
      { type: 'Input', params: { shape: [5] }, id: 'b' },
      { type: 'Add', id: 'm', name: 'sum', from: ['a', 'b'] },
    ]);
    const err = analyzeGraph(g).errors.find((e) => e.nodeId === 'm');
    expect(err?.message).toMatch(/Add 'sum'.*\[batch, 4\].*\[batch, 5\]/);
  });
});
