import { describe, expect, it } from 'vitest';
import type { PreparedDataset } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import { buildGraph } from '../model/build';
import {
  bindDataset,
  embeddingMismatch,
  fitEmbeddingsToData,
  inputMismatch,
  matchInputToData,
} from './bind-dataset';
import { createStarterModel } from './starter-model';
import { createAppStore } from './index';

function textData(seqLen: number, vocab: number, task: PreparedDataset['task']): PreparedDataset {
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  const tokens = Array.from({ length: vocab }, (_, i) => `t${i}`);
  const transform = {
    kind: 'text',
    version: 1,
    tokenizer: { kind: 'char', vocab: tokens, padId: 0, unkId: 1 },
    seqLen,
    truncate: 'end',
    textColumn: null,
    task,
    label: null,
  };
  return {
    id: 't',
    name: 't',
    kind: 'text',
    task,
    inputShape: [seqLen],
    classNames: task === 'next-token' ? tokens : ['neg', 'pos'],
    train: empty,
    validation: empty,
    test: empty,
    transform: transform as never,
  };
}

const transformerish = () =>
  buildGraph([
    { type: 'Input', params: { shape: [32], dtype: 'int32' } },
    { type: 'TokenAndPositionEmbedding', params: { vocabulary_size: 50, sequence_length: 32, embedding_dim: 16 } },
    { type: 'GlobalAveragePooling1D' },
    { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
  ]);

describe('binding text data', () => {
  it('the Input takes [seqLen] of int32 ids; a float Input of the right shape still mismatches', () => {
    const store = createAppStore();
    store.getState().resetGraph(
      buildGraph([
        { type: 'Input', params: { shape: [64] } },
        { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
      ]),
    );
    const data = textData(64, 30, 'binary');
    expect(inputMismatch(store.getState().graph, data)).toBe(true);
    store.getState().setDataset(data);
    bindDataset(store, data);
    const input = store.getState().graph.nodes.find((n) => n.type === 'Input')!;
    expect(input.params).toMatchObject({ shape: [64], dtype: 'int32' });
    expect(store.getState().dataPage.bindingNotice).toMatch(/int32 token ids/);
    expect(matchInputToData(store)).toBe(false);
  });

  it('an embedding smaller than the vocabulary or the sequence length is pinned and sized in one undo step; larger is fine', () => {
    const store = createAppStore();
    store.getState().resetGraph(transformerish());
    const data = textData(48, 80, 'binary');
    store.getState().setDataset(data);
    bindDataset(store, data);
    const emb = store.getState().graph.nodes.find((n) => n.type === 'TokenAndPositionEmbedding')!;
    const problem = store.getState().bindingProblems.find((p) => p.nodeId === emb.id);
    expect(problem?.message).toMatch(
      /vocabulary \(vocabulary_size\) is 50, fewer than the tokenizer's 80 tokens; its sequence length \(sequence_length\) is 32, fewer than the data's 48 tokens/,
    );
    expect(fitEmbeddingsToData(store)).toBe(true);
    const sized = store.getState().graph.nodes.find((n) => n.id === emb.id)!;
    expect(sized.params).toMatchObject({ vocabulary_size: 80, sequence_length: 48 });
    expect(store.getState().bindingProblems).toEqual([]);
    store.getState().undo();
    expect(store.getState().graph.nodes.find((n) => n.id === emb.id)!.params.vocabulary_size).toBe(50);
    // A vocabulary larger than the tokenizer's is allowed (ids stay below it).
    expect(embeddingMismatch(transformerish(), textData(32, 20, 'binary'))).toBe(false);
  });

  it('the starter for text is the sized text template: a classifier, or the GPT for next-token', () => {
    for (const [task, type] of [
      ['binary', 'GlobalMaxPooling1D'],
      ['next-token', 'TokenAndPositionEmbedding'],
    ] as const) {
      const store = createAppStore();
      const data = textData(40, 60, task);
      store.getState().setDataset(data);
      expect(createStarterModel(store)).toMatch(/sized to the data: 40 tokens per sample, a vocabulary of 60/);
      const graph = store.getState().graph;
      expect(graph.nodes.find((n) => n.type === 'Input')!.params).toMatchObject({ shape: [40], dtype: 'int32' });
      expect(graph.nodes.some((n) => n.type === type)).toBe(true);
      expect(analyzeGraph(graph).errors).toEqual([]);
      expect(store.getState().bindingProblems).toEqual([]);
    }
  });
});
