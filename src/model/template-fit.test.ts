import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { fitTemplate, proposeOutput, TemplateFitError, type DataFacts } from './template-fit';
import { templates } from './templates';

const table = (features: number, task: DataFacts['task'], classes: number): DataFacts => ({
  kind: 'tabular',
  task,
  inputShape: [features],
  classes,
});

function outputOf(id: string, facts: DataFacts) {
  const graph = fitTemplate(id, facts);
  const a = analyzeGraph(graph);
  const out = graph.nodes.find((n) => n.id === a.outputs[0])!;
  const input = graph.nodes.find((n) => n.type === 'Input')!;
  return { graph, a, out, input };
}

describe('fitTemplate', () => {
  it('sizes a table template to the features and classes', () => {
    const { input, out, a } = outputOf('mlp-binary', table(7, 'multiclass', 3));
    expect(input.params.shape).toEqual([7]);
    expect(out.params).toMatchObject({ units: 3, activation: 'softmax' });
    expect(a.errors).toEqual([]);
  });

  it('gives a regression table one linear output', () => {
    const { out } = outputOf('mlp-binary', table(4, 'regression', 0));
    expect(out.params).toMatchObject({ units: 1, activation: 'linear' });
  });

  it('reads a table as a sequence for the GRU template (the Reshape follows the features)', () => {
    const { graph, a } = outputOf('gru-regressor', table(21, 'regression', 0));
    const reshape = graph.nodes.find((n) => n.type === 'Reshape')!;
    expect(reshape.params.target_shape).toEqual([21, 1]);
    expect(a.shapes.get(reshape.id)).toEqual([null, 21, 1]);
  });

  it('sizes an image template to the image shape, and says when the image is too small for it', () => {
    const { input, out } = outputOf('mnist-cnn', {
      kind: 'image',
      task: 'multiclass',
      inputShape: [8, 8, 1],
      classes: 10,
    });
    expect(input.params.shape).toEqual([8, 8, 1]);
    expect(out.params).toMatchObject({ units: 10, activation: 'softmax' });
    expect(() =>
      fitTemplate('cifar-cnn', { kind: 'image', task: 'binary', inputShape: [4, 4, 3], classes: 2 }),
    ).toThrow(/does not fit data of shape \[4, 4, 3\]/);
  });

  it('gives text templates the vocabulary, the sequence length and int32 ids', () => {
    const { graph, input, out } = outputOf('lstm-text', {
      kind: 'text',
      task: 'binary',
      inputShape: [40],
      classes: 2,
      vocabSize: 500,
    });
    expect(input.params).toMatchObject({ shape: [40], dtype: 'int32' });
    expect(graph.nodes.find((n) => n.type === 'Embedding')!.params.input_dim).toBe(500);
    expect(out.params).toMatchObject({ units: 1, activation: 'sigmoid' });
  });

  it('sizes the Transformer classifier and the GPT to the vocabulary and the sequence length', () => {
    const text = { kind: 'text', task: 'multiclass', inputShape: [50], classes: 6, vocabSize: 3000 } as const;
    const { graph, a, out } = outputOf('text-transformer', text);
    expect(graph.nodes.find((n) => n.type === 'TokenAndPositionEmbedding')!.params).toMatchObject({
      vocabulary_size: 3000,
      sequence_length: 50,
    });
    expect(out.params).toMatchObject({ units: 6, activation: 'softmax' });
    expect(a.errors).toEqual([]);
    const gpt = outputOf('char-gpt', {
      kind: 'text',
      task: 'next-token',
      inputShape: [32],
      classes: 71,
      vocabSize: 71,
    });
    expect(gpt.a.shapes.get(gpt.out.id)).toEqual([null, 32, 71]);
    expect(() => fitTemplate('char-gpt', text)).toThrow(/is for one text to continue/);
  });

  it('sizes the text classifier to the data: token and position vectors, average and max pooled side by side', () => {
    const words = { kind: 'text', task: 'multiclass', inputShape: [16], classes: 7, vocabSize: 4000 } as const;
    const { graph, a, out, input } = outputOf('text-classifier', words);
    expect(a.errors).toEqual([]);
    expect(input.params).toMatchObject({ shape: [16], dtype: 'int32' });
    const emb = graph.nodes.find((n) => n.type === 'TokenAndPositionEmbedding')!;
    expect(emb.params).toMatchObject({ vocabulary_size: 4000, sequence_length: 16, embedding_dim: 64 });
    // Both poolings read the embedding; their joined vector is [avg 64 | max 64].
    const pools = graph.edges
      .filter((e) => e.source === emb.id)
      .map((e) => graph.nodes.find((n) => n.id === e.target)!.type);
    expect(pools.sort()).toEqual(['GlobalAveragePooling1D', 'GlobalMaxPooling1D']);
    const joined = graph.nodes.find((n) => n.type === 'Concatenate')!;
    expect(a.shapes.get(joined.id)).toEqual([null, 128]);
    expect(out.params).toMatchObject({ units: 7, activation: 'softmax' });
  });

  it('refuses data of another kind, naming the templates that fit it', () => {
    expect(() => fitTemplate('mnist-cnn', table(4, 'binary', 2))).toThrow(
      /'mnist-cnn' is for images, but this data is a table \(CSV\); templates for it: mlp-binary/,
    );
    expect(() => fitTemplate('nope', table(4, 'binary', 2))).toThrow(TemplateFitError);
    expect(() => fitTemplate('two-input', table(4, 'binary', 2))).toThrow(/nothing the trainer can feed yet/);
  });

  it('keeps a pretrained template at the size its weights were made for', () => {
    expect(() =>
      fitTemplate('transfer-fashion', { kind: 'image', task: 'multiclass', inputShape: [8, 8, 1], classes: 10 }),
    ).toThrow(/pretrained weights for samples of shape \[28,28,1\]/);
    expect(
      outputOf('transfer-fashion', { kind: 'image', task: 'multiclass', inputShape: [28, 28, 1], classes: 4 }).out
        .params.units,
    ).toBe(4);
  });

  it('every template names the data it trains on', () => {
    for (const t of templates) expect(t.data.length).toBeGreaterThan(0);
  });

  it('proposes outputs by task', () => {
    expect(proposeOutput('next-token', 65)).toEqual({ units: 65, activation: 'softmax' });
    expect(proposeOutput('binary', 2)).toEqual({ units: 1, activation: 'sigmoid' });
  });
});
