import { beforeAll, describe, expect, it } from 'vitest';
import { imageTransform } from '../../data/images/transform';
import { parseCsv } from '../../data/csv/parse';
import { prepareTabular } from '../../data/tabular';
import type { PreparedDataset } from '../../data/types';
import { buildGraph } from '../../model/build';
import { templates } from '../../model/templates';
import {
  METADATA_FORMAT,
  METADATA_LIMITS,
  MetadataError,
  metadataFromDataset,
  metadataFromSignature,
  modelSignature,
  readMetadata,
  type ExportMetadata,
} from './metadata';

const CSV = [
  'size,colour,ok,kind',
  '1.5,red,yes,a',
  '2.5,blue,no,b',
  'NA,red,yes,a',
  '3.5,green,no,c',
  '4,blue,yes,b',
  '1,red,no,c',
]
  .concat(
    Array.from(
      { length: 24 },
      (_, i) => `${i % 7},${['red', 'blue', 'green'][i % 3]},${i % 2 ? 'yes' : 'no'},${'abc'[i % 3]}`,
    ),
  )
  .join('\n');

async function tabularDataset(): Promise<PreparedDataset> {
  return prepareTabular(await parseCsv(CSV), { label: 'kind', name: 'Shapes' }).dataset;
}

const imageDataset = (channels: 1 | 3): PreparedDataset => {
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return {
    id: 'img',
    name: 'Pets',
    kind: 'image',
    task: 'binary',
    inputShape: [16, 12, channels],
    classNames: ['cat', 'dog'],
    train: empty,
    validation: empty,
    test: empty,
    transform: imageTransform({ width: 12, height: 16, channels }),
  };
};

function failure(f: () => unknown): MetadataError {
  try {
    f();
  } catch (err) {
    if (err instanceof MetadataError) return err;
    throw err;
  }
  throw new Error('expected a MetadataError');
}

/** Parsed JSON, edited freely by the tests below to break one field at a time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A valid metadata object with one field changed, as JSON text. */
const edited = (base: ExportMetadata, edit: (m: Json) => void): string => {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  edit(copy);
  return JSON.stringify(copy);
};

describe('metadataFromDataset', () => {
  it('records the task, classes, input and output and the preprocessing, and reads back equal', async () => {
    const dataset = await tabularDataset();
    const m = metadataFromDataset(dataset, 'My "model"');
    expect(m).toMatchObject({
      format: METADATA_FORMAT,
      version: 1,
      modelName: 'My "model"',
      task: 'multiclass',
      classNames: ['a', 'b', 'c'],
      dataset: { name: 'Shapes', kind: 'tabular' },
      inputs: [{ shape: [dataset.inputShape[0]], dtype: 'float32' }],
      outputs: [{ shape: [3], meaning: 'class-probabilities' }],
    });
    expect(m.inputs[0]!.featureNames).toEqual(['size', 'colour=blue', 'colour=green', 'colour=red', 'ok']);
    expect(m.preprocessing).toEqual(dataset.transform);
    const text = JSON.stringify(m);
    expect(readMetadata(text)).toEqual(m);
    expect(readMetadata(new TextEncoder().encode(text))).toEqual(m);
    expect(readMetadata(JSON.parse(text))).toEqual(m);
  });

  it('describes image preprocessing, grayscale or RGB, and a single sigmoid unit', () => {
    const graph = buildGraph([
      { type: 'Input', name: 'photo', params: { shape: [16, 12, 1] } },
      { type: 'Flatten' },
      { type: 'Dense', name: 'p', params: { units: 1, activation: 'sigmoid' } },
    ]);
    const grey = metadataFromDataset(imageDataset(1), 'pets', modelSignature(graph));
    expect(grey.preprocessing).toEqual({
      kind: 'image',
      width: 12,
      height: 16,
      channels: 1,
      scale: '0-1',
      channelOrder: 'RGB',
      fit: 'stretch',
      grayscale: 'bt601-luma',
      alpha: 'composite-on-black',
    });
    expect(grey.inputs).toEqual([{ name: 'photo', shape: [16, 12, 1], dtype: 'float32', featureNames: null }]);
    expect(grey.outputs).toEqual([{ name: 'p', shape: [1], meaning: 'binary-probability' }]);
    expect(readMetadata(JSON.stringify(grey))).toEqual(grey);
    expect(metadataFromDataset(imageDataset(3), 'pets').preprocessing).toMatchObject({ channels: 3, grayscale: null });
  });

  it('says when the model does not take the dataset', async () => {
    const dataset = await tabularDataset();
    const wide = buildGraph([
      { type: 'Input', params: { shape: [9] } },
      { type: 'Dense', params: { units: 3 } },
    ]);
    const e = failure(() => metadataFromDataset(dataset, 'm', modelSignature(wide)));
    expect(e.message).toBe(
      `The model's input 'input' takes samples of shape [9] but dataset 'Shapes' has [5]; set the Input layer's shape to [5]`,
    );
    expect(e.path).toBe('inputs[0].shape');
    const two = buildGraph([
      { type: 'Input', params: { shape: [5] } },
      { type: 'Dense', params: { units: 2 } },
    ]);
    expect(failure(() => metadataFromDataset(dataset, 'm', modelSignature(two))).message).toMatch(
      /output 'dense' has shape \[2\], which does not fit the multiclass task with 3 classes/,
    );
  });

  it('names the field when the dataset carries a broken transform', async () => {
    const dataset = await tabularDataset();
    const t = JSON.parse(JSON.stringify(dataset.transform)) as { features: { scale?: { std: number } }[] };
    t.features[0]!.scale!.std = 0;
    const e = failure(() => metadataFromDataset({ ...dataset, transform: t }, 'm'));
    expect(e.path).toBe('preprocessing.features[0].scale.std');
    expect(e.message).toBe(
      `The preprocessing of dataset 'Shapes' is invalid at "preprocessing.features[0].scale.std": std must not be 0`,
    );
    expect(failure(() => metadataFromDataset({ ...dataset, transform: { kind: 'audio' } }, 'm')).message).toMatch(
      /unknown kind \(audio\)/,
    );
    expect(metadataFromDataset({ ...dataset, transform: null }, 'm').preprocessing).toBeNull();
  });

  it('describes regression: the value itself, with the target statistics for reference', async () => {
    const csv = ['a,b,price', ...Array.from({ length: 40 }, (_, i) => `${i},${(i * 3) % 7},${10 + 2 * i}`)].join('\n');
    const dataset = prepareTabular(await parseCsv(csv), { label: 'price', task: 'regression' }).dataset;
    const m = metadataFromDataset(dataset, 'prices');
    expect(m.task).toBe('regression');
    expect(m.classNames).toBeNull();
    expect(m.outputs).toEqual([{ name: 'output', shape: [1], meaning: 'value' }]);
    const label = m.preprocessing?.kind === 'tabular' ? m.preprocessing.label : null;
    expect(label).toMatchObject({ name: 'price', task: 'regression' });
    expect(label?.task === 'regression' && label.std).toBeGreaterThan(0);
    expect(readMetadata(JSON.stringify(m))).toEqual(m);
  });

  it('describes a model without a dataset by its shapes alone', () => {
    const twoInputs = buildGraph(templates.find((t) => t.id === 'two-input')!.drafts);
    const m = metadataFromSignature(modelSignature(twoInputs), 'joined');
    expect(m.inputs.map((i) => [i.name, i.shape])).toEqual([
      ['customer', [8]],
      ['product', [4]],
    ]);
    expect(m.outputs).toEqual([{ name: 'dense_2', shape: [1], meaning: 'raw' }]);
    expect(m.task).toBeNull();
    expect(readMetadata(JSON.stringify(m))).toEqual(m);
  });
});

describe('readMetadata refuses bad files, naming the field', () => {
  let good: ExportMetadata;
  beforeAll(async () => {
    good = metadataFromDataset(await tabularDataset(), 'm');
  });

  it.each([
    ['not JSON', () => '{"format":', /^metadata\.json is not valid JSON/, ''],
    ['not an object', () => '[1, 2]', /^metadata\.json must hold a JSON object$/, ''],
    [
      'another format',
      () => edited(good, (m) => (m.format = 'something-else')),
      /^This is not Layerloom model metadata/,
      'format',
    ],
    [
      'a newer version',
      () => edited(good, (m) => (m.version = 9)),
      /written by a newer Layerloom \(version 9/,
      'version',
    ],
    ['a missing field', () => edited(good, (m) => delete m.modelName), /at "modelName": /, 'modelName'],
    [
      'a wrong type deep inside',
      () => edited(good, (m) => (m.preprocessing.features[1].categories = 'red')),
      /at "preprocessing\.features\[1\]\.categories": /,
      'preprocessing.features[1].categories',
    ],
    [
      'an unknown feature type',
      () => edited(good, (m) => (m.preprocessing.features[0].type = 'audio')),
      /at "preprocessing\.features\[0\]\.type"/,
      'preprocessing.features[0].type',
    ],
    [
      'offsets that do not tile the inputs',
      () => edited(good, (m) => (m.preprocessing.features[1].offset = 2)),
      /"preprocessing\.features\[1\]\.offset": should be 1/,
      'preprocessing.features[1].offset',
    ],
    [
      'class names that disagree',
      () => edited(good, (m) => (m.classNames = ['x', 'y', 'z'])),
      /"preprocessing\.label\.classNames": should equal the top-level classNames/,
      'preprocessing.label.classNames',
    ],
    [
      'an output that does not fit the classes',
      () => edited(good, (m) => (m.outputs[0].shape = [4])),
      /"outputs\[0\]\.shape": should end in one unit per class name/,
      'outputs[0].shape',
    ],
    [
      'a minmax range of zero',
      () => edited(good, (m) => (m.preprocessing.features[0].scale = { kind: 'minmax', min: 1, max: 1 })),
      /"preprocessing\.features\[0\]\.scale\.max": max must differ from min/,
      'preprocessing.features[0].scale.max',
    ],
    [
      'a too-long name',
      () => edited(good, (m) => (m.modelName = 'x'.repeat(METADATA_LIMITS.text + 1))),
      /at "modelName": /,
      'modelName',
    ],
  ])('%s', (_what, make, message, path) => {
    const e = failure(() => readMetadata(make()));
    expect(e.message).toMatch(message);
    expect(e.path).toBe(path);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('the key %s anywhere', (key) => {
    const text = edited(good, (m) => (m.preprocessing.features[2].name = 'PLACEHOLDER')).replace(
      '"name":"PLACEHOLDER"',
      `"name":"c","${key}":{"polluted":true}`,
    );
    const e = failure(() => readMetadata(text));
    expect(e.message).toBe(
      `metadata.json contains the forbidden key "${key}" at "preprocessing.features[2].${key}"; the file may be malicious and was not read`,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nesting deeper than the limit', () => {
    const deep = `${'['.repeat(METADATA_LIMITS.depth + 5)}${']'.repeat(METADATA_LIMITS.depth + 5)}`;
    const e = failure(() => readMetadata(edited(good, (m) => (m.generatedBy = 'DEEP')).replace('"DEEP"', deep)));
    expect(e.message).toMatch(
      new RegExp(`nested more than ${METADATA_LIMITS.depth} levels deep at "generatedBy(\\[0\\])+"`),
    );
  });

  it('files over the size limit, before parsing them', () => {
    const big = ' '.repeat(METADATA_LIMITS.bytes + 1);
    expect(failure(() => readMetadata(big)).message).toBe('metadata.json is 16.0 MB; the limit is 16 MB');
    expect(failure(() => readMetadata(new Uint8Array(METADATA_LIMITS.bytes + 1))).message).toMatch(
      /the limit is 16 MB$/,
    );
  });

  it('bytes that are not UTF-8', () => {
    expect(failure(() => readMetadata(new Uint8Array([0x7b, 0xff, 0x7d]))).message).toBe(
      'metadata.json is not valid UTF-8 text',
    );
  });
});
