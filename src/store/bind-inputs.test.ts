import { describe, expect, it } from 'vitest';
import type { InputPart, PreparedDataset } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import { buildGraph } from '../model/build';
import { templateGraph } from '../model/templates';
import {
  bindDataset,
  bindingProblemsFor,
  inputMismatch,
  inputsFixable,
  inputsMismatch,
  matchInputsToData,
} from './bind-dataset';
import { createStarterModel } from './starter-model';
import { fitInputsToParts, inputsProblems, matchInputs } from './bind-inputs';
import { createAppStore } from './index';

const idPart = (name: string, vocabulary: number): InputPart => ({
  name,
  shape: [1],
  dtype: 'int32',
  role: 'id',
  columns: [name],
  vocabulary,
});
const textPart: InputPart = {
  name: 'review',
  shape: [20],
  dtype: 'int32',
  role: 'text',
  columns: ['review'],
  vocabulary: 300,
};
const featuresPart: InputPart = {
  name: 'features',
  shape: [3],
  dtype: 'float32',
  role: 'features',
  columns: ['price', 'size', 'age'],
};

function mixed(inputs: InputPart[], task: PreparedDataset['task'] = 'binary'): PreparedDataset {
  const width = inputs.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return {
    id: 'm',
    name: 'm',
    kind: 'tabular',
    task,
    inputShape: [width],
    classNames: task === 'binary' ? ['no', 'yes'] : null,
    train: empty,
    validation: empty,
    test: empty,
    transform: null,
    inputs,
  };
}

const ratings = () => mixed([idPart('user_id', 944), idPart('item_id', 1683)]);
const inputsOf = (g: ReturnType<typeof buildGraph>) => g.nodes.filter((n) => n.type === 'Input');

describe('binding a dataset with several parts', () => {
  it('says which parts the data has and which Inputs the model has', () => {
    const problems = inputsProblems(templateGraph('recommendation'), ratings().inputs!);
    expect(problems[0]!.message).toBe(
      "The data has 2 inputs, user_id [1] int32 and item_id [1] int32; the model's Inputs are user and item. Each part feeds the Input of its name: press Fix to rename, reshape or add Inputs.",
    );
  });

  it('matches Inputs by name, then by role in order', () => {
    const graph = templateGraph('recommendation');
    const match = matchInputs(graph, [featuresPart, idPart('user_id', 5), idPart('item_id', 5)]);
    expect([...match.values()].map((n) => n?.name ?? null)).toEqual([null, 'user', 'item']);
    const named = matchInputs(graph, [idPart('item', 5), idPart('user', 5)]);
    expect([...named.values()].map((n) => n?.name)).toEqual(['item', 'user']);
    // An Input taken by its name is not offered to another part.
    const taken = matchInputs(graph, [idPart('new_id', 5), idPart('user', 5)]);
    expect([...taken.values()].map((n) => n?.name)).toEqual(['item', 'user']);
  });

  it('Fix renames the recommendation Inputs and sizes their embeddings in one undo step', () => {
    const store = createAppStore();
    store.getState().resetGraph(templateGraph('recommendation'));
    const data = ratings();
    store.getState().setDataset(data);
    bindDataset(store, data);
    expect(store.getState().graph.nodes.find((n) => n.name === 'user')).toBeDefined();
    expect(inputsMismatch(store.getState().graph, data)).toBe(true);
    expect(inputMismatch(store.getState().graph, data)).toBe(false);

    expect(matchInputsToData(store)).toBe(true);
    const g = store.getState().graph;
    expect(inputsOf(g).map((n) => n.name)).toEqual(['user_id', 'item_id']);
    expect(g.nodes.find((n) => n.name === 'user_embedding')!.params.input_dim).toBe(1000);
    expect(g.nodes.find((n) => n.name === 'item_embedding')!.params.input_dim).toBe(1683);
    expect(store.getState().bindingProblems).toEqual([]);
    expect(store.getState().dataPage.bindingNotice).toContain('Input user is now user_id');
    expect(matchInputsToData(store)).toBe(false);

    store.getState().undo();
    expect(inputsOf(store.getState().graph).map((n) => n.name)).toEqual(['user', 'item']);
  });

  it('pins an embedding smaller than its part’s vocabulary', () => {
    const graph = fitInputsToParts(templateGraph('recommendation'), [
      idPart('user_id', 10),
      idPart('item_id', 10),
    ]).graph;
    const problems = inputsProblems(graph, [idPart('user_id', 10), idPart('item_id', 5000)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.nodeId).toBe(graph.nodes.find((n) => n.name === 'item_embedding')!.id);
    expect(problems[0]!.message).toBe('its input_dim is 1000, below the 5000 ids of item_id. Size it to the data.');
  });

  it('reshapes an Input whose name matches but whose shape does not', () => {
    const graph = fitInputsToParts(templateGraph('recommendation'), [
      idPart('user_id', 10),
      idPart('item_id', 10),
    ]).graph;
    const text = { ...textPart, name: 'item_id' };
    const problems = inputsProblems(graph, [idPart('user_id', 10), text]);
    expect(problems.map((p) => p.message)).toContainEqual(
      "The data's part item_id [20] int32 (text from review) feeds this Input, which expects item_id [1] int32.",
    );
  });

  it('adds a missing Input with its own branch and joins it into the Concatenate', () => {
    const parts = [idPart('user_id', 50), idPart('item_id', 60), featuresPart];
    const { graph, changes } = fitInputsToParts(templateGraph('recommendation'), parts);
    expect(changes).toContain('added Input features [3] float32');
    expect(
      inputsOf(graph)
        .map((n) => n.name)
        .sort(),
    ).toEqual(['features', 'item_id', 'user_id']);
    expect(analyzeGraph(graph).errors).toEqual([]);
    expect(inputsProblems(graph, parts)).toEqual([]);
  });

  it('turns a one-Input MLP into a two-Input model joined by a Concatenate', () => {
    const mlp = buildGraph([
      { type: 'Input', params: { shape: [10] } },
      { type: 'Dense', params: { units: 8, activation: 'relu' } },
      { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ]);
    const parts = [textPart, featuresPart];
    const { graph } = fitInputsToParts(mlp, parts);
    expect(analyzeGraph(graph).errors).toEqual([]);
    expect(inputsProblems(graph, parts)).toEqual([]);
    expect(graph.nodes.filter((n) => n.type === 'Concatenate')).toHaveLength(1);
    expect(graph.nodes.find((n) => n.name === 'features')!.params.shape).toEqual([3]);
  });

  it('binds what it can and leaves an Input no part is left for to the user', () => {
    const one = mixed([idPart('user_id', 10), featuresPart]);
    const threeInputs = fitInputsToParts(templateGraph('recommendation'), [
      idPart('a', 5),
      idPart('b', 5),
      featuresPart,
    ]).graph;
    const oneLeft = mixed([idPart('user_id', 10)]);
    expect(inputsProblems(threeInputs, oneLeft.inputs!)[0]!.message).toBe(
      "The data has 1 input, user_id [1] int32; the model's Inputs are a, b and features. No part is left for b and features: delete them and the layers only they feed, and press Fix for the rest.",
    );
    expect(inputsFixable(threeInputs, oneLeft)).toBe(true);
    const fixed = fitInputsToParts(threeInputs, oneLeft.inputs!).graph;
    expect(inputsOf(fixed).map((n) => n.name)).toEqual(['user_id', 'b', 'features']);
    expect(inputsProblems(fixed, oneLeft.inputs!)[0]!.message).toContain(
      'No part is left for b and features: delete them and the layers only they feed.',
    );
    expect(inputsFixable(fixed, oneLeft)).toBe(false);
    expect(inputsFixable(fitInputsToParts(fixed, one.inputs!).graph, one)).toBe(false);
  });

  it('flags a model with two Inputs for data that feeds one', () => {
    const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
    const table: PreparedDataset = { ...mixed([]), inputs: undefined, inputShape: [4], train: empty };
    const problems = bindingProblemsFor(templateGraph('recommendation'), table);
    expect(problems[0]!.message).toContain('The model has 2 Inputs (user, item); this data feeds one, of shape [4]');
  });

  it('starts a two-id dataset from the recommendation template and mixed data from one branch per part', () => {
    const store = createAppStore();
    store.getState().setDataset(ratings());
    expect(createStarterModel(store)).toBe(
      "Made the “Recommendation (two embeddings)” template, sized to the data's user_id [1] int32, item_id [1] int32.",
    );
    expect(store.getState().bindingProblems).toEqual([]);
    expect(analyzeGraph(store.getState().graph).errors).toEqual([]);

    const reviews = mixed([textPart, featuresPart], 'regression');
    store.getState().setDataset(reviews);
    expect(createStarterModel(store)).toContain('Made the “Text + table (two Inputs)” template, sized to the data');
    expect(bindingProblemsFor(store.getState().graph, reviews)).toEqual([]);

    const three = mixed([idPart('user_id', 9), textPart, featuresPart], 'regression');
    store.getState().setDataset(three);
    expect(createStarterModel(store)).toContain(
      'Made a model with 3 Inputs (user_id [1] int32, review [20] int32, features [3] float32)',
    );
    const g = store.getState().graph;
    expect(analyzeGraph(g).errors).toEqual([]);
    expect(bindingProblemsFor(g, three)).toEqual([]);
    expect(g.nodes.at(-1)!.params).toMatchObject({ units: 1, activation: 'linear' });
  });
});
