import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { Graph } from './graph';
import { fitTemplate, type DataFacts, type InputFacts } from './template-fit';

const id = (name: string, vocabulary: number): InputFacts => ({
  name,
  shape: [1],
  dtype: 'int32',
  role: 'id',
  columns: [name],
  vocabulary,
});
const features = (k: number): InputFacts => ({ name: 'features', shape: [k], dtype: 'float32', role: 'features' });
const text = (name: string, length: number, vocabulary: number): InputFacts => ({
  name,
  shape: [length],
  dtype: 'int32',
  role: 'text',
  columns: [name],
  vocabulary,
});
const mixed = (inputs: InputFacts[], task: DataFacts['task'] = 'binary', classes = 2): DataFacts => ({
  kind: 'tabular',
  task,
  inputShape: [inputs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0)],
  classes,
  inputs,
});

const node = (graph: Graph, name: string) => graph.nodes.find((n) => n.name === name)!;
/** The layer an Input feeds directly. */
const after = (graph: Graph, name: string) =>
  graph.nodes.find((n) => n.id === graph.edges.find((e) => e.source === node(graph, name).id)!.target)!;
const inputNames = (graph: Graph) => graph.nodes.filter((n) => n.type === 'Input').map((n) => n.name);

describe('fitTemplate with several Inputs', () => {
  it('names the recommendation Inputs after the id parts and sizes each Embedding to its ids', () => {
    const graph = fitTemplate('recommendation', mixed([id('user_id', 41), id('item_id', 31)]));
    expect(inputNames(graph)).toEqual(['user_id', 'item_id']);
    expect(node(graph, 'user_id').params).toMatchObject({ shape: [1], dtype: 'int32' });
    expect(after(graph, 'user_id').params.input_dim).toBe(41);
    expect(after(graph, 'item_id').params.input_dim).toBe(31);
    expect(analyzeGraph(graph).errors).toEqual([]);
  });

  it('frees a part name a template layer holds: parts named item and user, in the other order', () => {
    const graph = fitTemplate('recommendation', mixed([id('item', 5), id('user', 9)]));
    expect(inputNames(graph)).toEqual(['item', 'user']);
    expect(after(graph, 'user').params.input_dim).toBe(9);
    expect(new Set(graph.nodes.map((n) => n.name)).size).toBe(graph.nodes.length);
  });

  it('joins a part the template has no Input for to its Concatenate', () => {
    const graph = fitTemplate('recommendation', mixed([id('user_id', 10), features(3), id('item_id', 7)]));
    expect(inputNames(graph).sort()).toEqual(['features', 'item_id', 'user_id']);
    expect(after(graph, 'features').type).toBe('Concatenate');
    const a = analyzeGraph(graph);
    expect(a.errors).toEqual([]);
    const concat = graph.nodes.find((n) => n.type === 'Concatenate')!;
    // 16 + 16 from the embeddings, 3 features.
    expect(a.shapes.get(concat.id)).toEqual([null, 35]);
  });

  it('sizes text + table: the text Input to the sequence and vocabulary, the features to their count, the output to the classes', () => {
    const graph = fitTemplate('text-table', mixed([text('review', 20, 500), features(3)], 'multiclass', 3));
    expect(node(graph, 'review').params).toMatchObject({ shape: [20], dtype: 'int32' });
    expect(after(graph, 'review').params.input_dim).toBe(500);
    expect(node(graph, 'features').params).toMatchObject({ shape: [3], dtype: 'float32' });
    const a = analyzeGraph(graph);
    expect(a.errors).toEqual([]);
    expect(graph.nodes.find((n) => n.id === a.outputs[0])!.params).toMatchObject({ units: 3, activation: 'softmax' });
  });

  it('refuses recommendation without two id parts, naming the flag that makes them', () => {
    expect(() => fitTemplate('recommendation', mixed([id('user_id', 10), features(2)]))).toThrow(
      /takes 2 Inputs, id \(user\), id \(item\).*id part 'user_id' \(user_id\), features part 'features'.*'item' as id columns.*--id-columns/,
    );
  });

  it('refuses a one-Input template for data of several parts, and a template of several Inputs for a plain table', () => {
    expect(() => fitTemplate('mlp-binary', mixed([id('user_id', 10), id('item_id', 9)]))).toThrow(
      /text or id columns feed Inputs of their own.*templates for it: recommendation, text-table/,
    );
    expect(() =>
      fitTemplate('recommendation', { kind: 'tabular', task: 'binary', inputShape: [4], classes: 2 }),
    ).toThrow(/for a table whose text or id columns/);
  });
});
