import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { exportLayersModel, SHARD_BYTES, shardWeights } from './keras-export';
import { importLayersModel } from './keras-import';
import { NonFiniteWeightsError, type LayerWeights } from './weights';

/** Input [64] → Dense 'd' (64×256 + 256 = 16,640 params, 66,560 bytes). */
const graph = buildGraph([
  { type: 'Input', name: 'x', params: { shape: [64] } },
  { type: 'Dense', name: 'd', params: { units: 256 } },
]);
const counting = (n: number, from = 0) => Float32Array.from({ length: n }, (_, i) => from + i / 7);
const weights = (): LayerWeights => ({
  d: [
    { name: 'kernel', shape: [64, 256], values: counting(64 * 256) },
    { name: 'bias', shape: [256], values: counting(256, 1) },
  ],
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exportLayersModel shards', () => {
  it('keeps one weights.bin up to a shard (4 MB, as tfjs writes)', () => {
    const { modelJson, shards } = exportLayersModel(graph, weights());
    expect(SHARD_BYTES).toBe(4 * 1024 * 1024);
    expect(modelJson.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    expect(shards.map((s) => s.data.byteLength)).toEqual([66_560]);
  });

  it('splits more weights into group1-shardNofM.bin files that our importer reads back equal', () => {
    const exported = exportLayersModel(graph, weights(), { shardBytes: 20_000 });
    expect(exported.modelJson.weightsManifest[0]!.paths).toEqual([
      'group1-shard1of4.bin',
      'group1-shard2of4.bin',
      'group1-shard3of4.bin',
      'group1-shard4of4.bin',
    ]);
    expect(exported.shards.map((s) => s.data.byteLength)).toEqual([20_000, 20_000, 20_000, 6_560]);
    const buffers = exported.shards.map((s) => s.data.slice().buffer);
    const back = importLayersModel(JSON.parse(JSON.stringify(exported.modelJson)), buffers);
    expect(back.weights?.d?.map((w) => w.values)).toEqual(weights().d!.map((w) => w.values));
  });

  it('is read back by stock tfjs, which fetches each shard by its manifest path', async () => {
    const exported = exportLayersModel(graph, weights(), { shardBytes: 20_000 });
    const files = new Map<string, Uint8Array>([
      ['model.json', new TextEncoder().encode(JSON.stringify(exported.modelJson))],
      ...exported.shards.map((s) => [s.path, s.data] as [string, Uint8Array]),
    ]);
    const fetched: string[] = [];
    const fetchFunc = async (url: string | URL | Request) => {
      const name = String(url).split('/').pop()!;
      fetched.push(name);
      const body = files.get(name);
      return new Response(body ? body.slice() : null, { status: body ? 200 : 404 });
    };
    const model = await tf.loadLayersModel(tf.io.http('http://example.test/m/model.json', { fetchFunc }));
    expect(fetched.filter((f) => f.endsWith('.bin'))).toHaveLength(4);
    const [kernel, bias] = model.getWeights();
    expect(Array.from(await kernel!.data())).toEqual(Array.from(weights().d![0]!.values));
    expect(Array.from(await bias!.data())).toEqual(Array.from(weights().d![1]!.values));
    model.dispose();
  });

  it('refuses a shard size that is no whole positive number of bytes', () => {
    expect(() => shardWeights(new ArrayBuffer(8), 0)).toThrow(/shard size must be a positive whole number/);
  });
});

describe('importing NaN or infinite weights', () => {
  it('is refused, naming the layer, the weight, the count and the first index', () => {
    const w = weights();
    w.d![0]!.values[17] = NaN;
    w.d![0]!.values[40] = NaN;
    w.d![0]!.values[99] = Infinity;
    const { modelJson, weightData } = exportLayersModel(graph, w);
    let err: unknown;
    try {
      importLayersModel(modelJson, weightData);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteWeightsError);
    expect((err as Error).message).toBe(
      "The weight data: layer 'd' weight 'kernel' has 2 NaN values and 1 infinite value (first at index 17); the weights are damaged",
    );
  });

  it('names -Infinity in a bias too', () => {
    const w = weights();
    w.d![1]!.values[3] = -Infinity;
    const { modelJson, weightData } = exportLayersModel(graph, w);
    expect(() => importLayersModel(modelJson, weightData)).toThrow(/layer 'd' weight 'bias' has 1 infinite value \(first at index 3\)/);
  });
});
