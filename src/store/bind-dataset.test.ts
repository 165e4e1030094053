import { describe, expect, it } from 'vitest';
import type { PreparedDataset } from '../data/types';
import { buildGraph } from '../model/build';
import { bindDataset, bindingProblemsFor, fixOutputLayer, inputMismatch, matchInputToData, proposeOutput } from './bind-dataset';
import { createStarterModel } from './starter-model';
import { createAppStore } from './index';

function dataset(task: PreparedDataset['task'], inputShape: number[], classes: string[] | null): PreparedDataset {
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return { id: 't', name: 't', kind: inputShape.length === 3 ? 'image' : 'tabular', task, inputShape, classNames: classes, train: empty, validation: empty, test: empty, transform: null };
}

const mlp = () =>
  buildGraph([
    { type: 'Input', params: { shape: [10] } },
    { type: 'Dense', params: { units: 8, activation: 'relu' } },
    { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
  ]);

describe('binding a dataset to the model', () => {
  it('proposes the output layer from the task', () => {
    expect(proposeOutput(dataset('multiclass', [4], ['a', 'b', 'c']))).toEqual({ units: 3, activation: 'softmax' });
    expect(proposeOutput(dataset('binary', [4], ['n', 'y']))).toEqual({ units: 1, activation: 'sigmoid' });
    expect(proposeOutput(dataset('regression', [4], null))).toEqual({ units: 1, activation: 'linear' });
  });

  it('sets the Input shape as one undo step and pins the output mismatch to the last Dense', () => {
    const store = createAppStore();
    store.getState().resetGraph(mlp());
    const iris = dataset('multiclass', [4], ['setosa', 'versicolor', 'virginica']);
    store.getState().setDataset(iris);
    bindDataset(store, iris);
    const s = store.getState();
    expect(s.graph.nodes.find((n) => n.type === 'Input')!.params.shape).toEqual([4]);
    expect(s.dataPage.bindingNotice).toContain('[10] to [4]');
    expect(s.bindingProblems).toHaveLength(1);
    expect(s.bindingProblems[0]!.nodeId).toBe(s.graph.nodes[2]!.id);
    expect(s.bindingProblems[0]!.message).toContain('3 units with softmax');

    expect(fixOutputLayer(store)).toBe(true);
    expect(store.getState().graph.nodes[2]!.params).toMatchObject({ units: 3, activation: 'softmax' });
    expect(store.getState().bindingProblems).toEqual([]);

    store.getState().undo();
    store.getState().undo();
    expect(store.getState().graph.nodes[0]!.params.shape).toEqual([10]);
    expect(bindingProblemsFor(store.getState().graph, iris).map((p) => p.nodeId)).toEqual(['n1', 'n3']);
  });

  it('builds a starter CNN for images that matches the data', () => {
    const store = createAppStore();
    const digits = dataset('multiclass', [8, 8, 1], Array.from({ length: 10 }, (_, i) => String(i)));
    store.getState().setDataset(digits);
    expect(createStarterModel(store)).toBe('Made a 3-layer CNN: Input [8, 8, 1] → Conv2D 32 → MaxPooling2D → Flatten → Dense 128 → Dense 10');
    const s = store.getState();
    expect(s.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense']);
    expect(s.analysis.errors).toEqual([]);
    expect(s.bindingProblems).toEqual([]);
  });

  it('says what the starter MLP is', () => {
    const store = createAppStore();
    store.getState().setDataset(dataset('multiclass', [4], ['a', 'b', 'c']));
    expect(createStarterModel(store)).toBe('Made a 3-layer MLP: Input [4] → Dense 64 → Dense 32 → Dense 3');
    expect(createStarterModel(createAppStore())).toBeNull();
  });

  it('matches a disagreeing Input to the data in one undo step', () => {
    const store = createAppStore();
    store.getState().resetGraph(mlp());
    const iris = dataset('multiclass', [4], ['a', 'b', 'c']);
    store.getState().setDataset(iris);
    expect(inputMismatch(store.getState().graph, iris)).toBe(true);
    expect(matchInputToData(store)).toBe(true);
    expect(store.getState().graph.nodes[0]!.params.shape).toEqual([4]);
    expect(inputMismatch(store.getState().graph, iris)).toBe(false);
    expect(store.getState().bindingProblems.map((p) => p.nodeId)).toEqual(['n3']);
    expect(matchInputToData(store)).toBe(false);
    store.getState().undo();
    expect(store.getState().graph.nodes[0]!.params.shape).toEqual([10]);
  });
});
