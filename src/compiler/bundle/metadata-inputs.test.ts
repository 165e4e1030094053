import { describe, expect, it } from 'vitest';
import { parseCsv, prepareTabular } from '../../data/tabular';
import { metadataFromDataset, metadataSchema, type ModelSignature } from './metadata';

async function mixedDataset() {
  const rows = ['user,price,review,liked'];
  for (let i = 0; i < 60; i++) {
    rows.push(`u${i % 6},${(i % 9) * 2.5},"${['good fun', 'dull plot', 'fine cast'][i % 3]} ${i % 4}",${i % 2}`);
  }
  const { dataset } = prepareTabular(await parseCsv(rows.join('\n')), {
    name: 'reviews',
    columns: { user: { role: 'id' }, review: { role: 'text', seqLen: 4 } },
  });
  return dataset;
}

const signature = (inputs: ModelSignature['inputs']): ModelSignature => ({
  inputs,
  outputs: [{ name: 'out', shape: [1] }],
});

describe('metadata.json of a model with several Inputs', () => {
  it("lists the model's Inputs in its order, each with its part's role, columns, offset and names", async () => {
    const dataset = await mixedDataset();
    expect(dataset.inputs!.map((p) => p.name)).toEqual(['user', 'features', 'review']);
    const m = metadataFromDataset(
      dataset,
      'm',
      signature([
        { name: 'review', shape: [4], dtype: 'int32' },
        { name: 'user', shape: [1], dtype: 'int32' },
        { name: 'features', shape: [null], dtype: 'float32' },
      ]),
    );
    expect(m.inputs).toEqual([
      {
        name: 'review',
        shape: [4],
        dtype: 'int32',
        featureNames: ['review[0]', 'review[1]', 'review[2]', 'review[3]'],
        role: 'text',
        columns: ['review'],
        offset: 2,
        vocabulary: dataset.inputs![2]!.vocabulary,
      },
      {
        name: 'user',
        shape: [1],
        dtype: 'int32',
        featureNames: ['user'],
        role: 'id',
        columns: ['user'],
        offset: 0,
        vocabulary: 7,
      },
      {
        name: 'features',
        shape: [null],
        dtype: 'float32',
        featureNames: ['price'],
        role: 'features',
        columns: ['price'],
        offset: 1,
      },
    ]);
    expect(m.outputs[0]!.meaning).toBe('binary-probability');
    // What is written is what is read back: the text and id features survive the schema.
    expect(metadataSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(m.preprocessing?.kind === 'tabular' && m.preprocessing.features.map((f) => f.type)).toEqual([
      'id',
      'numeric',
      'text',
    ]);
  });

  it('refuses an Input named as no part, a part with no Input, and a shape that differs', async () => {
    const dataset = await mixedDataset();
    const user = { name: 'user', shape: [1], dtype: 'int32' as const };
    const features = { name: 'features', shape: [1], dtype: 'float32' as const };
    const review = { name: 'review', shape: [4], dtype: 'int32' as const };
    expect(() => metadataFromDataset(dataset, 'm', signature([user, features, { ...review, name: 'text' }]))).toThrow(
      "The model's Input 'text' is not one of dataset 'reviews''s parts ('user', 'features', 'review'); name each Input after the part it takes",
    );
    expect(() => metadataFromDataset(dataset, 'm', signature([user, features]))).toThrow(
      "Dataset 'reviews' has a part no model Input takes: 'review'; add an Input named so for each",
    );
    expect(() => metadataFromDataset(dataset, 'm', signature([user, features, { ...review, shape: [8] }]))).toThrow(
      "The model's Input 'review' takes samples of shape [8] but the dataset's part 'review' has [4]; set the Input layer's shape to [4]",
    );
  });
});
