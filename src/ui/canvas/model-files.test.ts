import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { exportLayersModel } from '../../model/keras-export';
import type { LayerWeights } from '../../model/weights';
import { openModelFiles } from './model-files';

const graph = buildGraph([
  { type: 'Input', name: 'x', params: { shape: [8] } },
  { type: 'Dense', name: 'd', params: { units: 4 } },
]);
const weights = (): LayerWeights => ({
  d: [
    { name: 'kernel', shape: [8, 4], values: Float32Array.from({ length: 32 }, (_, i) => i) },
    { name: 'bias', shape: [4], values: new Float32Array(4) },
  ],
});

describe('openModelFiles ("Open a file" in the browser)', () => {
  it('refuses a model.json over the 64 MB cap without reading it', async () => {
    const unread = () => Promise.reject(new Error('the file was read'));
    const file = { name: 'model.json', size: 200 * 1024 * 1024, text: unread, arrayBuffer: unread, stream: () => { throw new Error('the file was read'); } } as unknown as File;
    await expect(openModelFiles([file])).rejects.toThrow(
      /^model\.json is 200\.0 MB; the limit for a JSON file is 64\.0 MB\. .*it was not read$/,
    );
  });

  it('refuses a deeply nested model.json while reading it, before JSON.parse', async () => {
    const file = new File([`{"modelTopology":${'['.repeat(20 * 1024 * 1024)}`], 'model.json');
    await expect(openModelFiles([file])).rejects.toThrow(/^model\.json is nested more than 256 levels deep at "modelTopology(\[0\])+…" \(byte 272\)/);
  });

  it('opens sharded weights (group1-shardNofM.bin) picked with the model.json', async () => {
    const exported = exportLayersModel(graph, weights(), { shardBytes: 64 });
    const files = [
      new File([JSON.stringify(exported.modelJson)], 'model.json'),
      ...exported.shards.map((s) => new File([s.data.slice()], s.path)),
    ];
    expect(files.map((f) => f.name)).toEqual(['model.json', 'group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    expect((await openModelFiles(files)).weights).toEqual(weights());
  });

  it('refuses NaN weights, naming the layer and weight and how to start fresh', async () => {
    const w = weights();
    w.d![1]!.values[2] = NaN;
    const { modelJson, weightData } = exportLayersModel(graph, w);
    const files = [new File([JSON.stringify(modelJson)], 'model.json'), new File([weightData], 'weights.bin')];
    await expect(openModelFiles(files)).rejects.toThrow(
      "model.json: The weight data: layer 'd' weight 'bias' has 1 NaN value (first at index 2); the weights are damaged; export the model again, or open the model.json without its .bin files to start from fresh weights",
    );
  });

  it('refuses a 3 GB or a truncated weights file from its size, unread', async () => {
    const { modelJson, weightData } = exportLayersModel(graph, weights());
    const json = new File([JSON.stringify(modelJson)], 'model.json');
    const unread = () => Promise.reject(new Error('NotReadableError: the file could not be read'));
    const huge = { name: 'weights.bin', size: 3 * 1024 ** 3, arrayBuffer: unread } as unknown as File;
    await expect(openModelFiles([json, huge])).rejects.toThrow(
      'The weights file weights.bin is 3072.0 MB; one weights file may be at most 1024.0 MB; export the model again',
    );
    const short = new File([weightData.slice(0, 100)], 'weights.bin');
    await expect(openModelFiles([json, short])).rejects.toThrow(
      "weights.bin holds 100 bytes but model.json's weightsManifest describes 144; a file is truncated or missing a shard",
    );
  });

  it('says which weights file could not be read, instead of the browser\'s words alone', async () => {
    const { modelJson, weightData } = exportLayersModel(graph, weights());
    const json = new File([JSON.stringify(modelJson)], 'model.json');
    const gone = {
      name: 'weights.bin',
      size: weightData.byteLength,
      arrayBuffer: () => Promise.reject(new Error('The requested file could not be read')),
    } as unknown as File;
    await expect(openModelFiles([json, gone])).rejects.toThrow(
      'The weights file weights.bin could not be read (The requested file could not be read); was it moved or changed? Choose it again.',
    );
  });
});
